// AF_UNIX datagram server and client: Bun has no unix datagram sockets, so these use libc (lib/sys) with a polling read loop.
import { existsSync, unlinkSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { AF, bufPtr, ERRNO, errno, libc, SOCK, SysError } from "../sys/libc.ts";
import { pyBytes } from "./bytes-view.ts";
import { fromServerLine, messages, type MessageSource } from "./messages.ts";
import { MODES, type Mode, type ModeName } from "./modes.ts";
import type { Trace } from "./trace.ts";

/** sun_path holds 108 bytes including the terminating NUL. */
const SUN_PATH_MAX = 107;
/** How often the read loop asks the kernel for datagrams; short enough to feel instant in a lesson. */
const POLL_MS = 2;

/** struct sockaddr_un: sa_family (host byte order) then the NUL-terminated path. */
function sockaddrUn(path: string): Uint8Array {
  const p = new TextEncoder().encode(path);
  if (p.length > SUN_PATH_MAX) throw new ToolError(`unix socket path too long (${p.length} bytes, at most ${SUN_PATH_MAX}): ${path}`, 2);
  const b = new Uint8Array(2 + p.length + 1);
  new DataView(b.buffer).setUint16(0, AF.UNIX, true);
  b.set(p, 2);
  return b;
}

function pathOf(addr: Uint8Array, len: number): string {
  const raw = addr.subarray(2, len);
  const nul = raw.indexOf(0);
  return new TextDecoder().decode(nul >= 0 ? raw.subarray(0, nul) : raw);
}

/** A non-blocking AF_UNIX datagram socket bound to `path`. */
function boundSocket(path: string): number {
  const c = libc();
  const fd = c.socket(AF.UNIX, SOCK.DGRAM | SOCK.NONBLOCK | SOCK.CLOEXEC, 0);
  if (fd < 0) throw new SysError("socket", errno());
  const addr = sockaddrUn(path);
  if (c.bind(fd, bufPtr(addr), addr.length) < 0) {
    const e = errno();
    c.close(fd);
    if (e === ERRNO.EADDRINUSE) throw new ToolError(`cannot bind ${path}: the socket file is in use`, 1);
    throw new ToolError(`cannot bind ${path}: ${new SysError("bind", e).message}`, 1);
  }
  return fd;
}

/** Remove a socket file no server is bound to any more (connect() to it is refused). */
function clearStale(path: string): void {
  if (!existsSync(path)) return;
  const c = libc();
  const fd = c.socket(AF.UNIX, SOCK.DGRAM | SOCK.CLOEXEC, 0);
  const addr = sockaddrUn(path);
  const live = c.connect(fd, bufPtr(addr), addr.length) === 0;
  c.close(fd);
  if (live) throw new ToolError(`cannot bind ${path}: another server is bound to that socket file`, 1);
  unlinkSync(path);
}

/** Every datagram waiting on a non-blocking socket, with its sender's path. */
function drain(fd: number, bufsize: number): { data: Uint8Array; from: string }[] {
  const c = libc();
  const out: { data: Uint8Array; from: string }[] = [];
  const buf = new Uint8Array(bufsize);
  const addr = new Uint8Array(110);
  const len = new Uint32Array(1);
  for (;;) {
    len[0] = addr.length;
    const n = Number(c.recvfrom(fd, bufPtr(buf), buf.length, 0, bufPtr(addr), bufPtr(new Uint8Array(len.buffer))));
    if (n < 0) {
      const e = errno();
      if (e === ERRNO.EAGAIN || e === ERRNO.EINTR) return out;
      throw new SysError("recvfrom", e);
    }
    out.push({ data: buf.slice(0, n), from: pathOf(addr, len[0]!) });
  }
}

function sendTo(fd: number, data: Uint8Array, path: string): number {
  const addr = sockaddrUn(path);
  const n = Number(libc().sendto(fd, bufPtr(data.length ? data : new Uint8Array(1)), data.length, 0, bufPtr(addr), addr.length));
  return n < 0 ? -errno() : n;
}

export interface UnixDgramServerConfig {
  readonly path: string;
  readonly mode: ModeName;
  readonly bufsize: number;
  readonly trace: Trace;
  readonly log: (line: string) => void;
}

export async function startUnixDgramServer(cfg: UnixDgramServerConfig): Promise<{ done: Promise<void>; stop(): void }> {
  const { trace } = cfg;
  const mode: Mode = MODES[cfg.mode];
  clearStale(cfg.path);
  trace.call("socket(AF_UNIX, SOCK_DGRAM)");
  const fd = boundSocket(cfg.path);
  trace.call(`bind('${cfg.path}')`, undefined, "clients send to this file's name");
  const timer = setInterval(() => {
    for (const d of drain(fd, cfg.bufsize)) {
      trace.call(`recvfrom(${cfg.bufsize})`, `(${pyBytes(d.data, 40)}, '${d.from}')`);
      trace.wire("received", d.data);
      const reply = mode.reply(d.data);
      if (reply === undefined) continue;
      if (!d.from) {
        trace.note("the client did not bind an address, so there is nowhere to send the reply");
        continue;
      }
      const n = sendTo(fd, reply, d.from);
      trace.call(`sendto(${pyBytes(reply, 40)}, '${d.from}')`, n < 0 ? `error: ${new SysError("sendto", -n).message}` : `${n} bytes`);
      trace.wire("sent", reply);
    }
  }, POLL_MS);
  let stopped!: () => void;
  const done = new Promise<void>((r) => (stopped = r));
  return {
    done,
    stop() {
      clearInterval(timer);
      libc().close(fd);
      try {
        unlinkSync(cfg.path);
      } catch {}
      stopped();
    },
  };
}

export interface UnixDgramClientConfig {
  readonly path: string;
  readonly source: MessageSource;
  readonly trace: Trace;
  readonly timeoutMs: number;
  readonly bufsize: number;
  readonly output: (bytes: Uint8Array) => void;
}

export async function runUnixDgramClient(cfg: UnixDgramClientConfig): Promise<void> {
  const { trace } = cfg;
  if (!existsSync(cfg.path)) throw new ToolError(`no socket file ${cfg.path}: no server has been started there`, 1, [`  start one with: echo-lab unix-server --dgram ${cfg.path}`]);
  // unlike UDP, an unbound unix datagram socket has no address the server could reply to: bind one of our own
  const own = `/tmp/echo-lab-client-${process.pid}.sock`;
  trace.call("socket(AF_UNIX, SOCK_DGRAM)");
  const fd = boundSocket(own);
  trace.call(`bind('${own}')`, undefined, "so the server has an address to reply to");
  const arrived: { data: Uint8Array; from: string }[] = [];
  try {
    for await (const msg of messages(cfg.source)) {
      const n = sendTo(fd, msg, cfg.path);
      if (n < 0) {
        if (-n === ERRNO.ECONNREFUSED || -n === ERRNO.ENOENT) throw new ToolError(`connection refused on ${cfg.path}: no server is bound to that socket file`, 1, [`  start one with: echo-lab unix-server --dgram ${cfg.path}`]);
        throw new SysError("sendto", -n);
      }
      trace.call(`sendto(${pyBytes(msg, 40)}, '${cfg.path}')`, `${n} bytes`);
      trace.wire("sent", msg);
      const deadline = Date.now() + cfg.timeoutMs;
      let got: { data: Uint8Array; from: string } | undefined;
      while (!got && Date.now() < deadline) {
        arrived.push(...drain(fd, cfg.bufsize));
        got = arrived.shift();
        if (!got) await Bun.sleep(POLL_MS);
      }
      if (!got) throw new ToolError(`no reply from ${cfg.path} within ${cfg.timeoutMs / 1000} s`, 1);
      trace.call(`recvfrom(${cfg.bufsize})`, `(${pyBytes(got.data, 40)}, '${got.from}')`);
      trace.wire("received", got.data);
      cfg.output(fromServerLine(got.data));
    }
  } finally {
    trace.call("close()");
    libc().close(fd);
    try {
      unlinkSync(own);
    } catch {}
  }
}
