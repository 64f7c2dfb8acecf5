// The shape of a -z statistic: it folds over dissected packets and prints one report at the end.
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";

/** A display filter compiled for a statistic (lib/filter supplies it; stats do not import the filter engine). */
export type PacketTest = (pkt: Packet) => boolean;
export type FilterCompiler = (text: string) => { test: PacketTest; fields: readonly Field[] };

/** What the binary lends the statistics: the filter compiler and the Time column's precision per packet. */
export interface StatEnv {
  readonly compile?: FilterCompiler;
  readonly timeDigits?: (pkt: Packet) => number;
}

/** What a statistic needs to know about the whole capture when it reports. */
export interface CaptureSpan {
  /** timestamp of the first frame read (ns since the epoch); -1n when there was none */
  readonly firstTs: bigint;
  /** timestamp of the last frame read */
  readonly lastTs: bigint;
}

export interface Stat {
  /** the -z argument as given, for messages */
  readonly arg: string;
  /** fields whose nodes the statistic reads (the engine builds only those when no full tree is wanted) */
  readonly fields: readonly Field[];
  /** the statistic needs every node of the tree (protocol hierarchy) */
  readonly fullTree: boolean;
  /** the statistic reads the summary columns (flow graphs label arrows with the Info column) */
  readonly columns?: boolean;
  /** a display filter the caller applies before packet() ("" for all); the statistic prints it in its header */
  readonly filter: string;
  /** fold one packet in (only packets that passed the statistic's filter) */
  packet(pkt: Packet): void;
  /** the text tshark prints for this statistic at the end of the run */
  report(span: CaptureSpan): string;
}
