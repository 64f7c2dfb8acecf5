// Ports and hosts from the command line: validated, resolved, and written the way the lecture writes them, ('', 12000).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { ToolError } from "../cli/error.ts";

/** Exit status for bad command-line input (usage errors); network failures exit 1. */
export const USAGE_EXIT = 2;

/** The course's port. */
export const COURSE_PORT = 12000;

/** A port number from text: digits only, 0-65535 (0 = let the system choose, for servers). */
export function parsePort(text: string | number | undefined, fallback = COURSE_PORT, allowZero = true): number {
  if (text === undefined || text === "") return fallback;
  const s = String(text);
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n > 65535 || (n === 0 && !allowZero))
    throw new ToolError(`port number out of range: ${s} (a port is a number from ${allowZero ? 0 : 1} to 65535)`, USAGE_EXIT);
  return n;
}

/** A whole number option within bounds, with the option's name in the error. */
export function parseCount(name: string, text: unknown, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || text === "" || text === true) return fallback;
  const s = String(text);
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new ToolError(`--${name} wants a whole number from ${min} to ${max}, not '${s}'`, USAGE_EXIT);
  return n;
}

/** A number (seconds, probabilities) within bounds. */
export function parseNumber(name: string, text: unknown, fallback: number, min: number, max: number): number {
  if (text === undefined || text === "" || text === true) return fallback;
  const s = String(text);
  const n = /^\d*\.?\d+(e-?\d+)?$/i.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n < min || n > max)
    throw new ToolError(`--${name} wants a number from ${min} to ${max}, not '${s}'`, USAGE_EXIT);
  return n;
}

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) is shown as the IPv4 address it is. */
export const unmapped = (addr: string): string => (addr.startsWith("::ffff:") && addr.includes(".") ? addr.slice(7) : addr);

/** An address as Python's socket module shows it: ('127.0.0.1', 12000); the wildcard as the course writes it, ''. */
export function pyAddr(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" ? "" : unmapped(host);
  return `('${h}', ${port})`;
}

/** host:port for messages, with IPv6 in brackets. */
export const hostPort = (host: string, port: number): string => {
  const h = unmapped(host);
  return h.includes(":") ? `[${h}]:${port}` : `${h}:${port}`;
};

export type Family = "AF_INET" | "AF_INET6";
export const familyOf = (addr: string): Family => (isIP(addr) === 6 ? "AF_INET6" : "AF_INET");

/** Resolve a host name to one address (literal addresses pass through); an unknown name is a clear error. */
export async function resolveHost(host: string): Promise<string> {
  const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (isIP(literal)) return literal;
  if (literal === "") return "0.0.0.0";
  try {
    return (await lookup(literal)).address;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOTFOUND" ? "Name or service not known" : code === "EAI_AGAIN" ? "Temporary failure in name resolution" : String(code ?? e);
    throw new ToolError(`cannot resolve host '${host}': ${why}`, USAGE_EXIT);
  }
}
