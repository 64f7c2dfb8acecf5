// Sockets made with libc when Bun cannot set what nc sets (-s -p -T -M -m -I -O -D -b): create, tune, bind, connect, accept.
import { AF, IP, IPV6, SO, SOCK, SOL, SysError, check, errno, libc, setIntOpt, ERRNO, bufPtr } from "../sys/libc.ts";
import { decodeSockaddr, sockaddrIp, sockaddrUnix } from "./sockaddr.ts";
import { ToolError } from "../cli/error.ts";

/** Socket options nc sets before binding; each is applied only when given. */
export interface SocketTuning {
  readonly tos?: number;
  readonly ttl?: number;
  readonly minTtl?: number;
  readonly recvBuf?: number;
  readonly sndBuf?: number;
  readonly debug?: boolean;
  readonly broadcast?: boolean;
}

export const needsRawSocket = (t: SocketTuning, sourceAddr?: string, sourcePort?: number): boolean =>
  sourceAddr !== undefined || sourcePort !== undefined || Object.values(t).some((v) => v !== undefined && v !== false);

const POLLIN = 1, POLLOUT = 4;

/** A new non-blocking, close-on-exec socket. */
export function openSocket(family: "IPv4" | "IPv6" | "unix", type: "stream" | "dgram"): number {
  const af = family === "IPv4" ? AF.INET : family === "IPv6" ? AF.INET6 : AF.UNIX;
  return check("socket", libc().socket(af, (type === "stream" ? SOCK.STREAM : SOCK.DGRAM) | SOCK.NONBLOCK | SOCK.CLOEXEC, 0));
}

/** Apply -T -M -m -I -O -D -b; a failure is fatal with nc's wording ("set IP ToS: Operation not permitted"). */
export function applyTuning(fd: number, family: "IPv4" | "IPv6", t: SocketTuning): void {
  const v6 = family === "IPv6";
  const steps: [unknown, string, number, number, number | undefined][] = [
    [t.debug, "SO_DEBUG", SOL.SOCKET, SO.DEBUG, 1],
    [t.broadcast, "SO_BROADCAST", SOL.SOCKET, SO.BROADCAST, 1],
    [t.tos, v6 ? "set IPv6 traffic class" : "set IP ToS", v6 ? SOL.IPV6 : SOL.IP, v6 ? IPV6.TCLASS : IP.TOS, t.tos],
    [t.ttl, v6 ? "set IPv6 unicast hops" : "set IP TTL", v6 ? SOL.IPV6 : SOL.IP, v6 ? IPV6.UNICAST_HOPS : IP.TTL, t.ttl],
    [t.minTtl, v6 ? "set IPv6 min hop count" : "set IP min TTL", v6 ? SOL.IPV6 : SOL.IP, v6 ? IPV6.MINHOPCOUNT : IP.MINTTL, t.minTtl],
    [t.recvBuf, "set TCP receive buffer size", SOL.SOCKET, SO.RCVBUF, t.recvBuf],
    [t.sndBuf, "set TCP send buffer size", SOL.SOCKET, SO.SNDBUF, t.sndBuf],
  ];
  for (const [given, what, level, name, value] of steps) {
    if (given === undefined || given === false) continue;
    try {
      setIntOpt(fd, level, name, value!);
    } catch (e) {
      throw new ToolError(`${what}: ${(e as Error).message}`, 1);
    }
  }
}

/** bind(2) to an address and port (or a unix path); throws SysError. */
export function bindSocket(fd: number, address: string, port: number, unix = false): void {
  const sa = unix ? sockaddrUnix(address) : sockaddrIp(address, port);
  check("bind", libc().bind(fd, bufPtr(sa), sa.length));
}

