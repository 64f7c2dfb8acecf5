// The TCP (and AF_UNIX stream) server: the course's accept/recv/upper/send loop, concurrent by default or --sequential.
import type { Socket, SocketHandler } from "bun";
import { existsSync, unlinkSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { pyBytes } from "./bytes-view.ts";
import { hostPort, pyAddr, familyOf, unmapped } from "./endpoint.ts";
import { deframer, type Deframer } from "./framing.ts";
import { MODES, type Mode, type ModeName } from "./modes.ts";
import { receiveBytes, sendMessage, type StreamIo } from "./stream-io.ts";
import { bindError, codeOf } from "./teach.ts";
import type { Trace } from "./trace.ts";
import { writeQueue, type WriteQueue } from "./write-queue.ts";

export interface StreamServerConfig {
  readonly io: StreamIo;
  /** TCP host and port, or a unix socket path */
  readonly at: { readonly host: string; readonly port: number } | { readonly unix: string };
  readonly mode: ModeName;
  readonly sequential: boolean;
  /** 0 = no limit */
  readonly maxClients: number;
  readonly trace: Trace;
  /** a line for the operator (stderr); the course's own line goes to stdout */
  readonly log: (line: string) => void;
}

interface Conn {
  readonly id: number;
  readonly q: WriteQueue;
  readonly d: Deframer;
  readonly trace: Trace;
  readonly peer: string;
  warnedOverlong: boolean;
  closing: boolean;
  /** counted in `active` (a client over --max-clients never is) */
  counted: boolean;
}

export interface RunningServer {
  /** the port actually bound (useful with --port 0); 0 for unix sockets */
  readonly port: number;
  /** resolves when the server stops */
  readonly done: Promise<void>;
  stop(): void;
}

/** Start the server; resolves once it listens. */
export async function startStreamServer(cfg: StreamServerConfig): Promise<RunningServer> {
  const { io, trace } = cfg;
  const mode: Mode = MODES[cfg.mode];
  const unix = "unix" in cfg.at ? cfg.at.unix : undefined;
  let ids = 0;
  let active = 0;
  let current: Socket<Conn> | undefined;
  const waiting: Socket<Conn>[] = [];

  /** accept() returns the new connection socket and the client's address (a unix client has none) */
  const acceptResult = (s: Socket<Conn>) => (unix ? `conn#${s.data.id}` : `conn#${s.data.id} ${pyAddr(unmapped(s.remoteAddress), s.remotePort)}`);

  const handle = (s: Socket<Conn>, msg: Uint8Array, framed = true) => {
    const reply = mode.reply(msg);
    if (reply === undefined) return s.data.trace.note(`${cfg.mode} mode: no reply`);
    sendMessage(io, s.data.q, s.data.trace, reply, framed);
  };

  const finish = async (s: Socket<Conn>) => {
    const c = s.data;
    if (c.closing) return;
    c.closing = true;
    await c.q.flushed();
    c.trace.call("close()", undefined, cfg.sequential ? "connection socket closed; back to accept()" : "connection socket closed; the listening socket stays open");
    s.end();
  };

  /** Serve one accepted connection: greet (daytime) or wait for its bytes. */
  const serve = (s: Socket<Conn>) => {
    current = s;
    s.resume();
    const greet = mode.greet?.();
    if (greet) {
      sendMessage(io, s.data.q, s.data.trace, greet);
      void finish(s);
    }
  };

  const released = (s: Socket<Conn>) => {
    active--;
    trace.note(`client ${s.data.peer} disconnected (${active} connected)`);
    if (current === s) current = undefined;
    const i = waiting.indexOf(s);
    if (i >= 0) waiting.splice(i, 1);
    if (cfg.sequential && !current) {
      const next = waiting.shift();
      if (next) {
        trace.call("accept()", acceptResult(next), "the next client's turn; it waited in the listen queue");
        serve(next);
      }
    }
  };

  const handlers: SocketHandler<Conn> = {
    open(s: Socket<Conn>) {
      const id = ++ids;
      const peer = unix ? `${unix}#${id}` : hostPort(unmapped(s.remoteAddress), s.remotePort);
      s.data = { id, q: writeQueue(s as Socket<unknown>), d: deframer(io.framing, io.maxLength), trace: trace.as(`conn#${id}`), peer, warnedOverlong: false, closing: false, counted: false };
      if (cfg.maxClients > 0 && active >= cfg.maxClients) {
        trace.note(`refusing ${peer}: --max-clients ${cfg.maxClients} already connected`);
        cfg.log(`refused ${peer}: --max-clients ${cfg.maxClients} reached`);
        s.data.closing = true;
        s.end();
        return;
      }
      active++;
      s.data.counted = true;
      if (!unix) s.setNoDelay(true);
      if (cfg.sequential && current) {
        s.pause();
        waiting.push(s);
        trace.note(`${peer} is connected (the kernel completed the handshake) but waits: --sequential serves conn#${current.data.id} first`);
        return;
      }
      trace.call("accept()", acceptResult(s), "a new connection socket for this client; the listening socket stays open");
      serve(s);
    },
    data(s: Socket<Conn>, data: Buffer) {
      const c = s.data;
      if (c.closing) return;
      // the hot path of a load test: no framing, nothing to trace, one recv's worth: the bytes are the message
      if (io.framing === "none" && !c.trace.calls && !c.trace.hex && data.length <= io.bufsize) return handle(s, data);
      for (const m of receiveBytes(io, c.d, c.trace, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) {
        if (m.kind === "message") handle(s, m.data);
        else if (m.kind === "overlong-piece") {
          if (!c.warnedOverlong) cfg.log(`warning: ${c.peer} sent more than --max-line ${io.maxLength} bytes without a newline; passing it on in ${io.maxLength}-byte pieces`);
          c.warnedOverlong = true;
          handle(s, m.data, false);
        } else {
          cfg.log(`error: ${c.peer} announced a ${m.length}-byte message (prefix ${pyBytes(m.prefix)}), over --max-line ${io.maxLength}; closing that connection (is the client using --framing length?)`);
          void finish(s);
        }
      }
    },
    drain(s: Socket<Conn>) {
      s.data.q.drain();
    },
    end(s: Socket<Conn>) {
      const c = s.data;
      c.trace.call(`recv(${io.bufsize})`, "0 bytes b''", "the client closed its side (FIN)");
      const rest = c.d.end();
      if (rest) handle(s, rest, false);
      void finish(s);
    },
    close(s: Socket<Conn>) {
      if (!s.data) return;
      s.data.q.closed();
      s.data.closing = true;
      if (s.data.counted) released(s);
    },
    error(s: Socket<Conn>, err: Error) {
      if (s.data) cfg.log(`connection ${s.data.peer}: ${err.message}`);
    },
  };

  const family = unix ? "AF_UNIX" : familyOf("host" in cfg.at ? cfg.at.host : "");
  trace.call(`socket(${family}, SOCK_STREAM)`, "listening socket");
  let listener: { stop(closeActive?: boolean): void; port?: number };
  if (unix) await clearStaleSocket(unix, trace);
  try {
    if (unix) listener = Bun.listen<Conn>({ unix, allowHalfOpen: true, socket: handlers });
    else {
      const { host, port } = cfg.at as { host: string; port: number };
      listener = Bun.listen<Conn>({ hostname: host, port, allowHalfOpen: true, socket: handlers });
    }
  } catch (e) {
    if (unix) throw new ToolError(`cannot listen on ${unix}: ${codeOf(e) === "EADDRINUSE" ? "another server is listening on that socket file" : (e as Error).message}`, 1);
    const { host, port } = cfg.at as { host: string; port: number };
    throw bindError(e, "tcp", host, port);
  }
  const port = unix ? 0 : (listener.port ?? 0);
  if (unix) trace.call(`bind('${unix}')`);
  else trace.call(`bind(${pyAddr((cfg.at as { host: string }).host, (cfg.at as { port: number }).port)})`, (cfg.at as { port: number }).port === 0 ? `port ${port} chosen by the system` : undefined);
  trace.call("listen()", undefined, "now waiting in accept() for clients");
  let stopped!: () => void;
  const done = new Promise<void>((r) => (stopped = r));
  return {
    port,
    done,
    stop() {
      listener.stop(true);
      stopped();
    },
  };
}

/** A unix socket file left behind by a server that died: nobody accepts on it, so it is safe to remove. */
async function clearStaleSocket(path: string, trace: Trace): Promise<void> {
  if (!existsSync(path)) return;
  const live = await Bun.connect({ unix: path, socket: { data() {} } }).then(
    (s) => (s.end(), true),
    () => false,
  );
  if (live) throw new ToolError(`cannot listen on ${path}: another server is listening on that socket file`, 1);
  unlinkSync(path);
  trace.note(`removed the socket file ${path} left behind by a server that is gone`);
}
