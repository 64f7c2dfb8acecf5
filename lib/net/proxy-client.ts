// tsnc -x/-X/-P (nc) and --proxy/--proxy-type/--proxy-auth (ncat): SOCKS4/4a, SOCKS5 and HTTP CONNECT handshakes.
//
// API (stable; the tsnc core wires it in):
//   proxyTypeOf(text)                 nc's -X ("4" | "5" | "connect") or ncat's --proxy-type ("socks4" |
//                                     "socks5" | "http") -> ProxyType; ToolError in the tool's words otherwise.
//   parseProxyAddress(text, type)     "-x addr[:port]" / "--proxy host:port" ("[v6]:port" too); the port
//                                     defaults to 1080 (SOCKS) or 3128 (HTTP), as nc.
//   proxyAuthOf(text)                 ncat's --proxy-auth "user:pass" -> ProxyAuth.
//   proxyPassword(user, proxyHost)    -P's password: $TSNC_PROXY_PASSWORD, else asked on the terminal.
//   proxyHandshake(stream, request)   talk to the proxy over a stream already connected to it; resolves with
//                                     the bytes that arrived after the proxy's answer (the tunnel's first
//                                     bytes), or throws ToolError with nc's texts (rc 1).
//
// Measured against netcat-openbsd 1.219 and test/support/proxy-server.ts: nc sends SOCKS5 requests with the
// host name when it is one (ATYP 3) and with the address otherwise (ATYP 1 / 4); nc -X 4 resolves names itself
// (pass `resolveForSocks4`; without it names go out as SOCKS4a); HTTP is "CONNECT host:port HTTP/1.0" with no
// other header unless credentials are given. Refusals: "connection failed, SOCKSv5 error: <RFC 1928 text>",
// "connection failed, SOCKSv4 error: <text>", `Proxy error: "<status line>"`, all exit 1.
import { openSync, readSync, writeSync, closeSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { ipFamily, ipv6Bytes } from "./sockaddr.ts";
import type { ByteStream } from "./stream.ts";

export type ProxyType = "socks4" | "socks5" | "http";

export interface ProxyAuth {
  readonly user: string;
  /** SOCKS4 sends only the user id; SOCKS5 and HTTP need the password too */
  readonly password?: string;
}

export interface ProxyRequest {
  readonly type: ProxyType;
  /** where the proxy should connect us: a host name or an IP literal (IPv6 without brackets) */
  readonly target: { readonly host: string; readonly port: number };
  readonly auth?: ProxyAuth;
  /** nc -X 4 resolves the target itself; give the IPv4 address a name maps to. Without it: SOCKS4a. */
  readonly resolveForSocks4?: (host: string) => Promise<string>;
}

/** nc's exit status for every proxy failure. */
export const PROXY_EXIT = 1;

/** nc's and ncat's texts, without the "tsnc: " prefix. */
export const PROXY_MESSAGES = {
  unsupportedProtocol: "unsupported proxy protocol",
  invalidType: (t: string) => `Invalid proxy type "${t}". QUITTING.`,
  socks5Error: (text: string) => `connection failed, SOCKSv5 error: ${text}`,
  socks4Error: (text: string) => `connection failed, SOCKSv4 error: ${text}`,
  httpError: (statusLine: string) => `Proxy error: "${statusLine}"`,
  methodNegotiation: "authentication method negotiation failed",
  authFailed: "proxy authentication failed",
  noPassphrase: "Unable to read proxy passphrase",
  closed: "proxy closed the connection during the handshake",
  socks4NoIpv6: "SOCKSv4 cannot connect to IPv6 addresses",
  hostTooLong: "host name too long for the SOCKS request",
} as const;

/** RFC 1928 reply codes as nc words them. */
const SOCKS5_REPLIES = [
  "Succeeded",
  "General SOCKS server failure",
  "Connection not allowed by ruleset",
  "Network unreachable",
  "Host unreachable",
  "Connection refused",
  "TTL expired",
  "Command not supported",
  "Address type not supported",
];

/** SOCKS4 reply codes (90 = granted) as nc words them. */
const SOCKS4_REPLIES: Record<number, string> = {
  90: "Succeeded",
  91: "Request rejected or failed",
  92: "SOCKS server cannot connect to identd on the client",
  93: "Client program and identd report different user-ids",
};

/** The names each flavour accepts: nc's -X and ncat's --proxy-type. */
const TYPE_NAMES: Record<"nc" | "ncat", Record<string, ProxyType>> = {
  nc: { "4": "socks4", "5": "socks5", connect: "http" },
  ncat: { socks4: "socks4", socks5: "socks5", http: "http" },
};

/** -X value (nc words, rc 1) or --proxy-type value (ncat words, rc 2). nc ignores case; ncat does not. */
export function proxyTypeOf(text: string, flavour: "nc" | "ncat" = "nc"): ProxyType {
  const key = flavour === "nc" ? text.toLowerCase() : text;
  const names = TYPE_NAMES[flavour];
  if (Object.hasOwn(names, key)) return names[key]!;
  throw flavour === "nc" ? new ToolError(PROXY_MESSAGES.unsupportedProtocol, 1) : new ToolError(PROXY_MESSAGES.invalidType(text), 2);
}

/** The proxy's own address: host[:port] or [v6][:port]; a bare IPv6 literal has no port. */
export function parseProxyAddress(text: string, type: ProxyType): { host: string; port: number } {
  const defaultPort = type === "http" ? 3128 : 1080;
  let host = text;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) [host, portText] = [bracketed[1]!, bracketed[2]];
  else if (ipFamily(text) !== 6 && text.includes(":")) {
    const at = text.lastIndexOf(":");
    [host, portText] = [text.slice(0, at), text.slice(at + 1)];
  }
  if (portText === undefined) return { host, port: defaultPort };
  if (!/^\d+$/.test(portText)) throw new ToolError(`port number invalid: ${portText}`, 1);
  const port = Number(portText);
  if (port > 65535) throw new ToolError(`port number too large: ${portText}`, 1);
  return { host, port };
}

