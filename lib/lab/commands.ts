// echo-lab's commands: turn parsed options into a server, client, bench or demo run, and report as the lesson wants.
import { colors } from "../cli/color.ts";
import { ToolError } from "../cli/error.ts";
import { jsonLine } from "../cli/json-lines.ts";
import { runBench } from "./bench.ts";
import { DEFAULT_MAX_LINE, DEFAULT_UNIX_PATH, RELIABLE_RETRIES, RELIABLE_TIMEOUT_S, REPLY_TIMEOUT_S, TCP_BUFSIZE, UDP_BUFSIZE } from "./defaults.ts";
import { runDemo } from "./demo.ts";
import { hostPort, parseCount, parseNumber, parsePort, resolveHost, USAGE_EXIT } from "./endpoint.ts";
import { FRAMINGS, type FramingName } from "./framing.ts";
import { renderJson, renderText } from "./latency-report.ts";
import { MODES, type ModeName } from "./modes.ts";
import { startStreamServer } from "./stream-server.ts";
import { runStreamClient } from "./stream-client.ts";
import type { StreamIo } from "./stream-io.ts";
import { makeTrace, type Trace } from "./trace.ts";
import { startUdpServer } from "./udp-server.ts";
import { runUdpClient } from "./udp-client.ts";
import { runUnixDgramClient, startUnixDgramServer } from "./unix-dgram.ts";

/** Options as cac hands them over (values may arrive as numbers or strings). */
export type Options = Record<string, unknown>;

/** The course's line on stdout once a server is ready. */
export const READY_LINE = "The server is ready to receive";

const log = (line: string) => void process.stderr.write(`${colors(2).dim(`echo-lab: ${line}`)}\n`);
const output = (b: Uint8Array) => void process.stdout.write(b);
const str = (v: unknown): string | undefined => (v === undefined || v === true ? undefined : String(v));

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback: T): T {
  const s = str(v);
  if (s === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(s)) throw new ToolError(`--${name} must be one of ${allowed.join(", ")}, not '${s}'`, USAGE_EXIT);
  return s as T;
}

const traceOf = (o: Options, role: string): Trace => makeTrace({ calls: Boolean(o.trace), hex: Boolean(o.hex) }, role);

function streamIo(o: Options): StreamIo {
  const chunk = parseCount("chunk", o.chunk, 0, 1, 1 << 20);
  return {
    framing: oneOf<FramingName>("framing", o.framing, FRAMINGS, "none"),
    chunk,
    bufsize: chunk || TCP_BUFSIZE,
    maxLength: parseCount("max-line", o.maxLine, DEFAULT_MAX_LINE, 1, 1 << 30),
  };
}

const modeOf = (o: Options): ModeName => oneOf<ModeName>("mode", o.mode, Object.keys(MODES) as ModeName[], "upper");

/** A datagram arrives whole: with --dgram the stream-only options would mean nothing, so they are refused by name. */
function refuseStreamOptions(o: Options, command: string): void {
  for (const k of ["framing", "chunk", "maxLine", "sequential", "maxClients"] as const)
    if (o[k] !== undefined)
      throw new ToolError(`--${k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())} does not apply to ${command}: a datagram arrives whole or not at all, so it needs no framing`, USAGE_EXIT);
}

/**
 * Print the course's ready line and serve until SIGINT or SIGTERM, then stop cleanly (exit 0). The handlers go in
 * first: a script that signals the server as soon as it reads the ready line must not kill it mid-way.
 */
async function serveUntilSignal(server: { done: Promise<void>; stop(): void }): Promise<void> {
  const stop = () => server.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(READY_LINE);
  await server.done;
}

export async function streamServer(o: Options, unixPath?: string): Promise<void> {
  const io = streamIo(o);
  const host = unixPath === undefined ? await resolveHost(str(o.host) ?? "") : "";
  const port = parsePort(str(o.port));
  const at = unixPath === undefined ? { host, port } : { unix: unixPath };
  const server = await startStreamServer({
    io, at, mode: modeOf(o), sequential: Boolean(o.sequential), maxClients: parseCount("max-clients", o.maxClients, 0, 0),
    trace: traceOf(o, "server"), log,
  });
  const mode = modeOf(o);
  log(`${unixPath === undefined ? `TCP server on ${hostPort(host, server.port)}` : `unix stream server on ${unixPath}`}, mode ${mode}, framing ${io.framing}, ${o.sequential ? "one client at a time (--sequential)" : "concurrent"}`);
  await serveUntilSignal(server);
}

