// tsnc's option table (OpenBSD nc 1.219 letters, ncat's long options, our extras) and its usage and help texts.
import type { OptionSpec } from "../cli/getopt.ts";

/**
 * Every option tsnc accepts, declared once. nc's letters keep nc's meaning; ncat's extras take the letters
 * nc leaves free (-e, -c, -o) and otherwise only their long names (ncat's -m, -x, -i, -d mean other things in nc).
 */
export const NC_FLAGS: readonly OptionSpec[] = [
  { short: "4", key: "4", help: "Use IPv4" },
  { short: "6", key: "6", help: "Use IPv6" },
  { short: "b", key: "b", help: "Allow broadcast" },
  { short: "C", long: "crlf", key: "C", help: "Send CRLF as line-ending" },
  { short: "D", key: "D", help: "Enable the debug socket option" },
  { short: "d", key: "d", help: "Detach from stdin" },
  { short: "F", key: "F", help: "Pass socket fd" },
  { short: "h", long: "help", key: "h", help: "This help text" },
  { short: "I", arg: "length", key: "I", help: "TCP receive buffer length" },
  { short: "i", arg: "interval", key: "i", help: "Delay interval for lines sent, ports scanned" },
  { short: "k", long: "keep-open", key: "k", help: "Keep inbound sockets open for multiple connects" },
  { short: "l", long: "listen", key: "l", help: "Listen mode, for inbound connects" },
  { short: "M", arg: "ttl", key: "M", help: "Outgoing TTL / Hop Limit" },
  { short: "m", arg: "minttl", key: "m", help: "Minimum incoming TTL / Hop Limit" },
  { short: "N", key: "N", help: "Shutdown the network socket after EOF on stdin" },
  { short: "n", long: "nodns", key: "n", help: "Suppress name/port resolutions" },
  { short: "O", arg: "length", key: "O", help: "TCP send buffer length" },
  { short: "P", arg: "proxyuser", key: "P", help: "Username for proxy authentication" },
  { short: "p", long: "source-port", arg: "port", key: "p", help: "Specify local port for remote connects" },
  { short: "q", arg: "secs", key: "q", help: "quit after EOF on stdin and delay of secs" },
  { short: "r", key: "r", help: "Randomize remote ports" },
  { short: "S", key: "S", help: "Enable the TCP MD5 signature option" },
  { short: "s", long: "source", arg: "sourceaddr", key: "s", help: "Local source address" },
  { short: "T", arg: "keyword", key: "T", help: "TOS value" },
  { short: "t", long: "telnet", key: "t", help: "Answer TELNET negotiation" },
  { short: "U", long: "unixsock", key: "U", help: "Use UNIX domain socket" },
  { short: "u", long: "udp", key: "u", help: "UDP mode" },
  { short: "V", arg: "rtable", key: "V", help: "Specify alternate routing table" },
  { short: "v", long: "verbose", key: "v", repeat: "count", help: "Verbose" },
  { short: "W", arg: "recvlimit", key: "W", help: "Terminate after receiving a number of packets" },
  { short: "w", long: "wait", arg: "timeout", key: "w", help: "Timeout for connects and final net reads" },
  { short: "X", arg: "proto", key: "X", help: 'Proxy protocol: "4", "5" (SOCKS) or "connect"' },
  { short: "x", arg: "addr[:port]", key: "x", help: "Specify proxy address and port" },
  { short: "Z", key: "Z", help: "DCCP mode" },
  { short: "z", key: "z", help: "Zero-I/O mode [used for scanning]" },
  // ncat's extras
  { short: "e", long: "exec", arg: "command", key: "exec", help: "Executes the given command (no shell)" },
  { short: "c", long: "sh-exec", arg: "command", key: "sh-exec", help: "Executes the given command via /bin/sh" },
  { short: "o", long: "output", arg: "filename", key: "output", help: "Dump session data to a file" },
  { long: "hex-dump", arg: "filename", help: "Dump session data as hex to a file" },
  { long: "append-output", help: "Append rather than clobber specified output files" },
  { long: "max-conns", arg: "n", help: "Maximum <n> simultaneous connections" },
  { long: "broker", help: "Enable Ncat's connection brokering mode" },
  { long: "chat", help: "Start a simple Ncat chat server" },
  { long: "allow", arg: "hosts", repeat: "list", help: "Allow only given hosts to connect" },
  { long: "allowfile", arg: "file", repeat: "list", help: "A file of hosts allowed to connect" },
  { long: "deny", arg: "hosts", repeat: "list", help: "Deny given hosts from connecting" },
  { long: "denyfile", arg: "file", repeat: "list", help: "A file of hosts denied from connecting" },
  { long: "send-only", help: "Only send data, ignoring received; quit on EOF" },
  { long: "recv-only", help: "Only receive data, never send anything" },
  { long: "no-shutdown", help: "Continue half-duplex when receiving EOF on stdin" },
  { long: "idle-timeout", arg: "time", help: "Idle read/write timeout (ms, s, m, h suffixes)" },
  { long: "ssl", help: "Connect or listen with SSL" },
  { long: "ssl-cert", arg: "file", help: "Specify SSL certificate file (PEM)" },
  { long: "ssl-key", arg: "file", help: "Specify SSL private key (PEM)" },
  { long: "ssl-verify", help: "Verify trust and domain name of certificates" },
  { long: "ssl-trustfile", arg: "file", help: "PEM file containing trusted SSL certificates" },
  { long: "ssl-servername", arg: "name", help: "Request distinct server name (SNI)" },
  { long: "ssl-alpn", arg: "protos", help: "ALPN protocol list to use" },
  { long: "ssl-ciphers", arg: "cipherlist", help: "Cipherlist containing SSL ciphers to use" },
  { long: "proxy", arg: "addr[:port]", help: "Specify address of host to proxy through" },
  { long: "proxy-type", arg: "type", help: 'Specify proxy type ("http", "socks4", "socks5")' },
  { long: "proxy-auth", arg: "auth", help: "Authenticate with HTTP or SOCKS proxy server" },
  { long: "json", help: "-z results and -v events as JSON lines" },
  { long: "version", help: "Display tsnc's version information and exit" },
];

