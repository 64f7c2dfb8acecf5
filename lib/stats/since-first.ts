// A packet's time since the capture's first frame, in nanoseconds, as the statistics keep it.
import type { Packet } from "../dissect/tree.ts";

export function sinceFirst(pkt: Packet): bigint {
  return BigInt(pkt.rel - pkt.session.firstRel);
}