export async function udpServer(o: Options): Promise<void> {
  const host = await resolveHost(str(o.host) ?? "");
  const server = await startUdpServer({
    host, port: parsePort(str(o.port)), mode: modeOf(o), bufsize: UDP_BUFSIZE, trace: traceOf(o, "server"), log,
    lossy: {
      drop: parseNumber("drop", o.drop, 0, 0, 1),
      duplicate: parseNumber("duplicate", o.duplicate, 0, 0, 1),
      reorder: Boolean(o.reorder),
      seed: o.seed === undefined ? undefined : parseCount("seed", o.seed, 0, 0, 2 ** 32 - 1),
    },
  });
  log(`UDP server on ${hostPort(host, server.port)}, mode ${modeOf(o)}`);
  await serveUntilSignal(server);
}

function source(o: Options) {
  return {
    message: str(o.message),
    count: o.count === undefined ? undefined : parseCount("count", o.count, 1),
    interval: parseNumber("interval", o.interval, 0, 0, 3600),
    prompt: Boolean(process.stdin.isTTY) && o.message === undefined,
  };
}

/** Client address: positional [host] [port], or --host / --port. */
async function target(o: Options, hostArg?: string, portArg?: string) {
  const host = await resolveHost(hostArg ?? str(o.host) ?? "127.0.0.1");
  const port = parsePort(portArg ?? str(o.port), undefined, false);
  return { host, port };
}

export async function tcpClient(o: Options, hostArg?: string, portArg?: string): Promise<void> {
  const at = await target(o, hostArg, portArg);
  await runStreamClient({
    io: streamIo(o), at, source: source(o), trace: traceOf(o, "client"), log, output,
    timeoutMs: parseNumber("timeout", o.timeout, REPLY_TIMEOUT_S, 0.001, 3600) * 1000,
  });
}

export async function udpClient(o: Options, hostArg?: string, portArg?: string): Promise<void> {
  if (o.retries !== undefined && !o.reliable) throw new ToolError("--retries needs --reliable", USAGE_EXIT);
  const at = await target(o, hostArg, portArg);
  const reliable = Boolean(o.reliable);
  await runUdpClient({
    ...at, source: source(o), trace: traceOf(o, "client"), log, output, bufsize: UDP_BUFSIZE,
    timeoutMs: parseNumber("timeout", o.timeout, reliable ? RELIABLE_TIMEOUT_S : REPLY_TIMEOUT_S, 0.001, 3600) * 1000,
    retries: reliable ? parseCount("retries", o.retries, RELIABLE_RETRIES, 0, 1000) : undefined,
  });
}

export async function unixServer(o: Options, path?: string): Promise<void> {
  const at = path ?? DEFAULT_UNIX_PATH;
  if (!o.dgram) return streamServer(o, at);
  refuseStreamOptions(o, "unix-server --dgram");
  const server = await startUnixDgramServer({ path: at, mode: modeOf(o), bufsize: UDP_BUFSIZE, trace: traceOf(o, "server"), log });
  log(`unix datagram server on ${at}, mode ${modeOf(o)}`);
  await serveUntilSignal(server);
}

export async function unixClient(o: Options, path?: string): Promise<void> {
  const at = path ?? DEFAULT_UNIX_PATH;
  const timeoutMs = parseNumber("timeout", o.timeout, REPLY_TIMEOUT_S, 0.001, 3600) * 1000;
  if (!o.dgram) return runStreamClient({ io: streamIo(o), at: { unix: at }, source: source(o), trace: traceOf(o, "client"), log, output, timeoutMs });
  refuseStreamOptions(o, "unix-client --dgram");
  await runUnixDgramClient({ path: at, source: source(o), trace: traceOf(o, "client"), timeoutMs, bufsize: UDP_BUFSIZE, output });
}

export async function bench(o: Options, hostArg?: string, portArg?: string): Promise<void> {
  const at = await target(o, hostArg, portArg);
  const cfg = {
    ...at,
    connections: parseCount("connections", o.connections, 10, 1, 10000),
    requests: parseCount("requests", o.requests, 1000, 1),
    size: parseCount("size", o.size, 32, 2, 1 << 20),
    pipeline: parseCount("pipeline", o.pipeline, 1, 1, 10000),
    durationS: parseNumber("duration", o.duration, 0, 0, 3600),
    udp: Boolean(o.udp),
    timeoutMs: parseNumber("timeout", o.timeout, 1, 0.001, 3600) * 1000,
    trace: traceOf(o, "bench"),
  };
  const r = await runBench(cfg);
  process.stdout.write(o.json ? jsonLine(renderJson(r)) : renderText(r, colors(1)));
  if (r.completed === 0) throw new ToolError(`no request got a reply from ${hostPort(at.host, at.port)}`, 1);
  if (r.errors) throw new ToolError(`${r.errors} connection${r.errors === 1 ? "" : "s"} closed by the server before all replies came`, 1);
}

export async function demo(o: Options): Promise<void> {
  await runDemo((line) => console.log(line), Boolean(o.hex));
}
