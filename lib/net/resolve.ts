// Name resolution as nc does it: getaddrinfo for destinations (nc's error texts), getnameinfo for -v texts.
import { ipFamily } from "./sockaddr.ts";
import { ToolError } from "../cli/error.ts";

export interface ResolvedAddress {
  readonly address: string;
  readonly family: "IPv4" | "IPv6";
}

/** getaddrinfo's gai_strerror texts for the failures users meet. */
const GAI_TEXT: Record<string, string> = {
  ENOTFOUND: "Name or service not known",
  EAI_NONAME: "Name or service not known",
  EAI_AGAIN: "Temporary failure in name resolution",
  ENODATA: "No address associated with hostname",
  EAI_ADDRFAMILY: "Address family for hostname not supported",
  EAI_FAIL: "Non-recoverable failure in name resolution",
};

/**
 * Every address of `host` (literal, /etc/hosts or DNS), filtered by -4/-6. With -n only literals are accepted.
 * Failure: `getaddrinfo for host "H" port P: <text>`, rc 1, as nc words it.
 */
export async function resolveHost(host: string, port: number | string, family: 0 | 4 | 6, numeric: boolean): Promise<ResolvedAddress[]> {
  const fail = (code: string) => new ToolError(`getaddrinfo for host "${host}" port ${port}: ${GAI_TEXT[code] ?? code}`, 1);
  const literal = ipFamily(host);
  if (literal) {
    if (family && literal !== family) throw fail("EAI_ADDRFAMILY");
    return [{ address: host, family: literal === 4 ? "IPv4" : "IPv6" }];
  }
  if (numeric) throw fail("EAI_NONAME");
  try {
    const dns = await import("node:dns"); // loaded only for names: it costs startup time
    const found = await dns.promises.lookup(host, { all: true, family, verbatim: true });
    if (found.length === 0) throw fail("ENOTFOUND");
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? "IPv6" : "IPv4" }));
  } catch (e) {
    if (e instanceof ToolError) throw e;
    throw fail((e as NodeJS.ErrnoException).code ?? "ENOTFOUND");
  }
}

/** The name getnameinfo gives an address (127.0.0.1 -> localhost), or the address itself; -n skips the lookup. */
export async function reverseName(address: string, numeric: boolean): Promise<string> {
  if (numeric || !address || address === "0.0.0.0" || address === "::") return address;
  try {
    const dns = await import("node:dns");
    const { hostname } = await dns.promises.lookupService(address, 0);
    return hostname || address;
  } catch {
    return address;
  }
}