/** nc's usage text, word for word, with our name in it; printed alone for a bare `tsnc` and after option errors. */
export const NC_USAGE: readonly string[] = [
  "usage: tsnc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]",
  "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]",
  "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]",
  "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]",
  "\t  [destination] [port]",
];

/** The -h text: nc's summary in nc's layout, then the ncat long options and ours. */
export function ncHelp(version: string): string[] {
  const nc = NC_FLAGS.filter((f) => f.short !== undefined && f.key === f.short);
  const extras = NC_FLAGS.filter((f) => !nc.includes(f));
  const tabbed = (f: OptionSpec) => {
    const left = `-${f.short}${f.arg ? ` ${f.arg}` : ""}`;
    return `\t\t${left}${left.length < 8 ? "\t\t" : "\t"}${f.help}`;
  };
  const long = (f: OptionSpec) => {
    const left = `${f.short ? `-${f.short}, ` : "    "}--${f.long}${f.arg ? ` <${f.arg}>` : ""}`;
    return `\t\t${left.padEnd(30)}${f.help}`;
  };
  return [
    `tsnc ${version} (OpenBSD netcat 1.219 flags, with ncat's extras)`,
    ...NC_USAGE,
    "\tCommand Summary:",
    ...nc.map(tabbed),
    "\tPort numbers can be individual or ranges: lo-hi [inclusive]; several ports may be given, or a list: 22,80",
    `\tncat's long names for these: ${nc.filter((f) => f.long).map((f) => `--${f.long} (-${f.short})`).join(", ")}`,
    "\tncat extras and tsnc's own:",
    ...extras.map(long),
  ];
}
