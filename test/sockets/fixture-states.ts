// Test fixture run as its own process (usually inside a private netns): makes every socket state the tsss tests compare, prints them as JSON, then waits.
//
// States: LISTEN (v4 and v6-only and dual-stack), ESTAB pair with queued bytes, CLOSE-WAIT/FIN-WAIT-2 (peer shut
// its side), TIME-WAIT (active close), SYN-SENT (to an address on a NOARP dummy interface, when the caller says so),
// UDP bound and connected, unix stream listener + pair, unix datagram (path and abstract).
import { AF, SOCK, bufPtr, check, libc } from "../../lib/sys/libc.ts";

const dir = process.argv[2] ?? "/tmp";
const synTarget = process.argv[3]; // e.g. "10.77.0.2" routed to a dummy interface

const noop = { data() {}, open() {}, close() {}, error() {} };

const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, allowHalfOpen: true, socket: noop });
const port = listener.port;
const v6 = Bun.listen({ hostname: "::1", port: 0, socket: noop });
const dual = Bun.listen({ hostname: "::", port: 0, socket: noop });

// ESTAB with 3000 bytes waiting in the server's receive queue (the server never reads: it pauses).
const accepted: unknown[] = [];
const queued = Bun.listen({
  hostname: "127.0.0.1",
  port: 0,
  allowHalfOpen: true,
  socket: { open(s) { accepted.push(s); s.pause?.(); }, data() {}, close() {}, error() {} },
});
const estab = await Bun.connect({ hostname: "127.0.0.1", port: queued.port, socket: noop });
estab.write(new Uint8Array(3000));

// CLOSE-WAIT on the server side, FIN-WAIT-2 on the client side.
const halfServer = Bun.listen({ hostname: "127.0.0.1", port: 0, allowHalfOpen: true, socket: { open(s) { accepted.push(s); }, data() {}, close() {}, error() {}, end() {} } });
const half = await Bun.connect({ hostname: "127.0.0.1", port: halfServer.port, allowHalfOpen: true, socket: noop });
await Bun.sleep(50);
half.shutdown();

// TIME-WAIT: the client closes first, then the server.
let twServerSock: { end(): void } | undefined;
const twServer = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { open(s) { twServerSock = s; }, data() {}, close() {}, error() {} } });
const tw = await Bun.connect({ hostname: "127.0.0.1", port: twServer.port, socket: noop });
await Bun.sleep(50);
tw.end();
await Bun.sleep(50);
twServerSock?.end();

// SYN-SENT: nothing will ever answer on the dummy interface.
let synPort = 0;
if (synTarget) {
  synPort = 9;
  void Bun.connect({ hostname: synTarget, port: synPort, socket: { ...noop, connectError() {} } }).catch(() => {});
}

const udp = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0, socket: { data() {}, error() {} } });
const udpPeer = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0, connect: { hostname: "127.0.0.1", port: udp.port }, socket: { data() {}, error() {} } });

const unixPath = `${dir}/tsss-test-${process.pid}.sock`;
const unixServer = Bun.listen({ unix: unixPath, socket: { open(s) { accepted.push(s); }, data() {}, close() {}, error() {} } });
const unixClient = await Bun.connect({ unix: unixPath, socket: noop });

// Unix datagram sockets through libc (Bun has none): one bound to a path, one abstract.
function unixDgram(name: string, abstract: boolean): number {
  const c = libc();
  const fd = check("socket", c.socket(AF.UNIX, SOCK.DGRAM | SOCK.CLOEXEC, 0));
  const sa = new Uint8Array(110);
  new DataView(sa.buffer).setUint16(0, AF.UNIX, true);
  const bytes = new TextEncoder().encode(name);
  sa.set(bytes, abstract ? 3 : 2);
  check("bind", c.bind(fd, bufPtr(sa), 2 + bytes.length + (abstract ? 1 : 0)));
  return fd;
}
// Raw sockets (root): ICMP over IPv4 and ICMPv6 over IPv6.
let raw = 0;
try {
  check("socket", libc().socket(AF.INET, SOCK.RAW | SOCK.CLOEXEC, 1));
  check("socket", libc().socket(AF.INET6, SOCK.RAW | SOCK.CLOEXEC, 58));
  raw = 2;
} catch {
  // not allowed here: the raw tests see none, as ss does
}

// Packet sockets (root): one for all protocols, one for IPv4 with a one-instruction BPF program ("ret #0").
let packet = 0;
try {
  // "ret #0" drops everything, so the receive queues (printed as Recv-Q) stay empty while tests send traffic.
  const prog = new Uint8Array(8);
  new DataView(prog.buffer).setUint16(0, 0x06, true);
  const fprog = new Uint8Array(16);
  const v = new DataView(fprog.buffer);
  v.setUint16(0, 1, true);
  v.setBigUint64(8, BigInt(bufPtr(prog)), true);
  for (const [type, proto] of [[SOCK.RAW, 0x0300], [SOCK.DGRAM, 0x0008]]) { // htons(ETH_P_ALL), htons(ETH_P_IP)
    const fd = check("socket", libc().socket(AF.PACKET, type! | SOCK.CLOEXEC, proto!));
    check("setsockopt", libc().setsockopt(fd, 1, 26, bufPtr(fprog), 16)); // SO_ATTACH_FILTER
  }
  packet = 2;
} catch {
  // not allowed here
}

// An MPTCP listener, when the kernel has MPTCP.
let mptcp = 0;
try {
  const fd = check("socket", libc().socket(AF.INET, SOCK.STREAM | SOCK.CLOEXEC, 262));
  const sa = new Uint8Array(16);
  const v = new DataView(sa.buffer);
  v.setUint16(0, AF.INET, true);
  sa.set([127, 0, 0, 1], 4);
  check("bind", libc().bind(fd, bufPtr(sa), 16));
  check("listen", libc().listen(fd, 5));
  mptcp = 1;
} catch {
  // no MPTCP here
}

const dgramPath = `${dir}/tsss-dgram-${process.pid}.sock`;
unixDgram(dgramPath, false);
unixDgram(`tsss-abstract-${process.pid}`, true);

await Bun.sleep(100);
console.log(
  JSON.stringify({
    pid: process.pid,
    listen: port,
    v6: v6.port,
    dual: dual.port,
    estabServer: queued.port,
    estabClient: estab.localPort,
    halfServer: halfServer.port,
    twServer: twServer.port,
    synPort,
    udp: udp.port,
    udpPeer: udpPeer.port,
    unixPath,
    dgramPath,
    unixClient: Boolean(unixClient),
    raw,
    packet,
    mptcp,
  }),
);
process.on("SIGTERM", () => {
  unixServer.stop(true);
  try {
    require("node:fs").unlinkSync(dgramPath);
  } catch {}
  process.exit(0);
});
await Bun.sleep(120_000);
process.exit(0);
