// State that lives across the packets of one capture: options, dispatch tables, timing and analysis state.
import type { Tables } from "./tables.ts";

/** Name resolution as -n / -N choose it (tshark's default "mNd": MAC names on, network and ports off). */
export interface Resolution {
  mac: boolean;
  network: boolean;
  transport: boolean;
}

export interface SessionOptions {
  readonly tables: Tables;
  readonly resolve?: Partial<Resolution>;
  /** -2: a first pass collects state, a second one prints with forward references */
  readonly twoPass?: boolean;
}

/** One capture's dissection state. Analysis modules keep theirs through `state(owner, make)`. */
export class Session {
  readonly tables: Tables;
  readonly resolve: Resolution;
  readonly twoPass: boolean;
  /** 1 while collecting (or the only pass), 2 in the printing pass of -2 */
  pass: 1 | 2 = 1;
  /**
   * Time as plain numbers: `baseSec` is the first frame's second, and every packet's `rel` counts
   * nanoseconds from it (exact for 104 days), so no BigInt is made per packet.
   */
  baseSec = Number.NaN;
  firstRel = -1;
  prevRel = -1;
  prevDisplayedRel = -1;
  /** the interface descriptions of the source, for frame.interface_name */
  interfaceNames: readonly string[] = [];
  private readonly states = new Map<object, unknown>();

  constructor(o: SessionOptions) {
    this.tables = o.tables;
    this.resolve = { mac: true, network: false, transport: false, ...o.resolve };
    this.twoPass = o.twoPass ?? false;
  }

  /** The state an analysis module keeps for this capture, made on first use. */
  state<T>(owner: object, make: () => T): T {
    let s = this.states.get(owner) as T | undefined;
    if (s === undefined) {
      s = make();
      this.states.set(owner, s);
    }
    return s;
  }

  /** Start the printing pass of -2: per-frame results from pass 1 stay, running state restarts. */
  beginSecondPass(): void {
    this.pass = 2;
    this.firstRel = this.prevRel = this.prevDisplayedRel = -1;
  }
}
