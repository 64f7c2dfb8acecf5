// Test support: a crafted DNS capture (every common record type, EDNS, NXDOMAIN, TCP, a pointer loop) for differential tests.
import { writeTestPcap } from "./udp-pcap.ts";

// A query and an answer with every common record type, a NXDOMAIN, and the query again over TCP.
function name(n: string): number[] {
  const o: number[] = [];
  for (const l of n.split(".").filter(Boolean)) o.push(l.length, ...Buffer.from(l));
  return [...o, 0];
}
const u16 = (v: number) => [v >> 8, v & 0xff];
const u32 = (v: number) => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const rr = (owner: number[], type: number, data: number[], ttl = 3600) => [...owner, ...u16(type), ...u16(1), ...u32(ttl), ...u16(data.length), ...data];
const ptr = [0xc0, 12];
const question = [...name("lab.example"), ...u16(255), ...u16(1)];
const answers = [
  rr(ptr, 1, [192, 0, 2, 1], 0), rr(ptr, 28, [0x20, 1, 0x0d, 0xb8, ...Array(11).fill(0), 1]), rr(ptr, 5, name("www.example")),
  rr(ptr, 2, name("ns1.example"), 86461), rr(ptr, 12, name("host.example")), rr(ptr, 15, [...u16(10), ...name("mail.example")]),
  rr(ptr, 16, [5, ...Buffer.from("hello"), 3, ...Buffer.from("abc")]),
  rr(ptr, 6, [...name("ns1.example"), ...name("admin.example"), ...u32(2024010101), ...u32(7200), ...u32(3600), ...u32(1209600), ...u32(300)]),
  rr(name("_sip._tcp.lab.example"), 33, [...u16(1), ...u16(5), ...u16(5060), ...name("sip.example")]),
  rr(ptr, 99, [4, ...Buffer.from("v=sp")]),
  rr(ptr, 256, [0, 1, 0, 1, ...Buffer.from("x")]),
];
const opt = [0, ...u16(41), ...u16(1232), 0, 0, 0x80, 0, ...u16(12), ...u16(10), ...u16(8), 1, 2, 3, 4, 5, 6, 7, 8];
const query = [...u16(0x1234), ...u16(0x0100), ...u16(1), 0, 0, 0, 0, 0, 1, ...question, ...opt];
const answer = [...u16(0x1234), ...u16(0x8180), ...u16(1), ...u16(answers.length), 0, 0, 0, 1, ...question, ...answers.flat(), ...opt];
const nxdomain = [...u16(0x99), ...u16(0x8183), ...u16(1), 0, 0, 0, 0, 0, 0, ...question];
const loop = [...u16(7), ...u16(0x8180), 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1];
/** The DNS answer message on its own, for malformed-input tests. */
export const DNS_ANSWER: readonly number[] = answer;

/** Write the capture under a name unique to this process; returns its path. */
export function writeDnsCapture(name: string): string {
  return writeTestPcap(name, [
  { proto: "udp", src: "127.0.0.1", dst: "127.0.0.53", sport: 40000, dport: 53, payload: new Uint8Array(query) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40000, payload: new Uint8Array(answer) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40001, payload: new Uint8Array(nxdomain) },
  { proto: "tcp", src: "127.0.0.1", dst: "127.0.0.53", sport: 40002, dport: 53, payload: new Uint8Array([...u16(query.length), ...query]) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40003, payload: new Uint8Array(loop) },
  ]);
}
