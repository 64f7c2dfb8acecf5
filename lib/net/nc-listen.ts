// tsnc -l for streams (TCP, unix): bind like nc (0.0.0.0 by default, reuse flags), serve one client, or one after another with -k.
import { unlinkSync } from "node:fs";
import type { TLSOptions } from "bun";
import { ToolError } from "../cli/error.ts";
import { SysError, errnoOf, strerror } from "../sys/libc.ts";
import { BunSocketStream, streamHandlers } from "./bun-stream.ts";
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import { parsePort } from "./ports.ts";
import { resolveHost, reverseName } from "./resolve.ts";
import { acceptSocket, applyTuning, bindSocket, closeFd, listenSocket, localName, needsRawSocket, openSocket, reuseAddress } from "./raw-socket.ts";
import { adoptFd } from "./dial.ts";
import type { ByteStream } from "./stream.ts";
import type { SessionRunner } from "./nc-client.ts";
import type { ByteSource } from "./stdio.ts";
import { dialOptionsOf } from "./nc-client.ts";
import { writeStderr } from "./nc-messages.ts";

/** The broker as the listener sees it: clients join it, our stdin is broadcast to them. */
export interface BrokerHub {
  join(stream: ByteStream): void;
  broadcast(bytes: Uint8Array): void;
}

/** Hooks a listener consults for each new client (ACLs); returning false resets the client. */
export type AdmitCheck = (peer: ByteStream["peer"]) => boolean;

/** Accepted connections waiting their turn: nc serves them one at a time. */
class ConnectionQueue {
  private readonly waiting: ByteStream[] = [];
  private wake?: () => void;
  push(s: ByteStream): void {
    this.waiting.push(s);
    this.wake?.();
  }
  get size(): number {
    return this.waiting.length;
  }
  async next(): Promise<ByteStream> {
    while (this.waiting.length === 0) await new Promise<void>((r) => (this.wake = r));
    this.wake = undefined;
    return this.waiting.shift()!;
  }
}

function bindError(e: unknown): ToolError {
  const code = (e as NodeJS.ErrnoException).code;
  const no = e instanceof SysError ? e.errno : errnoOf(code);
  return new ToolError(no ? strerror(no) : (e as Error).message, 1);
}

/** Start listening; every accepted stream goes to `onStream`. Returns the bound address for the -v line. */
async function startListener(o: NcOptions, onStream: (s: ByteStream) => void, tls?: TLSOptions): Promise<{ address: string; port?: number }> {
  const secure = tls ? { tls } : {};
  if (o.unix) {
    const path = o.host!;
    // nc removes whatever is at the path before binding, and leaves the socket file behind when it exits
    if (!path.startsWith("@")) try { unlinkSync(path); } catch { /* nothing there */ }
    try {
      Bun.listen({ unix: path.startsWith("@") ? "\0" + path.slice(1) : path, allowHalfOpen: true, socket: streamHandlers(onStream, path), ...secure } as Parameters<typeof Bun.listen<BunSocketStream>>[0]);
    } catch (e) {
      throw bindError(e);
    }
    return { address: path };
  }
  const port = parsePort(o.ports[0]!, "tcp");
  const host = o.host ?? o.sourceAddr;
  const address = host === undefined ? (o.family === 6 ? "::" : "0.0.0.0") : (await resolveHost(host, port, o.family, o.numeric))[0]!.address;
  const d = dialOptionsOf(o);
  if (needsRawSocket(d.tuning)) {
    const family = address.includes(":") ? "IPv6" : "IPv4";
    const fd = openSocket(family, "stream");
    try {
      reuseAddress(fd);
      applyTuning(fd, family, d.tuning);
      bindSocket(fd, address, port);
      listenSocket(fd, o.keepOpen ? 128 : 1);
    } catch (e) {
      closeFd(fd);
      throw e instanceof ToolError ? e : bindError(e);
    }
    void (async () => {
      while (true) onStream(await adoptFd(await acceptSocket(fd)));
    })();
    return { address, port: localName(fd).port };
  }
  try {
    const l = Bun.listen<BunSocketStream>({ hostname: address, port, allowHalfOpen: true, socket: streamHandlers(onStream), ...secure });
    return { address, port: l.port };
  } catch (e) {
    throw bindError(e);
  }
}

/**
 * `tsnc --broker` / `--chat`: every accepted client joins the hub; what we read on stdin goes to all of them.
 * Runs until killed, as ncat's broker does.
 */
export async function runBrokerListener(o: NcOptions, r: NcReporter, hub: BrokerHub, admit: AdmitCheck, stdin?: ByteSource, tls?: TLSOptions): Promise<number> {
  const bound = await startListener(o, (s) => {
    if (!admit(s.peer)) return s.reset();
    void (async () => {
      if (o.unix) r.received(bound.address);
      else r.received(await reverseName(s.peer.address, o.numeric), s.peer.port);
    })();
    hub.join(s);
  }, tls);
  const name = o.unix ? bound.address : await reverseName(bound.address, o.numeric);
  if (o.unix) r.listening("Bound on", name);
  r.listening("Listening on", name, bound.port);
  while (stdin) {
    const chunk = await stdin.read();
    if (chunk === null) break;
    hub.broadcast(chunk.slice()); // stdin's buffer is reused by the next read
  }
  return new Promise<number>(() => {});
}

/**
 * `tsnc -l`: serve the first client, then exit (later clients wait unserved in the backlog, as with nc);
 * with -k serve clients one after another forever. --max-conns caps clients served or waiting; extras are reset.
 */
export async function runStreamListener(
  o: NcOptions,
  r: NcReporter,
  session: SessionRunner,
  admit: AdmitCheck = () => true,
  /** sessions that do not share stdin (--exec, --sh-exec) run side by side under -k, as ncat runs them */
  concurrent = false,
  tls?: TLSOptions,
): Promise<number> {
  const queue = new ConnectionQueue();
  let active = 0;
  let accepted = 0;
  const maxConns = o.maxConns ?? (o.keepOpen ? 100 : Infinity);
  const bound = await startListener(o, (s) => {
    if (!o.keepOpen && accepted > 0) return; // nc's single-shot listener: later clients sit unserved
    if (!admit(s.peer) || active + queue.size >= maxConns) return s.reset();
    accepted++;
    queue.push(s);
  }, tls);
  const name = o.unix ? bound.address : await reverseName(bound.address, o.numeric);
  if (o.unix) r.listening("Bound on", name);
  r.listening("Listening on", name, bound.port);
  do {
    const s = await queue.next();
    active++;
    if (o.unix) r.received(name);
    else r.received(await reverseName(s.peer.address, o.numeric), s.peer.port);
    const served = session(s).finally(() => active--);
    // with -k one client's failure (an idle timeout, say) is reported and the listener goes on
    const report = (e: unknown) => writeStderr(`tsnc: ${(e as Error).message}\n`);
    if (!o.keepOpen) await served;
    else if (concurrent) served.catch(report);
    else await served.catch(report);
  } while (o.keepOpen);
  return 0;
}
