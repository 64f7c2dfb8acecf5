// echo-lab: the course's socket lessons as one binary (TCP/UDP/unix servers and clients, framing, --trace, bench, demo).
import { cac } from "cac";
import { ToolError } from "../lib/cli/error.ts";
import { runTool } from "../lib/cli/run.ts";
import { versionLine } from "../lib/cli/version.ts";
import * as lab from "../lib/lab/commands.ts";
import { USAGE_EXIT } from "../lib/lab/endpoint.ts";

/** Options shared by several commands, declared once: [flag, help]. */
const LESSON = [
  ["--trace", "Print every socket call (socket, bind, listen, accept, recv, send, close) on stderr"],
  ["--hex", "Show the bytes on the wire (and a length prefix's byte order)"],
] as const;
const STREAM = [
  ["--framing <kind>", "Message boundaries: none (as the course), line, or length (4-byte big-endian prefix)"],
  ["--chunk <n>", "Send in n-byte pieces and recv at most n bytes per call"],
  ["--max-line <bytes>", "Longest line or length-framed message kept in memory (default 65536)"],
] as const;
const SERVER = [
  ["--mode <mode>", "upper (default), echo, reverse, discard or daytime"],
] as const;
const STREAM_SERVER = [
  ["--sequential", "Serve one client at a time, as the course's loop does (others wait)"],
  ["--max-clients <n>", "Close connections beyond n clients at once"],
] as const;
const CLIENT = [
  ["--message <text>", "Send this text instead of reading lines from stdin"],
  ["--count <n>", "Send n messages (repeats --message; stops reading stdin after n lines)"],
  ["--interval <seconds>", "Wait between messages"],
] as const;
const REPLY_WAIT = [["--timeout <seconds>", "How long to wait for a reply (default 5)"]] as const;
const ADDRESS = [
  ["--host <host>", "Address (IPv4 or IPv6, or a name)"],
  ["--port <port>", "Port (default 12000; 0 lets the system choose)"],
] as const;

type Table = readonly (readonly [string, string])[];

/** Options whose value is text: cac (mri) turns "007" into 7 and "" into 0, so their raw text is read from argv here. */
const TEXT_OPTIONS = ["message", "host"] as const;

function rawText(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === `--${name}` && i + 1 < argv.length) value = argv[++i];
    else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  }
  return value;
}

function command(cli: ReturnType<typeof cac>, name: string, help: string, tables: Table[], action: (...a: never[]) => Promise<void>) {
  const c = cli.command(name, help);
  for (const t of tables) for (const [flag, text] of t) c.option(flag, text);
  c.action((...args: unknown[]) => {
    const o = args[args.length - 1] as lab.Options;
    for (const k of TEXT_OPTIONS) if (o[k] !== undefined) o[k] = rawText(cli.rawArgs, k) ?? o[k];
    return (action as (...a: unknown[]) => Promise<void>)(...args);
  });
  return c;
}

function buildCli() {
  const cli = cac("echo-lab");
  command(cli, "tcp-server", "The course's TCP server (port 12000, upper-case)", [ADDRESS, SERVER, STREAM_SERVER, STREAM, LESSON], (o: lab.Options) => lab.streamServer(o));
  command(cli, "udp-server", "The course's UDP server (port 12000, upper-case)", [ADDRESS, SERVER, LESSON, [
    ["--drop <p>", "Simulate loss: drop each datagram (either way) with probability p"],
    ["--duplicate <p>", "Simulate duplication: send a reply twice with probability p"],
    ["--reorder", "Simulate reordering: hold each reply back 0-100 ms"],
    ["--seed <n>", "Seed the simulated network, to replay a run exactly"],
  ]], (o: lab.Options) => lab.udpServer(o));
  command(cli, "tcp-client [host] [port]", "The course's TCP client: prompt, send, print 'From Server: ...'", [ADDRESS, CLIENT, REPLY_WAIT, STREAM, LESSON], (h: string | undefined, p: string | undefined, o: lab.Options) => lab.tcpClient(o, h, p === undefined ? undefined : String(p)));
  command(cli, "udp-client [host] [port]", "The course's UDP client", [ADDRESS, CLIENT, LESSON, [
    ["--timeout <seconds>", "How long to wait for a reply (default 5; with --reliable, per try: default 0.2)"],
    ["--reliable", "Stop-and-wait: sequence numbers, a timeout and retransmissions"],
    ["--retries <n>", "With --reliable: retransmissions per message before giving up (default 20)"],
  ]], (h: string | undefined, p: string | undefined, o: lab.Options) => lab.udpClient(o, h, p === undefined ? undefined : String(p)));
  command(cli, "unix-server [path]", "The same server over an AF_UNIX socket file (default /tmp/echo-lab.sock)", [SERVER, STREAM_SERVER, STREAM, LESSON, [
    ["--dgram", "Use SOCK_DGRAM instead of SOCK_STREAM"],
  ]], (path: string | undefined, o: lab.Options) => lab.unixServer(o, path));
  command(cli, "unix-client [path]", "The same client over an AF_UNIX socket file", [CLIENT, REPLY_WAIT, STREAM, LESSON, [
    ["--dgram", "Use SOCK_DGRAM instead of SOCK_STREAM"],
  ]], (path: string | undefined, o: lab.Options) => lab.unixClient(o, path));
  command(cli, "bench [host] [port]", "Load generator for any line-echo server", [ADDRESS, [
    ["--connections <n>", "Connections (UDP: sockets) at once (default 10)"],
    ["--requests <n>", "Requests per connection (default 1000)"],
    ["--size <bytes>", "Bytes per request, newline included (default 32)"],
    ["--pipeline <k>", "Requests in flight per connection (default 1)"],
    ["--duration <seconds>", "Run for this long instead of a request count"],
    ["--udp", "Send datagrams instead of TCP lines"],
    ["--timeout <seconds>", "UDP: a reply later than this counts as lost (default 1)"],
    ["--json", "One JSON line for scripts"],
    ["--trace", "Print each connection's socket, connect and close on stderr"],
  ]], (h: string | undefined, p: string | undefined, o: lab.Options) => lab.bench(o, h, p === undefined ? undefined : String(p)));
  command(cli, "demo", "A server and a client in one process: one TCP and one UDP exchange on loopback", [[["--hex", "Show the bytes too"]]], (o: lab.Options) => lab.demo(o));
  cli.help();
  return cli;
}

/** cac reports option mistakes with its own error class; they are usage errors in our words. */
const CAC_ERROR = "CACError";

// `echo-lab tcp-client | head -1`: when the reader goes away, stop as a classic tool killed by SIGPIPE would, quietly
const SIGPIPE_EXIT = 128 + 13;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(SIGPIPE_EXIT);
  throw e;
});

await runTool("echo-lab", async (argv) => {
  if (argv[0] === "--version" || argv[0] === "-V") return void console.log(versionLine("echo-lab"));
  const cli = buildCli();
  try {
    cli.parse(["echo-lab", "echo-lab", ...argv], { run: false });
    if (cli.options.help || cli.options.h) return;
    if (!cli.matchedCommand) {
      if (argv.length) throw new ToolError(`unknown command '${argv[0]}'`, USAGE_EXIT, ["  run 'echo-lab --help' for the list of commands"]);
      cli.outputHelp();
      return USAGE_EXIT;
    }
    await cli.runMatchedCommand();
  } catch (e) {
    if (e instanceof Error && e.name === CAC_ERROR) throw new ToolError(e.message.replace(/`/g, "'"), USAGE_EXIT, ["  run 'echo-lab --help' for usage"]);
    throw e;
  }
}, { processStdout: true });
