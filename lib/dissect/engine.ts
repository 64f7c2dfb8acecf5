// dissectFrame: one Frame in, one Packet out (tree, columns, index); never throws.
import type { Frame } from "../pcap/frame.ts";
import { dissectFrameRoot } from "./frame.ts";
import { showException } from "./exceptions.ts";
import type { Session } from "./session.ts";
import { Tvb } from "./tvb.ts";
import { Columns, Packet } from "./tree.ts";

/** What the renderers and filters of this run need from each packet. */
export interface DissectWants {
  /** build the whole tree (-V, -T json/pdml, -Y, -O) */
  readonly full: boolean;
  /** field ids -e asked for (when not full); null for none */
  readonly want: Uint8Array | null;
  /** fill in the summary columns */
  readonly columns: boolean;
}

/** Dissect one frame. A dissector bug is reported as a malformed packet, never as an exception. */
export function dissectFrame(session: Session, frame: Frame, num: number, wants: DissectWants): Packet {
  const pkt = new Packet(num, frame, session, wants.full, wants.want, wants.columns ? new Columns() : null);
  const tvb = Tvb.ofFrame(frame.data, frame.len);
  try {
    dissectFrameRoot(tvb, pkt);
  } catch (err) {
    showException(err, tvb, pkt, pkt.root);
  }
  return pkt;
}
