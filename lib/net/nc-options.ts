// Turns tsnc's argv into one typed NcOptions, rejecting bad values and combinations in nc 1.219's words.
import { getopt, glibcMessages, opt, type ParsedArgs } from "../cli/getopt.ts";
import { ToolError } from "../cli/error.ts";
import { NC_FLAGS, NC_USAGE } from "./nc-flags.ts";
import { parseTos } from "./tos.ts";

export type ProxyProtocol = "4" | "5" | "connect";

/** Everything one tsnc run was asked to do. Field comments name the flag. */
export interface NcOptions {
  readonly family: 0 | 4 | 6; // -4 / -6
  readonly broadcast: boolean; // -b
  readonly crlf: boolean; // -C
  readonly soDebug: boolean; // -D
  readonly noStdin: boolean; // -d
  readonly passFd: boolean; // -F
  readonly recvBuf?: number; // -I
  readonly sndBuf?: number; // -O
  readonly intervalSec: number; // -i
  readonly keepOpen: boolean; // -k / --keep-open
  readonly listen: boolean; // -l
  readonly ttl?: number; // -M
  readonly minTtl?: number; // -m
  readonly shutdownOnEof: boolean; // -N (also implied by -q)
  readonly numeric: boolean; // -n
  readonly proxyUser?: string; // -P
  readonly sourcePort?: string; // -p
  readonly quitSec: number; // -q; negative: never
  readonly randomize: boolean; // -r
  readonly sourceAddr?: string; // -s
  readonly tos?: number; // -T
  readonly telnet: boolean; // -t
  readonly unix: boolean; // -U
  readonly udp: boolean; // -u
  readonly verbose: number; // -v count
  readonly recvLimit?: number; // -W
  readonly timeoutSec?: number; // -w
  readonly proxyProto: ProxyProtocol; // -X
  readonly proxy?: string; // -x
  readonly zero: boolean; // -z
  // ncat's extras
  readonly exec?: string; // -e
  readonly shExec?: string; // -c
  readonly output?: string; // -o
  readonly hexDump?: string;
  readonly appendOutput: boolean;
  readonly maxConns?: number;
  readonly broker: boolean;
  readonly chat: boolean;
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly allowFiles: readonly string[];
  readonly denyFiles: readonly string[];
  readonly sendOnly: boolean;
  readonly recvOnly: boolean;
  readonly noShutdown: boolean;
  readonly idleTimeoutMs?: number;
  readonly ssl: boolean;
  readonly sslCert?: string;
  readonly sslKey?: string;
  readonly sslVerify: boolean;
  readonly sslTrustfile?: string;
  readonly sslServername?: string;
  readonly sslAlpn?: string;
  readonly sslCiphers?: string;
  readonly ncatProxy?: string;
  readonly ncatProxyType?: string;
  readonly ncatProxyAuth?: string;
  readonly json: boolean;
  /** destination host (client), listen address (-l), or socket path (-U) */
  readonly host?: string;
  /** port arguments as typed (client: one or more; listener: at most one) */
  readonly ports: readonly string[];
}

export type NcCommand = { kind: "help" } | { kind: "version" } | { kind: "usage" } | { kind: "run"; options: NcOptions };

const fail = (msg: string) => new ToolError(msg, 1);
const usage = () => new ToolError(NC_USAGE[0]!, 1, NC_USAGE.slice(1), true);

/** OpenBSD strtonum: decimal, whole string, within [min, max]; nc words its errors "<what> invalid|too small|too large". */
export function strtonum(text: string, min: number, max: number): { value: number } | { error: "invalid" | "too small" | "too large" } {
  if (!/^\s*[+-]?\d+$/.test(text)) return { error: "invalid" };
  const n = Number(text);
  if (n < min) return { error: "too small" };
  if (n > max) return { error: "too large" };
  return { value: n };
}

/** A numeric option's value, or nc's error line: `<label> <error>: <text>` (or `<label> is <error>` for ttl). */
function num(p: ParsedArgs, key: string, min: number, max: number, label: (err: string, text: string) => string): number | undefined {
  const text = opt.str(p, key);
  if (text === undefined) return undefined;
  const r = strtonum(text, min, max);
  if ("error" in r) throw fail(label(r.error, text));
  return r.value;
}

