// Absolute-time literals of display filters: ISO 8601 ("2020-07-04T12:34:56Z") and tshark's "Sep 26, 2004 23:18:04.954975 [UTC]".

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Seconds east of UTC that local time had at this UTC instant (honours TZ through the JS runtime). */
function localOffsetSec(utcMs: number): number {
  return -new Date(utcMs).getTimezoneOffset() * 60;
}

function assemble(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string, zone: string | undefined): bigint | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const utcMs = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset: number;
  if (zone === undefined || zone === "") offset = localOffsetSec(utcMs - localOffsetSec(utcMs) * 1000);
  else if (zone === "Z" || zone === "UTC") offset = 0;
  else {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!m) return undefined;
    offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
  }
  const sec = BigInt(utcMs / 1000) - BigInt(offset);
  return sec * 1_000_000_000n + BigInt(frac.slice(0, 9).padEnd(9, "0"));
}

/** Nanoseconds since the epoch, or undefined when the text is not a time tshark accepts. */
export function parseAbsTime(text: string): bigint | undefined {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) return assemble(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), m[7] ?? "", m[8]);
  m = /^([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:\s+(UTC))?$/.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    if (!mo) return undefined;
    return assemble(+m[3]!, mo, +m[2]!, +m[4]!, +m[5]!, +m[6]!, m[7] ?? "", m[8]);
  }
  return undefined;
}
