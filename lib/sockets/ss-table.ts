// ss's column layout: ten fields per row, widths measured from the data, right-aligned addresses, exact padding.

/** The ten fields of ss.c, in order: header, alignment and the delimiter printed before the field. */
export const SS_COLUMNS = [
  { header: "Netid", right: false, ldelim: "" },
  { header: "State", right: false, ldelim: " " },
  { header: "Recv-Q", right: false, ldelim: " " },
  { header: "Send-Q", right: false, ldelim: " " },
  { header: "Local Address:", right: true, ldelim: " " },
  { header: "Port", right: false, ldelim: "" },
  { header: "Peer Address:", right: true, ldelim: " " },
  { header: "Port", right: false, ldelim: "" },
  { header: "Process", right: false, ldelim: "" },
  { header: "", right: false, ldelim: "" },
] as const;

export const COL = { NETID: 0, STATE: 1, RECVQ: 2, SENDQ: 3, ADDR: 4, SERV: 5, RADDR: 6, RSERV: 7, EXT: 8, PROC: 9 } as const;

/** One output row: a value per column (disabled columns are ignored). */
export type SsRow = string[];

export function headerRow(): SsRow {
  return SS_COLUMNS.map((c) => c.header);
}

/**
 * render_calc_width + render: each enabled column is as wide as its longest value (plus its delimiter
 * unless it is the first non-empty column). On a terminal the spare width is spread over the columns
 * and rows wrap as ss wraps them; piped output is compact.
 */
export function renderSsTable(
  rows: readonly SsRow[],
  disabled: readonly boolean[],
  screenWidth?: number,
  paintState?: (state: string) => string,
  paintFrom = 1,
  /** column lengths measured by earlier renders of the same run (ss never forgets them: -E renders per event) */
  carried?: number[],
): Uint8Array {
  const n = SS_COLUMNS.length;
  const maxLen = carried ?? new Array<number>(n).fill(0);
  // ss measures a field when it moves on to the next one; the last row's Process field is never
  // followed by another, so its length does not count towards the column width.
  rows.forEach((r, i) => {
    const last = i === rows.length - 1;
    for (let c = 0; c < n; c++) {
      if (disabled[c] || (last && c >= COL.EXT)) continue;
      const len = c === COL.EXT || ((c === COL.ADDR || c === COL.RADDR) && unixRow(r)) ? byteLength(r[c]!) : r[c]!.length;
      if (len > maxLen[c]!) maxLen[c] = len;
    }
  });
  const width = columnWidths(maxLen, disabled, screenWidth);

  const firstCol = Math.max(0, width.findIndex((w) => w > 0));
  // Lay the rows out straight into bytes: one buffer, spaces filled in place (a 20,000-row listing is 1.3 MB).
  let bound = 0;
  const rowWidth = width.reduce((a, b) => a + b, 0) + n;
  for (const r of rows) bound += rowWidth + 3 * (r[COL.EXT]!.length + r[COL.ADDR]!.length + r[COL.RADDR]!.length) + (paintState ? 96 : 64);
  const buf = Buffer.allocUnsafe(bound);
  // The enabled columns as flat arrays, so the per-cell loop below does no lookups.
  const cols: number[] = [];
  for (let c = firstCol; c < n; c++) if (!disabled[c]) cols.push(c);
  const right = cols.map((c) => SS_COLUMNS[c]!.right);
  const delim = cols.map((c) => SS_COLUMNS[c]!.ldelim.length);
  const w = cols.map((c) => width[c]!);
  const measured = cols.map((c) => c === COL.EXT || c === COL.ADDR || c === COL.RADDR);
  const stateAt = cols.indexOf(COL.STATE);
  let off = 0;
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const r = rows[rowIndex]!;
    const unix = unixRow(r);
    for (let j = 0; j < cols.length; j++) {
      const text = r[cols[j]!]!;
      const len = measured[j] && (unix || cols[j] === COL.EXT) ? byteLength(text) : text.length;
      let printed = 0;
      if (j > 0 && delim[j]) {
        buf[off++] = 32;
        printed = 1;
      }
      const wj = w[j]!;
      if (right[j]) for (let k = wj - len - printed; k > 0; k--, printed++) buf[off++] = 32;
      // Colour wraps the text after the widths are known, so escape codes never shift a column.
      if (len) off = copyText(buf, off, paintState && j === stateAt && rowIndex >= paintFrom ? paintState(text) : text);
      printed += len;
      if (!right[j]) for (let k = wj - printed; k > 0; k--) buf[off++] = 32;
    }
    buf[off++] = 10;
  }
  return buf.subarray(0, off);
}

/** Copy a field's text in a plain loop (cheaper than a native call per field); non-ASCII goes through UTF-8. */
export function copyText(buf: Buffer, off: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch > 127) return off - i + buf.write(text, off - i, "utf8");
    buf[off + i] = ch;
  }
  return off + n;
}

/** Only unix socket names (and the Process field) can hold non-ASCII text. */
const unixRow = (r: SsRow): boolean => r[COL.NETID]!.charCodeAt(0) === 117 && r[COL.NETID]!.charCodeAt(1) === 95; // "u_"

/** Byte length as ss counts it (its buffer holds bytes); ASCII text is the common, cheap case. */
export function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return Buffer.byteLength(s);
  return s.length;
}

/** render_calc_width: measured lengths plus delimiters, then (on a terminal) the spare width shared out. */
export function columnWidths(maxLen: readonly number[], disabled: readonly boolean[], screenWidth?: number): number[] {
  const n = SS_COLUMNS.length;
  const width = new Array<number>(n).fill(0);
  let first = true;
  const screen = screenWidth ?? Number.MAX_SAFE_INTEGER;
  for (let c = 0; c < n; c++) {
    if (disabled[c]) continue;
    width[c] = !first && maxLen[c] ? maxLen[c]! + SS_COLUMNS[c]!.ldelim.length : maxLen[c]!;
    width[c] = Math.min(width[c]!, screen);
    if (width[c]) first = false;
  }
  if (screenWidth !== undefined) spreadToScreen(width, screenWidth);
  return width;
}

/** The second pass of render_calc_width: break into screen-wide lines and share out the spare space. */
function spreadToScreen(width: number[], screen: number): void {
  let len = 0;
  let linecols = 0;
  let eol = -1;
  for (let c = 0; c < width.length; c++) {
    if (!width[c]) continue;
    linecols++;
    len += width[c]!;
    let last = true;
    for (let t = c + 1; t < width.length; t++)
      if (width[t]) {
        last = false;
        break;
      }
    if (!last && len < screen) continue;
    if (len !== screen) {
      if (len > screen) {
        len -= width[c]!;
        c--;
        linecols--;
      }
      const pad = screen - len;
      const spacing = linecols ? Math.floor(pad / linecols) : 0;
      let rem = linecols ? pad % linecols : 0;
      for (let t = c; t > eol; t--) {
        if (!width[t]) continue;
        width[t]! += spacing;
        if (rem) {
          width[t]!++;
          rem--;
        }
      }
    }
    eol = c;
    len = 0;
    linecols = 0;
  }
}
