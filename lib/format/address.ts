// Address text as Wireshark writes it: dotted IPv4, RFC 5952 IPv6, colon-separated MAC.
import { hexColon } from "../dissect/names.ts";

export function ipv4Text(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function ipv4At(data: Uint8Array, off: number): string {
  return `${data[off]}.${data[off + 1]}.${data[off + 2]}.${data[off + 3]}`;
}

/** RFC 5952: lower case, longest run (>= 2 groups) of zero groups as "::", first one on ties; IPv4-mapped tail. */
export function ipv6At(data: Uint8Array, off: number): string {
  const g = groups;
  for (let i = 0; i < 8; i++) g[i] = (data[off + 2 * i]! << 8) | data[off + 2 * i + 1]!;
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  // ::ffff:a.b.c.d and the deprecated ::a.b.c.d forms keep a dotted tail, as inet_ntop writes them
  if (best === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff))) {
    const tail = ipv4At(data, off + 12);
    return bestLen === 6 ? `::${tail}` : `::ffff:${tail}`;
  }
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      s += i === 0 ? "::" : ":";
      i += bestLen - 1;
      continue;
    }
    s += HEX16[g[i]!] ?? g[i]!.toString(16);
    if (i < 7) s += ":";
  }
  return s;
}
const groups = new Array<number>(8).fill(0);
/** hex text of small group values, the common case in addresses */
const HEX16: string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16));

export function etherAt(data: Uint8Array, off: number): string {
  return hexColon(data, off, 6);
}
