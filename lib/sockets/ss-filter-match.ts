// Whether a socket passes an ss filter: run_ssfilter's rules for ports, prefixes (v4 rules match v4-mapped IPv6), unix globs, marks.
import { addressBytes, prefixMatch } from "./inet-address.ts";
import { FAMILY, type SocketRecord } from "./record.ts";
import { isEphemeral } from "./services.ts";
import type { FilterNode, HostCond } from "./ss-filter.ts";

const pad16 = (b: Uint8Array | undefined): Uint8Array => {
  const out = new Uint8Array(16);
  if (b) out.set(b.subarray(0, 16));
  return out;
};

/** inet2_addr_match: a v4 rule also matches a v4-mapped IPv6 socket. */
function addrMatches(sock: Uint8Array | undefined, p: { bytes: Uint8Array; bits: number }): boolean {
  const a = pad16(sock);
  if (prefixMatch(a, pad16(p.bytes), p.bits)) return true;
  if (p.bytes.length === 4 && sock?.length === 16) {
    const mapped = sock.subarray(0, 10).every((x) => x === 0) && sock[10] === 0xff && sock[11] === 0xff;
    if (mapped) return prefixMatch(pad16(sock.subarray(12)), pad16(p.bytes), p.bits);
  }
  return false;
}

/** fnmatch(pattern, name, FNM_CASEFOLD) for unix socket names. */
function globMatch(pattern: string, name: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "\\" && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(re + "$", "is").test(name);
}

function condMatches(c: HostCond, s: SocketRecord, local: boolean): boolean {
  const end = local ? s.local : s.remote;
  if (c.unixGlob !== undefined) return s.family === FAMILY.UNIX && globMatch(c.unixGlob, end.addr);
  if (c.port !== -1 && c.port !== end.port) return false;
  if (c.prefixes.length === 0) return true;
  if (s.family !== FAMILY.INET && s.family !== FAMILY.INET6) return false;
  const bytes = addressBytes(end);
  return c.prefixes.some((p) => addrMatches(bytes, p));
}

/** run_ssfilter: whether a socket passes the filter. */
export function matchSsFilter(f: FilterNode, s: SocketRecord): boolean {
  switch (f.kind) {
    case "and": return matchSsFilter(f.a, s) && matchSsFilter(f.b, s);
    case "or": return matchSsFilter(f.a, s) || matchSsFilter(f.b, s);
    case "not": return !matchSsFilter(f.a, s);
    case "src": return condMatches(f.cond, s, true);
    case "dst": return condMatches(f.cond, s, false);
    case "sport>=": return s.local.port >= f.port;
    case "sport<=": return s.local.port <= f.port;
    case "dport>=": return s.remote.port >= f.port;
    case "dport<=": return s.remote.port <= f.port;
    case "dev": return s.iface === f.iface;
    case "fwmark": return (((s.mark ?? 0) & f.mask) >>> 0) === f.mark;
    case "autobound":
      if (s.family === FAMILY.UNIX) return s.local.addr === "" || /^@[0-9a-f]{5}$/.test(s.local.addr);
      return isEphemeral(s.local.port);
  }
}
