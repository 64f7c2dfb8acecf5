// The Frame the readers build: the timestamp is kept as two numbers and made a bigint only on demand.
//
// BigInt arithmetic costs about 90 ns a frame in Bun, more than parsing the record itself, and
// many consumers (counting, filtering on bytes, writing) never look at the timestamp.
import type { Frame } from "./frame.ts";

export class TimedFrame implements Frame {
  constructor(
    /** whole seconds since the Unix epoch */
    readonly tsSec: number,
    /** nanoseconds within that second (negative or over 1e9 only when a damaged file says so, as wiretap keeps it) */
    readonly tsNsec: number,
    readonly caplen: number,
    readonly len: number,
    readonly linktype: number,
    readonly data: Uint8Array,
    readonly iface: number,
    readonly comments?: readonly string[],
    readonly pseudoHeader?: Uint8Array,
  ) {}

  get ts(): bigint {
    return BigInt(this.tsSec) * 1_000_000_000n + BigInt(this.tsNsec);
  }
}
