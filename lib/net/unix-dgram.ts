// Datagram sockets Bun cannot make (unix datagrams for -uU, UDP with -T/-m/-I/-O/-D): libc, polled on a backing-off timer.
import { unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { libc, bufPtr, errno, ERRNO, SysError, strerror } from "../sys/libc.ts";
import { ToolError } from "../cli/error.ts";
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import type { SessionRunner } from "./nc-client.ts";
import { DatagramStream } from "./datagram-stream.ts";
import { applyTuning, bindSocket, closeFd, openSocket, waitReady, localName } from "./raw-socket.ts";
import { decodeSockaddr, sockaddrIp, sockaddrUnix } from "./sockaddr.ts";
import type { DialOptions } from "./dial.ts";
import type { Endpoint } from "./stream.ts";

const POLLIN = 1;
const RECV_SIZE = 65536;

/** Read datagrams from `fd` until it closes; `from` reports each sender (for a listener that has not locked on yet). */
function pump(fd: number, stream: () => DatagramStream | undefined, onDatagram: (data: Uint8Array, from: Uint8Array, fromLen: number) => void, isOpen: () => boolean): void {
  void (async () => {
    const buf = new Uint8Array(RECV_SIZE);
    const addr = new Uint8Array(128);
    const addrLen = new Uint32Array(1);
    while (isOpen()) {
      await waitReady(fd, POLLIN);
      if (!isOpen()) return;
      addrLen[0] = 128;
      const n = Number(libc().recvfrom(fd, bufPtr(buf), RECV_SIZE, 0, bufPtr(addr), bufPtr(new Uint8Array(addrLen.buffer))));
      if (n < 0) {
        const e = errno();
        if (e === ERRNO.EAGAIN || e === ERRNO.EINTR) continue;
        stream()?.fail(new SysError("recv", e));
        return;
      }
      onDatagram(buf.slice(0, n), addr, addrLen[0]!);
    }
  })();
}

function sendTo(fd: number, data: Uint8Array, to?: Uint8Array): boolean {
  const n = to ? libc().sendto(fd, bufPtr(data), data.length, 0, bufPtr(to), to.length) : libc().send(fd, bufPtr(data), data.length, 0);
  if (Number(n) >= 0) return true;
  const e = errno();
  if (e === ERRNO.EAGAIN) return false;
  throw new SysError("send", e);
}

/** A connected UDP socket made with libc, for the options Bun's udpSocket cannot set. */
export function openLibcDatagram(to: { address: string; port: number; family: "IPv4" | "IPv6" }, d: DialOptions): DatagramStream {
  const fd = openSocket(to.family, "dgram");
  let open = true;
  applyTuning(fd, to.family, d.tuning);
  if (d.sourceAddr !== undefined || d.sourcePort !== undefined) {
    try {
      bindSocket(fd, d.sourceAddr ?? (to.family === "IPv6" ? "::" : "0.0.0.0"), d.sourcePort ?? 0);
    } catch (e) {
      closeFd(fd);
      throw new ToolError(`bind failed: ${(e as Error).message}`, 1);
    }
  }
  const sa = sockaddrIp(to.address, to.port);
  if (libc().connect(fd, bufPtr(sa), sa.length) < 0) throw new ToolError(strerror(errno()), 1);
  const me = localName(fd);
  const stream = new DatagramStream(
    { send: (data) => sendTo(fd, data), close: () => { if (open) { open = false; closeFd(fd); } } },
    { family: to.family, address: me.address, port: me.port },
    { family: to.family, address: to.address, port: to.port },
  );
  pump(fd, () => stream, (data) => stream.deliver(data), () => open);
  return stream;
}

const unixEndpoint = (path: string): Endpoint => ({ family: "unix", address: "", port: 0, path });

/** `tsnc -uU path`: send datagrams from a local socket file (-s, or a temporary one removed at exit). */
export async function runUnixDgramClient(o: NcOptions, _r: NcReporter, session: SessionRunner): Promise<number> {
  const path = o.host!;
  const fd = openSocket("unix", "dgram");
  const local = o.sourceAddr ?? join(tmpdir(), `tsnc.${process.pid}.${Math.random().toString(36).slice(2, 10)}`);
  let open = true;
  try {
    bindSocket(fd, local, 0, true);
  } catch (e) {
    closeFd(fd);
    throw new ToolError(`bind failed: ${(e as Error).message}`, 1);
  }
  if (!o.sourceAddr) {
    // the temporary socket file goes away however we end (nc leaves it behind when it is killed)
    const cleanup = () => { try { unlinkSync(local); } catch { /* gone already */ } };
    process.on("exit", cleanup);
    for (const [sig, no] of [["SIGTERM", 15], ["SIGINT", 2], ["SIGHUP", 1]] as const) process.on(sig, () => process.exit(128 + no));
  }
  const sa = sockaddrUnix(path);
  if (libc().connect(fd, bufPtr(sa), sa.length) < 0) {
    const e = errno();
    closeFd(fd);
    throw new ToolError(`${path}: ${strerror(e)}`, 1);
  }
  const stream = new DatagramStream(
    { send: (data) => sendTo(fd, data), close: () => { if (open) { open = false; closeFd(fd); } } },
    unixEndpoint(local),
    unixEndpoint(path),
  );
  if (o.zero) {
    await stream.close(); // -zuU: the connect above was the check
    return 0;
  }
  pump(fd, () => stream, (data) => stream.deliver(data), () => open);
  await session(stream);
  return 0;
}

/** `tsnc -luU path`: bind the path (replacing what is there, as nc does) and serve the first sender. */
export async function runUnixDgramListener(o: NcOptions, r: NcReporter, session: SessionRunner): Promise<number> {
  const path = o.host!;
  if (!path.startsWith("@")) try { unlinkSync(path); } catch { /* nothing there */ }
  const fd = openSocket("unix", "dgram");
  let open = true;
  try {
    bindSocket(fd, path, 0, true);
  } catch (e) {
    closeFd(fd);
    throw new ToolError((e as Error).message, 1);
  }
  r.listening("Bound on", path);
  let stream: DatagramStream | undefined;
  let peer: Uint8Array | undefined;
  let first!: () => void;
  const gotFirst = new Promise<void>((res) => (first = res));
  const early: Uint8Array[] = [];
  pump(fd, () => stream, (data, from, len) => {
    const sender = from.slice(0, len);
    if (!peer) {
      peer = sender;
      first();
    } else if (!o.keepOpen && Buffer.compare(peer, sender) !== 0) return;
    else if (o.keepOpen) peer = sender;
    if (stream) stream.deliver(data);
    else early.push(data);
  }, () => open);
  await gotFirst;
  r.received(path);
  const peerPath = decodeSockaddr(peer!, peer!.length).address;
  stream = new DatagramStream(
    // an unnamed sender cannot be answered; drop replies then, as the kernel would refuse them
    { send: (data) => (peer!.length > 2 ? sendTo(fd, data, peer) : true), close: () => { if (open) { open = false; closeFd(fd); } } },
    unixEndpoint(path),
    unixEndpoint(peerPath),
  );
  for (const d of early.splice(0)) stream.deliver(d);
  await session(stream);
  return 0;
}
