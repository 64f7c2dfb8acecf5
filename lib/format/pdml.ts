// -T pdml (the packet tree as XML, every field with show/value/pos/size) and -T psml (the summary columns as XML).
import type { Expert, Node, Packet } from "../dissect/tree.ts";
import { HIDDEN } from "../dissect/tree.ts";
import { absTimeText } from "./time.ts";
import { hexBytes, nodeLabel } from "./value.ts";
import { expertGroupNumber, isTextItem, jsonValue, packetLayers, SEVERITY_NUMBER } from "./json-tree.ts";
import { COLUMN_TITLES } from "./columns.ts";
import { childrenInOrder } from "../dissect/expert.ts";

const XML_ESCAPES: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#x27;" };
/** Attribute text, escaped as Wireshark's xml_escape does. */
const NEEDS_ESCAPE = /[<>&"']/;
export function xmlEscape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[<>&"']/g, (c) => XML_ESCAPES[c]!);
}

/** ctime(3)-style local time, as the pdml element's time attribute ("Wed Nov 25 06:08:37 2026"). */
function ctimeText(d: Date): string {
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (x: number) => String(x).padStart(2, "0");
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

/** The lines before the first packet. `captureFile` is the -r argument as given; `version` e.g. "4.0.17". */
export function pdmlStart(captureFile: string, version: string, now = new Date()): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<?xml-stylesheet type="text/xsl" href="pdml2html.xsl"?>\n' +
    "<!-- You can find pdml2html.xsl in /usr/share/wireshark or at https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n" +
    `<pdml version="0" creator="wireshark/${version}" time="${ctimeText(now)}" capture_file="${xmlEscape(captureFile)}">\n`
  );
}

export const pdmlEnd = (): string => "</pdml>\n";

/** Bytes a node covers, in hex (what the value attribute shows); empty when it covers none. */
function coveredHex(n: Node): string {
  const len = Math.min(n.length, Math.max(0, n.data.length - n.start));
  return len > 0 ? hexBytes(n.data, n.start, len) : "";
}

function expertXml(e: Expert, pos: number, indent: string, out: string[]): void {
  const i2 = indent + "  ";
  out.push(`${indent}<field name="_ws.expert" showname="${xmlEscape(`Expert Info (${e.severity}/${e.group}): ${e.message}`)}" size="0" pos="${pos}">`);
  out.push(`${i2}<field name="${e.abbrev}" showname="${xmlEscape(e.message)}" size="0" pos="0" show="" value=""/>`);
  out.push(`${i2}<field name="_ws.expert.message" showname="${xmlEscape(`Message: ${e.message}`)}" hide="yes" size="0" pos="0" show="${xmlEscape(e.message)}"/>`);
  out.push(`${i2}<field name="_ws.expert.severity" showname="Severity level: ${e.severity}" size="0" pos="0" show="${SEVERITY_NUMBER[e.severity]}"/>`);
  out.push(`${i2}<field name="_ws.expert.group" showname="Group: ${xmlEscape(e.group)}" size="0" pos="0" show="${expertGroupNumber(e.group)}"/>`);
  out.push(`${indent}</field>`);
}

function hasBody(n: Node): boolean {
  return !!(n.children?.length || n.expert?.length);
}

function body(n: Node, indent: string, out: string[], open: string, close: string): void {
  if (!hasBody(n)) return void out.push(open + "/>");
  out.push(open + ">");
  for (const c of childrenInOrder(n)) {
    if (c.node) nodeXml(c.node, indent + "  ", out);
    else expertXml(c.expert, n.start, indent + "  ", out);
  }
  // the malformed marker carries a hidden copy of itself, as Wireshark's does
  if (n.field.type === "FT_PROTOCOL" && n.label !== null && n.expert) {
    out.push(`${indent}  <proto name="${n.field.abbrev}" showname="${xmlEscape(n.field.name)}" hide="yes" size="0" pos="${n.start}"/>`);
  }
  out.push(`${indent}${close}`);
}

function nodeXml(n: Node, indent: string, out: string[]): void {
  const hide = n.flags & HIDDEN ? ' hide="yes"' : "";
  const where = `size="${n.length}" pos="${n.start}"`;
  if (isTextItem(n)) {
    const hex = coveredHex(n);
    body(n, indent, out, `${indent}<field name="" show="${xmlEscape(nodeLabel(n))}" ${where}${hex ? ` value="${hex}"` : ""}`, "</field>");
    return;
  }
  const f = n.field;
  const showname = ` showname="${xmlEscape(nodeLabel(n))}"`;
  if (f.type === "FT_PROTOCOL") {
    body(n, indent, out, `${indent}<proto name="${f.abbrev}"${showname}${hide} ${where}`, "</proto>");
    return;
  }
  let attrs: string;
  if (f.type === "FT_NONE") attrs = ' show="" value=""';
  else {
    const hex = coveredHex(n);
    attrs = ` show="${xmlEscape(jsonValue(n) ?? "")}"`;
    if (f.mask && (typeof n.value === "number" || typeof n.value === "bigint")) attrs += ` value="${n.value.toString(16)}" unmaskedvalue="${hex}"`;
    else if (hex) attrs += ` value="${hex}"`;
  }
  body(n, indent, out, `${indent}<field name="${f.abbrev}"${showname}${hide} ${where}${attrs}`, "</field>");
}

/** One packet: the geninfo pseudo-protocol, then the frame and every layer. */
export function pdmlPacket(pkt: Packet): string {
  const fr = pkt.frame;
  const len = fr.len, cap = fr.caplen;
  const secs = fr.ts / 1_000_000_000n, frac = (fr.ts % 1_000_000_000n).toString().padStart(9, "0");
  const out: string[] = [
    "<packet>",
    `  <proto name="geninfo" pos="0" showname="General information" size="${cap}">`,
    `    <field name="num" pos="0" show="${pkt.num}" showname="Number" value="${pkt.num.toString(16)}" size="${cap}"/>`,
    `    <field name="len" pos="0" show="${len}" showname="Frame Length" value="${len.toString(16)}" size="${cap}"/>`,
    `    <field name="caplen" pos="0" show="${cap}" showname="Captured Length" value="${cap.toString(16)}" size="${cap}"/>`,
    `    <field name="timestamp" pos="0" show="${xmlEscape(absTimeText(fr.ts))}" showname="Captured Time" value="${secs}.${frac}" size="${cap}"/>`,
    "  </proto>",
  ];
  for (const layer of packetLayers(pkt)) nodeXml(layer, "  ", out);
  out.push("</packet>", "", "", "");
  return out.join("\n");
}

/** -T psml: the header with the column titles. */
export function psmlStart(version: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<psml version="0" creator="wireshark/${version}">\n<structure>\n${COLUMN_TITLES.map((t) => `<section>${t}</section>\n`).join("")}</structure>\n\n`;
}

/** One packet's summary columns (as lib/format/columns.ts columnTexts makes them). */
export function psmlPacket(columns: readonly string[]): string {
  return `<packet>\n${columns.map((c) => `<section>${xmlEscape(c)}</section>\n`).join("")}</packet>\n\n`;
}

export const psmlEnd = (): string => "</psml>\n";