/** ncat's --proxy-auth user:pass (the password may itself hold colons). */
export function proxyAuthOf(text: string): ProxyAuth {
  const at = text.indexOf(":");
  return at < 0 ? { user: text } : { user: text.slice(0, at), password: text.slice(at + 1) };
}

/**
 * The password for nc -P: $TSNC_PROXY_PASSWORD when set, else asked on /dev/tty with echo off (nc's
 * readpassphrase prompt). No terminal: nc's "Unable to read proxy passphrase", rc 1.
 */
export function proxyPassword(user: string, proxyHost: string): string {
  const fromEnv = process.env.TSNC_PROXY_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  let tty: number;
  try {
    tty = openSync("/dev/tty", "r+");
  } catch {
    throw new ToolError(PROXY_MESSAGES.noPassphrase, PROXY_EXIT);
  }
  const stty = (mode: string) => Bun.spawnSync(["stty", mode], { stdin: Bun.file("/dev/tty"), stdout: "ignore", stderr: "ignore" });
  try {
    writeSync(tty, `Proxy password for ${user}@${proxyHost}: `);
    stty("-echo");
    const bytes: number[] = [];
    const one = new Uint8Array(1);
    while (readSync(tty, one, 0, 1, null) === 1 && one[0] !== 0x0a) bytes.push(one[0]!);
    writeSync(tty, "\n");
    return Buffer.from(bytes).toString("utf8").replace(/\r$/, "");
  } finally {
    stty("echo");
    closeSync(tty);
  }
}

/** Exact-length reads over a stream's chunks, keeping whatever arrives beyond the handshake. */
function handshakeReader(stream: ByteStream) {
  const it = stream.chunks()[Symbol.asyncIterator]();
  let buf = new Uint8Array(0);
  const more = async (): Promise<void> => {
    const r = await it.next();
    if (r.done) throw new ToolError(PROXY_MESSAGES.closed, PROXY_EXIT);
    const next = new Uint8Array(buf.length + r.value.length);
    next.set(buf);
    next.set(r.value, buf.length);
    buf = next;
  };
  return {
    async take(n: number): Promise<Uint8Array> {
      while (buf.length < n) await more();
      const out = buf.slice(0, n);
      buf = buf.slice(n);
      return out;
    },
    /** Everything up to and including the first "\r\n\r\n". */
    async headers(): Promise<string> {
      for (;;) {
        const text = Buffer.from(buf).toString("latin1");
        const end = text.indexOf("\r\n\r\n");
        if (end >= 0) return new TextDecoder("latin1").decode(await this.take(end + 4));
        if (buf.length > 65536) throw new ToolError(PROXY_MESSAGES.closed, PROXY_EXIT);
        await more();
      }
    },
    rest: (): Uint8Array => buf,
  };
}

type Reader = ReturnType<typeof handshakeReader>;

