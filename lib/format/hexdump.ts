// The -x packet bytes: tshark's hex and ASCII dump (offset, 16 bytes in hex, the printable ASCII).
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Offset digits as Wireshark's print.c picks them: 4 unless the last offset needs more. */
function offsetDigits(end: number): number {
  if (end & 0xf0000000) return 8;
  if (end & 0x0f000000) return 7;
  if (end & 0x00f00000) return 6;
  if (end & 0x000f0000) return 5;
  return 4;
}

/** Dump bytes as tshark -x does: one line per 16 bytes, "0000  00 11 ... 45 00   ..\"3Df..E." */
export function hexDumpLines(data: Uint8Array, off = 0, len = data.length - off): string[] {
  const out: string[] = [];
  const digits = offsetDigits(len);
  for (let line = 0; line < len; line += 16) {
    const n = Math.min(16, len - line);
    let hex = "";
    let ascii = "";
    for (let i = 0; i < n; i++) {
      const b = data[off + line + i]!;
      hex += (i ? " " : "") + HEX_PAIRS[b];
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
    }
    out.push(`${line.toString(16).padStart(digits, "0")}  ${hex.padEnd(47)}   ${ascii}`);
  }
  return out;
}

/** The -x text of one frame, with the blank line tshark prints after it. */
export function hexDumpText(data: Uint8Array): string {
  const lines = hexDumpLines(data);
  return lines.length ? lines.join("\n") + "\n\n" : "\n";
}