/** ncat time values: a number with an optional ms, s, m or h suffix (seconds by default). */
export function parseNcatTime(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) return undefined;
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"]!;
  return Math.round(Number(m[1]) * scale);
}

const INT_MAX = 2 ** 31 - 1;

/** Parse argv; throws ToolError with nc's message and exit code 1 for anything nc would refuse. */
export function parseNcArgs(argv: readonly string[]): NcCommand {
  if (argv.length === 0) return { kind: "usage" };
  const p = getopt(argv, NC_FLAGS, glibcMessages("tsnc", 1, NC_USAGE));
  if (opt.flag(p, "h")) return { kind: "help" };
  if (opt.flag(p, "version")) return { kind: "version" };

  // Values are checked as nc does, each with its own wording.
  const recvBuf = num(p, "I", 1, 65536 << 14, (e, t) => `TCP receive window ${e}: ${t}`);
  const sndBuf = num(p, "O", 1, 65536 << 14, (e, t) => `TCP send window ${e}: ${t}`);
  const intervalSec = num(p, "i", 0, 2 ** 32 - 1, (e, t) => `interval ${e}: ${t}`) ?? 0;
  const ttl = num(p, "M", 0, 255, (e) => `ttl is ${e}`);
  const minTtl = num(p, "m", 0, 255, (e) => `minttl is ${e}`);
  const quit = num(p, "q", -INT_MAX - 1, INT_MAX, (e, t) => `quit timer ${e}: ${t}`);
  const timeoutSec = num(p, "w", 0, Math.floor(INT_MAX / 1000), (e, t) => `timeout ${e}: ${t}`);
  const recvLimit = num(p, "W", 1, INT_MAX, (e, t) => `receive limit ${e}: ${t}`);
  const xproto = opt.str(p, "X");
  if (xproto !== undefined && !["4", "5", "connect"].includes(xproto.toLowerCase())) throw fail("unsupported proxy protocol");
  const tosText = opt.str(p, "T");
  const tos = tosText === undefined ? undefined : parseTos(tosText);
  if (tosText !== undefined && tos === undefined) throw fail(`illegal tos value ${tosText}`);
  if (opt.str(p, "V") !== undefined) throw fail("no alternate routing table support available");
  if (opt.flag(p, "S")) throw fail("TCP MD5 signatures (-S) are not supported by the Linux socket API without a key; nc fails here too");
  if (opt.flag(p, "Z")) throw fail("DCCP (-Z) is not supported: Linux sockets need the dccp kernel module and Bun has no DCCP support");
  const maxText = opt.str(p, "max-conns");
  const maxConns = maxText === undefined ? undefined : strtonum(maxText, 1, INT_MAX);
  if (maxConns && "error" in maxConns) throw new ToolError(`Invalid maximum number of connections: ${maxText}`, 1);
  // a UDP listener has no connections to count: refuse rather than accept the option and ignore it
  if (maxText !== undefined && opt.flag(p, "u")) throw new ToolError("--max-conns limits TCP and unix stream connections; it does not apply to -u", 2);
  const idleText = opt.str(p, "idle-timeout");
  const idleTimeoutMs = idleText === undefined ? undefined : parseNcatTime(idleText);
  if (idleText !== undefined && !idleTimeoutMs) throw fail(`invalid idle timeout: ${idleText}`);

  // ncat: --broker and --chat are listen modes; given two arguments (a destination) they are refused
  const hub = opt.flag(p, "broker") ? "--broker" : opt.flag(p, "chat") ? "--chat" : undefined;
  if (hub && !opt.flag(p, "l") && p.args.length > 1) throw new ToolError(`Invalid option combination: \`${hub}' with connect. QUITTING.`, 2);
  const listen = opt.flag(p, "l") || hub !== undefined;
  const unix = opt.flag(p, "U");
  const zero = opt.flag(p, "z");
  const args = p.args;
  let host: string | undefined;
  let ports: string[] = [];
  if (listen && zero) throw fail("cannot use -z and -l");
  if (unix) {
    if (args.length === 0) throw fail("missing socket pathname");
    if (args.length > 1) throw fail("cannot use port with -U");
    host = args[0];
  } else if (listen) {
    const pflag = opt.str(p, "p");
    const sflag = opt.str(p, "s");
    if (args.length === 0) {
      if (pflag === undefined) throw fail("missing port number");
      host = sflag;
      ports = [pflag];
    } else if (args.length === 1 && pflag === undefined && sflag === undefined) ports = [args[0]!];
    else if (args.length === 2 && pflag === undefined && sflag === undefined) [host, ports] = [args[0], [args[1]!]];
    else throw usage();
  } else {
    if (args.length === 0) throw usage();
    if (args.length === 1) throw fail("missing port number");
    host = args[0];
    ports = args.slice(1);
  }
  const keepOpen = opt.flag(p, "k") || hub !== undefined;
  if (keepOpen && !listen) throw fail("must use -l with -k");
  if (opt.flag(p, "F") && unix) throw fail("cannot use -F and -U");
  const proxy = opt.str(p, "x");
  if (proxy !== undefined) {
    if (opt.flag(p, "u")) throw fail("no proxy support for UDP mode");
    if (listen) throw fail("no proxy support for listen");
    if (unix) throw fail("no proxy support for unix sockets");
    if (opt.str(p, "s") !== undefined) throw fail("no proxy support for local source address");
  }

  const quitSec = quit ?? -1;
  return {
    kind: "run",
    options: {
      family: opt.flag(p, "6") && p.order.lastIndexOf("6") > p.order.lastIndexOf("4") ? 6 : opt.flag(p, "4") ? 4 : 0,
      broadcast: opt.flag(p, "b"),
      crlf: opt.flag(p, "C"),
      soDebug: opt.flag(p, "D"),
      noStdin: opt.flag(p, "d"),
      passFd: opt.flag(p, "F"),
      recvBuf,
      sndBuf,
      intervalSec,
      keepOpen,
      listen,
      ttl,
      minTtl,
      // Debian's -q implies -N once the quit timer is set (>= 0)
      shutdownOnEof: opt.flag(p, "N") || quitSec >= 0,
      numeric: opt.flag(p, "n"),
      proxyUser: opt.str(p, "P"),
      sourcePort: opt.str(p, "p"),
      quitSec,
      randomize: opt.flag(p, "r"),
      sourceAddr: opt.str(p, "s"),
      tos,
      telnet: opt.flag(p, "t"),
      unix,
      udp: opt.flag(p, "u"),
      verbose: opt.count(p, "v"),
      recvLimit,
      timeoutSec,
      proxyProto: (xproto?.toLowerCase() as ProxyProtocol | undefined) ?? "5",
      proxy,
      zero,
      exec: opt.str(p, "exec"),
      shExec: opt.str(p, "sh-exec"),
      output: opt.str(p, "output"),
      hexDump: opt.str(p, "hex-dump"),
      appendOutput: opt.flag(p, "append-output"),
      maxConns: maxConns && "value" in maxConns ? maxConns.value : undefined,
      broker: opt.flag(p, "broker"),
      chat: opt.flag(p, "chat"),
      allow: opt.list(p, "allow"),
      deny: opt.list(p, "deny"),
      allowFiles: opt.list(p, "allowfile"),
      denyFiles: opt.list(p, "denyfile"),
      sendOnly: opt.flag(p, "send-only"),
      recvOnly: opt.flag(p, "recv-only"),
      noShutdown: opt.flag(p, "no-shutdown"),
      idleTimeoutMs,
      ssl: opt.flag(p, "ssl") || ["ssl-cert", "ssl-key", "ssl-verify", "ssl-trustfile", "ssl-servername", "ssl-alpn", "ssl-ciphers"].some((k) => opt.flag(p, k)),
      sslCert: opt.str(p, "ssl-cert"),
      sslKey: opt.str(p, "ssl-key"),
      sslVerify: opt.flag(p, "ssl-verify"),
      sslTrustfile: opt.str(p, "ssl-trustfile"),
      sslServername: opt.str(p, "ssl-servername"),
      sslAlpn: opt.str(p, "ssl-alpn"),
      sslCiphers: opt.str(p, "ssl-ciphers"),
      ncatProxy: opt.str(p, "proxy"),
      ncatProxyType: opt.str(p, "proxy-type"),
      ncatProxyAuth: opt.str(p, "proxy-auth"),
      json: opt.flag(p, "json"),
      host,
      ports,
    },
  };
}
