// Turning a dissector's bounds errors into tshark's markers ("[Packet size limited during capture]", "[Malformed Packet]").
import { defineProtocol } from "./field.ts";
import { BoundsError, ReportedBoundsError, type Tvb } from "./tvb.ts";
import type { Node, Packet } from "./tree.ts";

export const malformed = defineProtocol({ abbrev: "_ws.malformed", name: "Malformed Packet", short: "Malformed packet" }, {
  dissector_bug: { name: "Dissector bug", type: "FT_NONE" },
  reassembly: { name: "Reassembly error", type: "FT_NONE" },
  expert: { name: "Malformed Packet (Exception occurred)", type: "FT_NONE" },
});
export const short = defineProtocol({ abbrev: "_ws.short", name: "Short Frame", short: "Short frame" }, {});
export const unreassembled = defineProtocol({ abbrev: "_ws.unreassembled", name: "Unreassembled Fragmented Packet", short: "Unreassembled fragmented packet" }, {});

/**
 * Show an exception the way Wireshark's show_exception does: an Info marker and a tree item naming the
 * protocol that ran out of bytes. Errors that are not bounds errors are dissector bugs: shown as malformed
 * (with the message under TSNET_DEBUG) so that one bad packet never stops the capture.
 */
export function showException(err: unknown, tvb: Tvb, pkt: Packet, parent: Node): void {
  const c = pkt.cols;
  if (err instanceof BoundsError) {
    c?.appendInfo("[Packet size limited during capture]");
    const n = pkt.add(parent, short.self, tvb, 0, 0, null);
    if (pkt.full) n.setLabel(`[Packet size limited during capture: ${pkt.curProto} truncated]`);
    return;
  }
  if (!(err instanceof ReportedBoundsError) && process.env.TSNET_DEBUG === "1") {
    process.stderr.write(`tsshark: dissector bug in frame ${pkt.num} (${pkt.curProto}): ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  if (pkt.info.fragmented) {
    c?.appendInfo("[Unreassembled Packet] ");
    const n = pkt.add(parent, unreassembled.self, tvb, 0, 0, null);
    if (pkt.full) n.setLabel(`[Unreassembled Packet: ${pkt.curProto}]`);
    return;
  }
  c?.appendInfo("[Malformed Packet]");
  const n = pkt.add(parent, malformed.self, tvb, 0, 0, null);
  if (pkt.full) {
    n.setLabel(`[Malformed Packet: ${pkt.curProto}]`);
    n.expert = [{ abbrev: "_ws.malformed.expert", severity: "Error", group: "Malformed", message: "Malformed Packet (Exception occurred)" }];
  }
}

/** Run a sub-dissection and show (not rethrow) its bounds errors: Wireshark's TRY/CATCH_NONFATAL_ERRORS. */
export function catchNonFatal(tvb: Tvb, pkt: Packet, parent: Node, body: () => void): void {
  try {
    body();
  } catch (err) {
    showException(err, tvb, pkt, parent);
  }
}
