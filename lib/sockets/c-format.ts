// printf's %g and %.Ng in TypeScript: ss prints rtt, rto and rates with them, and scripts read those digits.

/** C's "%.{precision}g": shortest of fixed and exponent form, trailing zeros removed. */
export function formatG(x: number, precision = 6): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return "0";
  const p = precision === 0 ? 1 : precision;
  const exp = Number(x.toExponential(p - 1).split("e")[1]);
  let text: string;
  if (exp < -4 || exp >= p) {
    const [mant, e] = x.toExponential(p - 1).split("e");
    const m = mant!.includes(".") ? mant!.replace(/0+$/, "").replace(/\.$/, "") : mant!;
    const en = Number(e);
    text = `${m}e${en < 0 ? "-" : "+"}${String(Math.abs(en)).padStart(2, "0")}`;
  } else {
    text = x.toFixed(Math.max(0, p - 1 - exp));
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  }
  return text;
}

/** C's "%#x": 0 prints as "0", anything else with a 0x prefix. */
export const hashHex = (n: number): string => (n === 0 ? "0" : `0x${n.toString(16)}`);
