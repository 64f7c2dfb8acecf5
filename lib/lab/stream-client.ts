// The TCP (and AF_UNIX stream) client: the course's connect/send/recv/print loop, reading messages from a terminal or a pipe.
import type { Socket } from "bun";
import { ToolError } from "../cli/error.ts";
import { familyOf, hostPort, pyAddr, unmapped } from "./endpoint.ts";
import { deframer, type Deframer } from "./framing.ts";
import { fromServerLine, messages, type MessageSource } from "./messages.ts";
import { receiveBytes, sendMessage, type StreamIo } from "./stream-io.ts";
import { codeOf, refused, wentAway } from "./teach.ts";
import type { Trace } from "./trace.ts";
import { writeQueue, type WriteQueue } from "./write-queue.ts";

export interface StreamClientConfig {
  readonly io: StreamIo;
  readonly at: { readonly host: string; readonly port: number } | { readonly unix: string };
  readonly source: MessageSource;
  readonly trace: Trace;
  /** how long to wait for a reply before giving up */
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
  /** where "From Server: ..." lines go */
  readonly output: (bytes: Uint8Array) => void;
}

/** One open connection and what has arrived on it. */
interface Conn {
  readonly socket: Socket<undefined>;
  readonly q: WriteQueue;
  readonly d: Deframer;
  /** complete messages not yet taken (line / length framing), or raw pieces (framing none) */
  readonly inbox: Uint8Array[];
  /** the server closed its side */
  closed: boolean;
  /** replies received on this connection */
  replies: number;
  wake: () => void;
}

const where = (at: StreamClientConfig["at"]) => ("unix" in at ? at.unix : hostPort(at.host, at.port));

async function open(cfg: StreamClientConfig): Promise<Conn> {
  const { io, trace, at } = cfg;
  const family = "unix" in at ? "AF_UNIX" : familyOf(at.host);
  trace.call(`socket(${family}, SOCK_STREAM)`, "client socket");
  let conn!: Conn;
  const handlers = {
    data(_s: Socket<undefined>, data: Buffer) {
      for (const m of receiveBytes(io, conn.d, trace, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) {
        if (m.kind === "bad-length") {
          cfg.log(`error: the server announced a ${m.length}-byte message, over --max-line ${io.maxLength} (is the server using --framing length?)`);
          conn.closed = true;
        } else conn.inbox.push(m.data);
      }
      conn.wake();
    },
    drain() {
      conn.q.drain();
    },
    end() {
      trace.call(`recv(${io.bufsize})`, "0 bytes b''", "the server closed its side");
      const rest = conn.d.end();
      if (rest) conn.inbox.push(rest);
      conn.closed = true;
      conn.wake();
    },
    close() {
      conn.closed = true;
      conn.q.closed();
      conn.wake();
    },
    error() {},
  };
  let socket: Socket<undefined>;
  try {
    socket =
      "unix" in at
        ? await Bun.connect({ unix: at.unix, allowHalfOpen: true, socket: handlers })
        : await Bun.connect({ hostname: at.host, port: at.port, allowHalfOpen: true, socket: handlers });
  } catch (e) {
    const code = codeOf(e);
    if ("unix" in at) {
      if (code === "ENOENT") throw new ToolError(`no socket file ${at.unix}: no server has been started there`, 1, [`  start one with: echo-lab unix-server ${at.unix}`]);
      if (code === "ECONNREFUSED") throw refused("", 0, "unix", at.unix);
    } else if (code === "ECONNREFUSED") throw refused(at.host, at.port, "tcp");
    throw new ToolError(`cannot connect to ${where(at)}: ${code ?? (e as Error).message}`, 1);
  }
  conn = { socket, q: writeQueue(socket as Socket<unknown>), d: deframer(io.framing, io.maxLength), inbox: [], closed: false, replies: 0, wake: () => {} };
  if (!("unix" in at)) socket.setNoDelay(true);
  trace.call(
    "unix" in at ? `connect('${at.unix}')` : `connect(${pyAddr(at.host, at.port)})`,
    "unix" in at ? "connected" : `connected from ${pyAddr(unmapped(socket.localAddress), socket.localPort)}`,
    "the three-way handshake is done",
  );
  return conn;
}

/** Wait until `ready()` holds or the connection closes or time runs out; returns whether it became ready. */
function until(conn: Conn, ready: () => boolean, ms: number): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  if (conn.closed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.wake = () => {};
      resolve(ready());
    }, ms);
    conn.wake = () => {
      if (ready() || conn.closed) {
        clearTimeout(timer);
        conn.wake = () => {};
        resolve(ready());
      }
    };
  });
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
};

/** Wait for the reply to a message of `sent` bytes. With no framing, a reply is as long as the request (or ends at close). */
async function reply(cfg: StreamClientConfig, conn: Conn, sent: number): Promise<Uint8Array | undefined> {
  if (cfg.io.framing !== "none") {
    const ok = await until(conn, () => conn.inbox.length > 0, cfg.timeoutMs);
    return ok ? conn.inbox.shift() : undefined;
  }
  const have = () => conn.inbox.reduce((n, p) => n + p.length, 0);
  await until(conn, () => have() >= sent, cfg.timeoutMs);
  if (!have()) return undefined;
  const all = concat(conn.inbox.splice(0));
  if (all.length > sent && !conn.closed) {
    conn.inbox.push(all.subarray(sent));
    return all.subarray(0, sent);
  }
  return all;
}

/** Connect again after the server closed; refused now means the server itself went away mid-session. */
async function reopen(cfg: StreamClientConfig): Promise<Conn> {
  try {
    return await open(cfg);
  } catch (e) {
    if (e instanceof ToolError && e.message.startsWith("connection refused"))
      throw new ToolError(`the server at ${where(cfg.at)} went away: it closed our connection and no longer accepts new ones (stopped or crashed?)`, 1);
    throw e;
  }
}

/** Run the client: one connection for the whole session, reconnecting when the server closes after a reply (as the course's server does). */
export async function runStreamClient(cfg: StreamClientConfig): Promise<void> {
  const { trace } = cfg;
  // connect first, then ask for input, as the course's client does: a missing server shows before any typing
  let conn = await open(cfg);
  try {
    for await (const msg of messages(cfg.source)) {
      if (conn.closed && !conn.inbox.length) {
        trace.note("the server closed the connection after its reply (as the course's server does): connecting again");
        conn = await reopen(cfg);
      }
      if (!msg.length && cfg.io.framing === "none") {
        trace.note("empty message: nothing to send (a stream carries no empty messages without framing)");
        continue;
      }
      sendMessage(cfg.io, conn.q, trace, msg);
      let got = await reply(cfg, conn, msg.length);
      if (got === undefined && conn.closed && conn.replies > 0) {
        // the course's server closes right after its one reply; our next message may have crossed its FIN
        trace.note("the server had closed this connection after its last reply: connecting again and resending");
        conn = await reopen(cfg);
        sendMessage(cfg.io, conn.q, trace, msg);
        got = await reply(cfg, conn, msg.length);
      }
      if (got === undefined) {
        if (conn.closed) throw wentAway(where(cfg.at));
        throw new ToolError(`no reply from ${where(cfg.at)} within ${cfg.timeoutMs / 1000} s`, 1, [
          "  the server is connected but silent: is it a discard server, or does it expect a different --framing?",
        ]);
      }
      conn.replies++;
      cfg.output(fromServerLine(got));
    }
  } finally {
    if (!conn.closed) {
      await conn.q.flushed();
      trace.call("close()", undefined, "the client is done");
      conn.socket.end();
    }
  }
}