/** poll(2) one fd without blocking; returns revents. */
export function pollNow(fd: number, events: number): number {
  const pfd = new Uint8Array(8);
  const v = new DataView(pfd.buffer);
  v.setInt32(0, fd, true);
  v.setInt16(4, events, true);
  check("poll", libc().poll(bufPtr(pfd), 1, 0));
  return v.getInt16(6, true);
}

/** Wait, without blocking the event loop, until `fd` polls ready for `events` or `deadline` (ms since epoch) passes. */
export async function waitReady(fd: number, events: number, deadline = Infinity): Promise<boolean> {
  let delay = 1;
  while (true) {
    if (pollNow(fd, events) !== 0) return true;
    if (Date.now() >= deadline) return false;
    await Bun.sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
    delay = Math.min(delay * 2, 25);
  }
}

/** Thrown when -w expires before a connect completes; nc words it "timed out: Operation now in progress". */
export class ConnectTimeout extends Error {
  constructor() {
    super("Operation now in progress");
  }
}

/** Non-blocking connect(2) and wait for it to finish; throws SysError (refused, unreachable) or ConnectTimeout. */
export async function connectSocket(fd: number, sa: Uint8Array, timeoutMs?: number): Promise<void> {
  const r = libc().connect(fd, bufPtr(sa), sa.length);
  if (r === 0) return;
  const e = errno();
  if (e !== ERRNO.EINPROGRESS && e !== ERRNO.EAGAIN) throw new SysError("connect", e);
  const ok = await waitReady(fd, POLLOUT, timeoutMs === undefined ? Infinity : Date.now() + timeoutMs);
  if (!ok) throw new ConnectTimeout();
  const soErr = new Int32Array(1);
  const len = new Uint32Array([4]);
  check("getsockopt", libc().getsockopt(fd, SOL.SOCKET, 4 /* SO_ERROR */, bufPtr(new Uint8Array(soErr.buffer)), bufPtr(new Uint8Array(len.buffer))));
  if (soErr[0] !== 0) throw new SysError("connect", soErr[0]!);
}

/** listen(2) with nc's backlog. */
export function listenSocket(fd: number, backlog: number): void {
  check("listen", libc().listen(fd, backlog));
}

/** SO_REUSEADDR and SO_REUSEPORT, as nc's listeners set them. */
export function reuseAddress(fd: number): void {
  setIntOpt(fd, SOL.SOCKET, SO.REUSEADDR, 1);
  setIntOpt(fd, SOL.SOCKET, SO.REUSEPORT, 1);
}

/** accept(2) the next connection, waiting with poll on a backing-off timer; returns the new fd (non-blocking). */
export async function acceptSocket(fd: number): Promise<number> {
  while (true) {
    await waitReady(fd, POLLIN);
    const c = libc().accept(fd, null, null);
    if (c >= 0) {
      libc().fcntl(c, 4 /* F_SETFL */, 0o4000 /* O_NONBLOCK */);
      libc().fcntl(c, 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
      return c;
    }
    const e = errno();
    if (e !== ERRNO.EAGAIN && e !== ERRNO.EINTR && e !== ERRNO.ECONNABORTED) throw new SysError("accept", e);
  }
}

/** getsockname(2), decoded. */
export function localName(fd: number): { family: "IPv4" | "IPv6" | "unix"; address: string; port: number } {
  const b = new Uint8Array(128);
  const len = new Uint32Array([128]);
  check("getsockname", libc().getsockname(fd, bufPtr(b), bufPtr(new Uint8Array(len.buffer))));
  return decodeSockaddr(b, len[0]!);
}

/** getpeername(2), decoded. */
export function peerName(fd: number): { family: "IPv4" | "IPv6" | "unix"; address: string; port: number } {
  const b = new Uint8Array(128);
  const len = new Uint32Array([128]);
  check("getpeername", libc().getpeername(fd, bufPtr(b), bufPtr(new Uint8Array(len.buffer))));
  return decodeSockaddr(b, len[0]!);
}

export function closeFd(fd: number): void {
  libc().close(fd);
}
