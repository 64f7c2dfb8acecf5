// What an HTTP body is handed to by its media type: "Line-based text data" for text/*, "Media Type" or Data otherwise.
import { defineProtocol } from "./field.ts";
import { callData } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";

export const textLines = defineProtocol({ abbrev: "data-text-lines", name: "Line-based text data", short: "Line-based text data" }, {});
export const media = defineProtocol({ abbrev: "media", name: "Media Type", short: "Media" }, {
  type: { name: "Media type", type: "FT_BYTES", abbrev: "media.type" },
});

/** Control characters as Wireshark's format_text escapes them in labels. */
export function escapeLabel(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, (ch) => {
    const named: Record<string, string> = { "\r": "\\r", "\n": "\\n", "\t": "\\t", "\v": "\\v", "\f": "\\f", "\b": "\\b", "\x07": "\\a" };
    return named[ch] ?? "\\" + ch.charCodeAt(0).toString(8).padStart(3, "0");
  });
}

function dissectTextLines(tvb: Tvb, pkt: Packet, parent: Node, mediaType: string): void {
  const top = pkt.addProto(parent, textLines, tvb, 0, -1);
  const n = tvb.captured;
  let lines = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (tvb.u8(i) !== 0x0a && i !== n - 1) continue;
    lines++;
    if (pkt.full) pkt.addText(top, tvb, start, i + 1 - start, escapeLabel(tvb.ascii(start, i + 1 - start)));
    start = i + 1;
  }
  if (pkt.full) top.setLabel(`Line-based text data: ${mediaType} (${lines} lines)`);
  pkt.cols?.appendInfo(` (${mediaType})`);
}

/** Hand a body to the dissector of its media type (lower-cased, parameters removed). */
export function dissectBody(tvb: Tvb, pkt: Packet, parent: Node, mediaType: string): void {
  if (tvb.reported <= 0) return;
  if (mediaType.startsWith("text/")) return dissectTextLines(tvb, pkt, parent, mediaType);
  if (mediaType === "" || mediaType === "application/octet-stream") return void callData(tvb, pkt, parent);
  const top = pkt.addProto(parent, media, tvb, 0, -1);
  const n = pkt.add(top, media.f.type, tvb, 0, tvb.captured, null);
  if (pkt.full) n.setLabel(`Media type: ${mediaType} (${tvb.reported} byte${tvb.reported === 1 ? "" : "s"})`);
}
