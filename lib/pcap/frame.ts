// The frame record every capture source yields and every writer and dissector takes.

/** One captured frame. `data` holds `caplen` bytes; `len` is the length on the wire. */
export interface Frame {
  /** capture time in nanoseconds since the Unix epoch */
  readonly ts: bigint;
  readonly caplen: number;
  readonly len: number;
  /** LINKTYPE_* number (1 Ethernet, 113 Linux SLL, 276 SLL2, 0 NULL, 101 raw ...) */
  readonly linktype: number;
  readonly data: Uint8Array;
  /** interface index in a pcapng file or live capture (0 for pcap) */
  readonly iface?: number;
  /** pcapng packet comment(s), if any */
  readonly comments?: readonly string[];
  /** `ts` split into whole seconds and nanoseconds, when the source has them as numbers (no bigint cost) */
  readonly tsSec?: number;
  readonly tsNsec?: number;
  /** a link-layer pseudo-header the file had in front of `data` (SunATM, *_WITH_DIR ...); not in caplen/len */
  readonly pseudoHeader?: Uint8Array;
}

/** Where frames come from: a pcap or pcapng reader, stdin, or a live capture. */
export type FrameSource = AsyncIterable<Frame>;
