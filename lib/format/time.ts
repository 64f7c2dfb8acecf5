// Time texts: frame.time's "Oct  2, 2025 15:05:40.030951000 UTC" and the -t / -u formats of the Time column.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NS = 1_000_000_000n;

export type TimeFormat = "r" | "a" | "ad" | "adoy" | "d" | "dd" | "e" | "u" | "ud" | "udoy";
export const TIME_FORMATS: readonly TimeFormat[] = ["a", "ad", "adoy", "d", "dd", "e", "r", "u", "ud", "udoy"];

const p2 = (n: number) => (n < 10 ? "0" + n : String(n));

interface Parts {
  y: number; mo: number; d: number; h: number; mi: number; s: number; doy: number;
}

function parts(sec: bigint, utc: boolean): Parts {
  const dt = new Date(Number(sec) * 1000);
  const y = utc ? dt.getUTCFullYear() : dt.getFullYear();
  const mo = utc ? dt.getUTCMonth() : dt.getMonth();
  const d = utc ? dt.getUTCDate() : dt.getDate();
  const start = utc ? Date.UTC(y, 0, 1) : new Date(y, 0, 1).getTime();
  const here = utc ? Date.UTC(y, mo, d) : new Date(y, mo, d).getTime();
  return {
    y, mo, d,
    h: utc ? dt.getUTCHours() : dt.getHours(),
    mi: utc ? dt.getUTCMinutes() : dt.getMinutes(),
    s: utc ? dt.getUTCSeconds() : dt.getSeconds(),
    doy: Math.round((here - start) / 86_400_000) + 1,
  };
}

let zoneCache: { sec: bigint; name: string } | undefined;
/** The local zone's abbreviation ("UTC", "CET") as strftime %Z gives it. */
function zoneName(sec: bigint): string {
  if (zoneCache && zoneCache.sec === sec) return zoneCache.name;
  const name =
    new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(new Date(Number(sec) * 1000)).find((p) => p.type === "timeZoneName")?.value ?? "UTC";
  zoneCache = { sec, name };
  return name;
}

/** Split ns into seconds (floored) and the fraction. */
function split(ns: bigint): [bigint, bigint] {
  let sec = ns / NS;
  let frac = ns % NS;
  if (frac < 0n) {
    frac += NS;
    sec -= 1n;
  }
  return [sec, frac];
}

/** frame.time: local time, nanoseconds, zone name. */
export function absTimeText(ns: bigint): string {
  const [sec, frac] = split(ns);
  const t = parts(sec, false);
  const day = t.d < 10 ? " " + t.d : String(t.d);
  return `${MONTHS[t.mo]} ${day}, ${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${frac.toString().padStart(9, "0")} ${zoneName(sec)}`;
}

/** The fraction cut (not rounded) to `digits` places, with its dot; nothing for 0 digits. */
function fraction(frac: bigint, digits: number): string {
  if (digits <= 0) return "";
  return "." + (frac / 10n ** BigInt(9 - digits)).toString().padStart(digits, "0");
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];
const ZEROS = "000000000";

/** Seconds.fraction of a signed interval, with `digits` places. */
export function intervalText(ns: bigint, digits: number): string {
  // The common case (under 104 days) in plain numbers: no BigInt division per packet
  if (ns >= 0n && ns < 9_007_199_254_740_992n) {
    const n = Number(ns);
    const sec = Math.floor(n / 1e9);
    if (digits <= 0) return String(sec);
    const frac = String(Math.floor((n - sec * 1e9) / POW10[9 - digits]!));
    return `${sec}.${ZEROS.slice(0, digits - frac.length)}${frac}`;
  }
  const neg = ns < 0n;
  const a = neg ? -ns : ns;
  return `${neg ? "-" : ""}${a / NS}${fraction(a % NS, digits)}`;
}

/** -u hms: "1.496715711s", "2m 3.000000s", "1h 2m 3.000000s" */
export function hmsText(ns: bigint, digits: number): string {
  const neg = ns < 0n;
  const a = neg ? -ns : ns;
  const total = a / NS;
  const h = total / 3600n, m = (total / 60n) % 60n, s = total % 60n;
  const f = fraction(a % NS, digits);
  const sign = neg ? "-" : "";
  if (h > 0n) return `${sign}${h}h ${m}m ${s}${f}s`;
  if (m > 0n) return `${sign}${m}m ${s}${f}s`;
  return `${sign}${s}${f}s`;
}

/** Absolute time in one of the -t a/ad/adoy/u/ud/udoy forms, from whole seconds and nanoseconds. */
export function absColumnText(sec: number, nsec: number, fmt: TimeFormat, digits: number): string {
  const t = parts(BigInt(sec), fmt[0] === "u");
  const clock = `${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}${fractionNum(nsec, digits)}`;
  const kind = fmt.slice(1);
  if (kind === "d") return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${clock}`;
  if (kind === "doy") return `${t.y}/${String(t.doy).padStart(3, "0")} ${clock}`;
  return clock;
}

function fractionNum(nsec: number, digits: number): string {
  if (digits <= 0) return "";
  const f = String(Math.floor(nsec / POW10[9 - digits]!));
  return "." + ZEROS.slice(0, digits - f.length) + f;
}

/** Seconds.fraction of a signed interval given in nanoseconds as a number (exact below 2^53 ns). */
export function intervalNum(ns: number, digits: number): string {
  if (ns < 0) return "-" + intervalNum(-ns, digits);
  const sec = Math.floor(ns / 1e9);
  return digits <= 0 ? String(sec) : String(sec) + fractionNum(ns - sec * 1e9, digits);
}

/** Everything the Time column needs for one packet: the frame's time and the reference points, as numbers. */
export interface TimeContext {
  readonly sec: number;
  readonly nsec: number;
  /** this packet, the first one, the previous captured and displayed ones: ns since the session's first second */
  readonly rel: number;
  readonly first: number;
  readonly prevCaptured: number;
  readonly prevDisplayed: number;
}

/** The Time column in the chosen -t format, with -u hms for the relative forms. */
export function timeColumn(t: TimeContext, fmt: TimeFormat, digits: number, hms: boolean): string {
  switch (fmt) {
    case "r":
      return hms ? hmsText(BigInt(t.rel - t.first), digits) : intervalNum(t.rel - t.first, digits);
    case "d":
      return hms ? hmsText(BigInt(t.rel - t.prevCaptured), digits) : intervalNum(t.rel - t.prevCaptured, digits);
    case "dd":
      return hms ? hmsText(BigInt(t.rel - t.prevDisplayed), digits) : intervalNum(t.rel - t.prevDisplayed, digits);
    case "e":
      return String(t.sec) + fractionNum(t.nsec, digits);
    default:
      return absColumnText(t.sec, t.nsec, fmt, digits);
  }
}
