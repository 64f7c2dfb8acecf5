// Equality, ordering and containment of filter values, per value class (numbers, addresses with CIDR, bytes, strings).
import type { Net, Val, ValueClass } from "./value-class.ts";

export type Rel = (a: Val, b: Val) => boolean;

function isNet(v: Val): v is Net {
  return typeof v === "object" && !(v instanceof Uint8Array);
}

/** Wireshark's byte-string order: the shorter one first, memcmp only between equal lengths. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `needle` occurs in `hay`. */
export function bytesContain(hay: Uint8Array, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first); i >= 0 && i + n <= hay.length; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < n; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function ipv4InNet(a: number, n: Net): boolean {
  if (n.bits === 0) return true;
  const mask = n.bits === 32 ? 0xffffffff : ~((1 << (32 - n.bits)) - 1);
  return ((a ^ (n.net as number)) & mask) === 0;
}

function ipv6InNet(a: Uint8Array, n: Net): boolean {
  const net = n.net as Uint8Array;
  const whole = n.bits >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== net[i]) return false;
  const rest = n.bits & 7;
  if (!rest) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[whole]! ^ net[whole]!) & mask) === 0;
}

/** Three-way comparison of two values of one class (a CIDR literal compares as its network address). */
export function orderOf(cls: ValueClass): (a: Val, b: Val) => number {
  switch (cls) {
    case "bytes":
    case "ipv6":
      return (a, b) => compareBytes(a as Uint8Array, (isNet(b) ? b.net : b) as Uint8Array);
    case "string":
      return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    default:
      return (a, b) => {
        const y = isNet(b) ? (b.net as number) : b;
        return a < y ? -1 : a > y ? 1 : 0;
      };
  }
}

/** Equality for a class. */
export function equalOf(cls: ValueClass): Rel {
  switch (cls) {
    case "bytes":
      return (a, b) => bytesEqual(a as Uint8Array, b as Uint8Array);
    case "ipv6":
      return (a, b) => (isNet(b) ? ipv6InNet(a as Uint8Array, b) : bytesEqual(a as Uint8Array, b as Uint8Array));
    case "ipv4":
      return (a, b) => (isNet(b) ? ipv4InNet(a as number, b) : a === b);
    case "string":
      return (a, b) => a === b;
    default:
      // numbers and bigints of 64-bit fields compare loosely on purpose (1n == 1)
      return (a, b) => a == b;
  }
}

/** The relation behind a comparison operator (contains and matches are built by the compiler). */
export function relationOf(op: "eq" | "ne" | "gt" | "ge" | "lt" | "le", cls: ValueClass): Rel {
  if (op === "eq") return equalOf(cls);
  if (op === "ne") {
    const eq = equalOf(cls);
    return (a, b) => !eq(a, b);
  }
  const ord = orderOf(cls);
  switch (op) {
    case "gt":
      return (a, b) => ord(a, b) > 0;
    case "ge":
      return (a, b) => ord(a, b) >= 0;
    case "lt":
      return (a, b) => ord(a, b) < 0;
    default:
      return (a, b) => ord(a, b) <= 0;
  }
}

/** Containment: bytes in bytes, text in text. */
export function containsOf(cls: ValueClass): Rel {
  if (cls === "string") return (a, b) => (a as string).includes(b as string);
  return (a, b) => bytesContain(a as Uint8Array, b as Uint8Array);
}
