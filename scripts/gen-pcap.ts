// Writes a deterministic pcap of mixed traffic for the benchmarks: `bun scripts/gen-pcap.ts out.pcap [N] [seed]`.
//
// Ethernet frames carrying interleaved conversations: TCP (handshake, data, FIN) over IPv4 and
// IPv6 with HTTP requests and responses on port 80, UDP DNS queries and answers, ICMP echo, ARP.
// Checksums are correct so tshark and tcpdump see clean packets. Same N and seed, same bytes.
import { openByteSink } from "../lib/pcap/byte-sink.ts";
import { writePcapHeader } from "../lib/pcap/pcap-encode.ts";

/** mulberry32: small, fast, seeded; Math.random cannot be seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Packet = Uint8Array;
type Endpoint = { mac: Uint8Array; v4: Uint8Array; v6: Uint8Array };

const enc = new TextEncoder();

function sum16(b: Uint8Array, start: number, end: number, acc = 0): number {
  for (let i = start; i + 1 < end; i += 2) acc += (b[i]! << 8) | b[i + 1]!;
  if ((end - start) & 1) acc += b[end - 1]! << 8;
  return acc;
}
const fold = (acc: number): number => {
  while (acc > 0xffff) acc = (acc & 0xffff) + (acc >>> 16);
  return ~acc & 0xffff;
};

function ethernet(dst: Uint8Array, src: Uint8Array, type: number, payloadLen: number): { pkt: Packet; off: number } {
  const pkt = new Uint8Array(14 + payloadLen);
  pkt.set(dst, 0);
  pkt.set(src, 6);
  pkt[12] = type >> 8;
  pkt[13] = type & 0xff;
  return { pkt, off: 14 };
}

/** An IP packet (v4 or v6) with a transport payload whose checksum field sits at `csumAt` (or -1). */
function ipPacket(v6: boolean, a: Endpoint, b: Endpoint, proto: number, l4: Uint8Array, csumAt: number, ipId: number): Packet {
  const ipLen = v6 ? 40 : 20;
  const { pkt, off } = ethernet(b.mac, a.mac, v6 ? 0x86dd : 0x0800, ipLen + l4.length);
  const v = new DataView(pkt.buffer);
  let pseudo = 0;
  if (v6) {
    v.setUint32(off, 0x60000000);
    v.setUint16(off + 4, l4.length);
    pkt[off + 6] = proto;
    pkt[off + 7] = 64;
    pkt.set(a.v6, off + 8);
    pkt.set(b.v6, off + 24);
    pseudo = sum16(pkt, off + 8, off + 40, l4.length + proto);
  } else {
    pkt[off] = 0x45;
    v.setUint16(off + 2, 20 + l4.length);
    v.setUint16(off + 4, ipId & 0xffff);
    v.setUint16(off + 6, 0x4000);
    pkt[off + 8] = 64;
    pkt[off + 9] = proto;
    pkt.set(a.v4, off + 12);
    pkt.set(b.v4, off + 16);
    v.setUint16(off + 10, fold(sum16(pkt, off, off + 20)));
    pseudo = sum16(pkt, off + 12, off + 20, l4.length + proto);
  }
  pkt.set(l4, off + ipLen);
  if (csumAt >= 0) {
    const start = off + ipLen;
    const c = fold(sum16(pkt, start, start + l4.length, proto === 1 ? 0 : pseudo));
    v.setUint16(start + csumAt, proto === 17 && c === 0 ? 0xffff : c);
  }
  return pkt;
}