const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const port16 = (p: number) => [p >> 8, p & 0xff];

async function socks5(stream: ByteStream, r: Reader, req: ProxyRequest): Promise<void> {
  const withPassword = req.auth?.password !== undefined;
  await stream.write(Uint8Array.from(withPassword ? [5, 2, 0, 2] : [5, 1, 0]));
  const [, method] = await r.take(2);
  if (method === 2 && withPassword) {
    const user = latin1(req.auth!.user);
    const pass = latin1(req.auth!.password!);
    if (user.length > 255 || pass.length > 255) throw new ToolError(PROXY_MESSAGES.authFailed, PROXY_EXIT);
    await stream.write(Uint8Array.from([1, user.length, ...user, pass.length, ...pass]));
    const [, status] = await r.take(2);
    if (status !== 0) throw new ToolError(PROXY_MESSAGES.authFailed, PROXY_EXIT);
  } else if (method !== 0) {
    throw new ToolError(PROXY_MESSAGES.methodNegotiation, PROXY_EXIT);
  }
  const { host, port } = req.target;
  const family = ipFamily(host);
  let address: number[];
  if (family === 4) address = [1, ...host.split(".").map(Number)];
  else if (family === 6) address = [4, ...ipv6Bytes(host)];
  else {
    const name = latin1(host);
    if (name.length > 255) throw new ToolError(PROXY_MESSAGES.hostTooLong, PROXY_EXIT);
    address = [3, name.length, ...name];
  }
  await stream.write(Uint8Array.from([5, 1, 0, ...address, ...port16(port)]));
  const [, rep, , atyp] = await r.take(4);
  if (rep !== 0) throw new ToolError(PROXY_MESSAGES.socks5Error(SOCKS5_REPLIES[rep!] ?? "Unknown error"), PROXY_EXIT);
  const boundLength = atyp === 1 ? 4 : atyp === 4 ? 16 : (await r.take(1))[0]!;
  await r.take(boundLength + 2);
}

async function socks4(stream: ByteStream, r: Reader, req: ProxyRequest): Promise<void> {
  let { host } = req.target;
  if (ipFamily(host) === 0 && req.resolveForSocks4) host = await req.resolveForSocks4(host);
  const family = ipFamily(host);
  if (family === 6) throw new ToolError(PROXY_MESSAGES.socks4NoIpv6, PROXY_EXIT);
  const user = latin1(req.auth?.user ?? "");
  // SOCKS4a: the address 0.0.0.1 says "the name follows the user id".
  const ip = family === 4 ? host.split(".").map(Number) : [0, 0, 0, 1];
  const name = family === 4 ? [] : [...latin1(host), 0];
  await stream.write(Uint8Array.from([4, 1, ...port16(req.target.port), ...ip, ...user, 0, ...name]));
  const [, code] = await r.take(8);
  if (code !== 90) throw new ToolError(PROXY_MESSAGES.socks4Error(SOCKS4_REPLIES[code!] ?? "Unknown error"), PROXY_EXIT);
}

async function httpConnect(stream: ByteStream, r: Reader, req: ProxyRequest): Promise<void> {
  const { host, port } = req.target;
  const authority = ipFamily(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  let head = `CONNECT ${authority} HTTP/1.0\r\n`;
  if (req.auth?.password !== undefined) {
    head += `Proxy-Authorization: Basic ${Buffer.from(`${req.auth.user}:${req.auth.password}`, "latin1").toString("base64")}\r\n`;
  }
  await stream.write(latin1(head + "\r\n"));
  const answer = await r.headers();
  const status = answer.slice(0, answer.indexOf("\r\n"));
  if (!/^HTTP\/1\.[01] 200 /.test(status + " ")) throw new ToolError(PROXY_MESSAGES.httpError(status), PROXY_EXIT);
}

const HANDSHAKES: Record<ProxyType, (s: ByteStream, r: Reader, req: ProxyRequest) => Promise<void>> = {
  socks4,
  socks5,
  http: httpConnect,
};

/** Ask the proxy for a tunnel to the target; resolves with the tunnel's bytes that came with the answer. */
export async function proxyHandshake(stream: ByteStream, req: ProxyRequest): Promise<Uint8Array> {
  const r = handshakeReader(stream);
  try {
    await HANDSHAKES[req.type](stream, r, req);
  } catch (e) {
    if (e instanceof ToolError) throw e;
    throw new ToolError(PROXY_MESSAGES.closed, PROXY_EXIT);
  }
  return r.rest();
}
