// DNS names on the wire (RFC 1035 4.1.4): labels, compression pointers with loop protection, as Wireshark prints them.
import type { Tvb } from "./tvb.ts";

export interface DnsName {
  /** dotted text; "<Root>" for the root name */
  readonly text: string;
  /** bytes the name takes at its own position (a pointer ends it) */
  readonly used: number;
  /** labels counted */
  readonly labels: number;
}

/** Longest name text Wireshark builds before it gives up (MAX_DNAME_LEN). */
const MAX_NAME = 255;

/** Label bytes as Wireshark shows them: printable ASCII as is, dots and backslashes escaped, the rest as \DDD. */
function labelText(tvb: Tvb, off: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const c = tvb.u8(off + i);
    if (c === 0x2e || c === 0x5c) s += "\\" + String.fromCharCode(c);
    else if (c > 0x20 && c < 0x7f) s += String.fromCharCode(c);
    // Wireshark copies high bytes as they are; tshark then prints the invalid UTF-8 as U+FFFD.
    else if (c >= 0x80) s += "\ufffd";
    else s += "\\" + c.toString().padStart(3, "0");
  }
  return s;
}

/**
 * Read the name at `off` of the DNS message `msg` (offsets of pointers are relative to the message).
 * Reads past the captured bytes throw (the engine marks the packet); a pointer loop ends the name with
 * Wireshark's marker text instead of looping.
 */
export function readDnsName(msg: Tvb, off: number): DnsName {
  let text = "";
  let labels = 0;
  let used = -1;
  let pos = off;
  let steps = 0;
  const limit = msg.reported;
  for (;;) {
    const len = msg.u8(pos);
    if (len === 0) {
      if (used < 0) used = pos + 1 - off;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      const target = ((len & 0x3f) << 8) | msg.u8(pos + 1);
      if (used < 0) used = pos + 2 - off;
      // Every hop visits a byte at least once; more hops than message bytes means a loop.
      if (++steps > limit) {
        text = "<Name contains a pointer that loops>";
        // Wireshark has counted the label it was reading when it gave up
        labels = Math.max(labels, 1);
        break;
      }
      pos = target;
      continue;
    }
    if (kind !== 0) {
      // 0x40 (extended) and 0x80 label types: Wireshark names them and stops.
      text += text ? "." : "";
      text += kind === 0x40 ? "<Unknown extended label>" : "<Unknown extended label>";
      if (used < 0) used = pos + 1 - off;
      break;
    }
    const part = labelText(msg, pos + 1, len);
    text += text ? "." + part : part;
    labels++;
    pos += 1 + len;
    if (text.length > MAX_NAME) {
      text = "<Name too long>";
      // Skip to the end of the name without reading it into text.
      while (used < 0) {
        const l = msg.u8(pos);
        if (l === 0) used = pos + 1 - off;
        else if ((l & 0xc0) === 0xc0) used = pos + 2 - off;
        else pos += 1 + (l & 0x3f);
      }
      break;
    }
  }
  // the root name counts as one (empty) label in Wireshark's label count
  return { text: text === "" ? "<Root>" : text, used, labels: text === "" ? 1 : labels };
}