function tcp(sport: number, dport: number, seq: number, ack: number, flags: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const s = new Uint8Array(20 + data.length);
  const v = new DataView(s.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint32(4, seq >>> 0);
  v.setUint32(8, ack >>> 0);
  s[12] = 5 << 4;
  s[13] = flags;
  v.setUint16(14, 64240);
  s.set(data, 20);
  return s;
}

function udp(sport: number, dport: number, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(8 + data.length);
  const v = new DataView(s.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint16(4, 8 + data.length);
  s.set(data, 8);
  return s;
}

function dnsMessage(id: number, name: string, answer: Uint8Array | undefined, v6: boolean): Uint8Array {
  const labels = name.split(".").flatMap((l) => [l.length, ...enc.encode(l)]);
  const qtype = v6 ? 28 : 1;
  const q = [...labels, 0, 0, qtype, 0, 1];
  const head = [id >> 8, id & 0xff, answer ? 0x81 : 0x01, answer ? 0x80 : 0x00, 0, 1, 0, answer ? 1 : 0, 0, 0, 0, 0];
  const ans = answer ? [0xc0, 12, 0, qtype, 0, 1, 0, 0, 0x0e, 0x10, 0, answer.length, ...answer] : [];
  return new Uint8Array([...head, ...q, ...ans]);
}

const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10;
const NAMES = ["example.com", "www.example.org", "lab.tsnet.test", "mirror.debian.org", "api.github.com"];
const PATHS = ["/", "/index.html", "/api/v1/items?id=42", "/static/app.js", "/favicon.ico"];

/** One conversation as a list of packets, built when it starts. */
function conversation(rand: () => number, hosts: Endpoint[], ipId: () => number): Packet[] {
  const a = hosts[Math.floor(rand() * hosts.length)]!;
  let b = hosts[Math.floor(rand() * hosts.length)]!;
  if (b === a) b = hosts[(hosts.indexOf(a) + 1) % hosts.length]!;
  const v6 = rand() < 0.3;
  const kind = rand();
  if (kind < 0.45) {
    const sport = 32768 + Math.floor(rand() * 28000);
    const dport = rand() < 0.7 ? 80 : [443, 22][Math.floor(rand() * 2)]!;
    let cs = Math.floor(rand() * 0xffffffff);
    let ss = Math.floor(rand() * 0xffffffff);
    const c2s = (flags: number, data?: Uint8Array) => ipPacket(v6, a, b, 6, tcp(sport, dport, cs, ss, flags, data), 16, ipId());
    const s2c = (flags: number, data?: Uint8Array) => ipPacket(v6, b, a, 6, tcp(dport, sport, ss, cs, flags, data), 16, ipId());
    const out: Packet[] = [];
    out.push(ipPacket(v6, a, b, 6, tcp(sport, dport, cs, 0, TCP_SYN), 16, ipId()));
    cs++;
    out.push(ipPacket(v6, b, a, 6, tcp(dport, sport, ss, cs, TCP_SYN | TCP_ACK), 16, ipId()));
    ss++;
    out.push(c2s(TCP_ACK));
    const req = dport === 80
      ? enc.encode(`GET ${PATHS[Math.floor(rand() * PATHS.length)]} HTTP/1.1\r\nHost: ${NAMES[Math.floor(rand() * NAMES.length)]}\r\nUser-Agent: gen-pcap\r\nAccept: */*\r\n\r\n`)
      : new Uint8Array(Math.floor(rand() * 200) + 20).map(() => Math.floor(rand() * 256));
    out.push(c2s(TCP_PSH | TCP_ACK, req));
    cs += req.length;
    out.push(s2c(TCP_ACK));
    const body = "x".repeat(Math.floor(rand() * 900) + 10);
    const resp = dport === 80
      ? enc.encode(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`)
      : new Uint8Array(Math.floor(rand() * 1200) + 20).map(() => Math.floor(rand() * 256));
    out.push(s2c(TCP_PSH | TCP_ACK, resp));
    ss += resp.length;
    out.push(c2s(TCP_ACK));
    out.push(c2s(TCP_FIN | TCP_ACK));
    cs++;
    out.push(s2c(TCP_FIN | TCP_ACK));
    ss++;
    out.push(c2s(TCP_ACK));
    return out;
  }
  if (kind < 0.75) {
    const id = Math.floor(rand() * 0x10000);
    const sport = 1024 + Math.floor(rand() * 60000);
    const name = NAMES[Math.floor(rand() * NAMES.length)]!;
    const addr = v6 ? b.v6 : b.v4;
    return [
      ipPacket(v6, a, b, 17, udp(sport, 53, dnsMessage(id, name, undefined, v6)), 6, ipId()),
      ipPacket(v6, b, a, 17, udp(53, sport, dnsMessage(id, name, addr, v6)), 6, ipId()),
    ];
  }
  if (kind < 0.9) {
    const id = Math.floor(rand() * 0x10000);
    const out: Packet[] = [];
    for (let seq = 1; seq <= 2; seq++) {
      for (const [type, from, to] of [[8, a, b], [0, b, a]] as const) {
        const icmp = new Uint8Array(8 + 48);
        icmp[0] = type;
        icmp[4] = id >> 8;
        icmp[5] = id & 0xff;
        icmp[7] = seq;
        for (let i = 8; i < icmp.length; i++) icmp[i] = i;
        out.push(ipPacket(false, from, to, 1, icmp, 2, ipId()));
      }
    }
    return out;
  }
  const arp = (op: number, from: Endpoint, to: Endpoint, toMac: Uint8Array): Packet => {
    const { pkt, off } = ethernet(op === 1 ? new Uint8Array(6).fill(0xff) : to.mac, from.mac, 0x0806, 28 + 18);
    pkt.set([0, 1, 8, 0, 6, 4, 0, op], off);
    pkt.set(from.mac, off + 8);
    pkt.set(from.v4, off + 14);
    pkt.set(toMac, off + 18);
    pkt.set(to.v4, off + 24);
    return pkt;
  };
  return [arp(1, a, b, new Uint8Array(6)), arp(2, b, a, a.mac)];
}

function hostsOf(rand: () => number, n: number): Endpoint[] {
  return Array.from({ length: n }, (_, i) => ({
    mac: new Uint8Array([0x02, 0x00, 0x5e, i >> 8, i & 0xff, Math.floor(rand() * 256)]),
    v4: new Uint8Array([10, 0, i >> 8, (i & 0xff) + 1]),
    v6: new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, i >> 8, (i & 0xff) + 1]),
  }));
}

/** Write `count` packets to `path`; returns the bytes written. */
export function generatePcap(path: string, count: number, seed = 1): number {
  const rand = prng(seed);
  const hosts = hostsOf(rand, 64);
  let id = 0;
  const ipId = () => id++;
  const sink = openByteSink(path);
  writePcapHeader(sink, 1, 262144, false);
  // 16 conversations in flight at once, so streams interleave as they do on a real link.
  const active: Packet[][] = Array.from({ length: 16 }, () => conversation(rand, hosts, ipId));
  let sec = Math.floor(Date.UTC(2026, 10, 25) / 1000);
  let usec = 0;
  for (let n = 0; n < count; n++) {
    const k = Math.floor(rand() * active.length);
    let conv = active[k]!;
    if (conv.length === 0) conv = active[k] = conversation(rand, hosts, ipId);
    const pkt = conv.shift()!;
    usec += 1 + Math.floor(rand() * 200);
    if (usec >= 1_000_000) {
      sec += Math.floor(usec / 1_000_000);
      usec %= 1_000_000;
    }
    const { buf, view, at } = sink.reserve(16 + pkt.length);
    view.setUint32(at, sec, true);
    view.setUint32(at + 4, usec, true);
    view.setUint32(at + 8, pkt.length, true);
    view.setUint32(at + 12, pkt.length, true);
    buf.set(pkt, at + 16);
  }
  const size = sink.size;
  sink.close();
  return size;
}

if (import.meta.main) {
  const [out, n, seed] = process.argv.slice(2);
  if (!out) {
    console.error("usage: bun scripts/gen-pcap.ts OUT.pcap [COUNT=1000000] [SEED=1]");
    process.exit(2);
  }
  const count = n === undefined ? 1_000_000 : Number(n);
  if (!Number.isInteger(count) || count < 0) {
    console.error(`gen-pcap: bad packet count "${n}"`);
    process.exit(2);
  }
  const t0 = performance.now();
  const bytes = generatePcap(out, count, seed === undefined ? 1 : Number(seed));
  console.error(`gen-pcap: wrote ${count} packets (${bytes} bytes) to ${out} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
