// How bytes are shown to a student: Python's b'...' notation (as the lecture prints them) and a hex dump of the wire.

/** Python's repr of a bytes object, cut after `max` bytes: b'hello\n', b'\x00\x00\x00\x05'. */
export function pyBytes(data: Uint8Array, max = 48): string {
  let s = "";
  const n = Math.min(data.length, max);
  for (let i = 0; i < n; i++) {
    const b = data[i]!;
    if (b === 0x5c) s += "\\\\";
    else if (b === 0x27) s += "\\'";
    else if (b === 0x0a) s += "\\n";
    else if (b === 0x0d) s += "\\r";
    else if (b === 0x09) s += "\\t";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\x" + b.toString(16).padStart(2, "0");
  }
  return `b'${s}'${data.length > max ? `... (${data.length} bytes)` : ""}`;
}

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".");

/** Classic 16-bytes-a-line dump: offset, hex in two groups of eight, then the printable characters. */
export function hexDump(data: Uint8Array, indent = "    "): string[] {
  const lines: string[] = [];
  for (let off = 0; off < data.length; off += 16) {
    const row = data.subarray(off, off + 16);
    let hex = "";
    for (let i = 0; i < 16; i++) {
      hex += i < row.length ? row[i]!.toString(16).padStart(2, "0") + " " : "   ";
      if (i === 7) hex += " ";
    }
    lines.push(`${indent}${off.toString(16).padStart(8, "0")}  ${hex} |${[...row].map(printable).join("")}|`);
  }
  return lines;
}
