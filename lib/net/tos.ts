// nc's -T argument: the IP TOS / DSCP keywords and numbers it accepts, as a table.

/** Keyword -> TOS byte, the same set OpenBSD nc's map_tos() knows. */
export const TOS_KEYWORDS: Readonly<Record<string, number>> = {
  af11: 0x28, af12: 0x30, af13: 0x38,
  af21: 0x48, af22: 0x50, af23: 0x58,
  af31: 0x68, af32: 0x70, af33: 0x78,
  af41: 0x88, af42: 0x90, af43: 0x98,
  critical: 0xa0,
  cs0: 0x00, cs1: 0x20, cs2: 0x40, cs3: 0x60, cs4: 0x80, cs5: 0xa0, cs6: 0xc0, cs7: 0xe0,
  ef: 0xb8,
  inetcontrol: 0xc0,
  lowcost: 0x02,
  lowdelay: 0x10,
  netcontrol: 0xe0,
  reliability: 0x04,
  throughput: 0x08,
};

/** The TOS byte for a -T value (keyword, 0x-hex or decimal 0..255), or undefined when nc would reject it. */
export function parseTos(text: string): number | undefined {
  const kw = TOS_KEYWORDS[text];
  if (kw !== undefined) return kw;
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : /^\s*[+-]?\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}
