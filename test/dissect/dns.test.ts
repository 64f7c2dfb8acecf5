// DNS against real tshark: corpus summaries and -T fields, a crafted capture of every common RR type (-V), malformed input.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { writeTestPcap } from "./udp-pcap.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const corpus = join(sharedDir, "captures", "tcpdump");
const DNS_FILES = ["dns_udp.pcap", "dns_tcp.pcap", "dns_udp_2.pcap", "dns_udp_8053.pcap", "dnssec.pcap", "edns-opts.pcap", "dns-uri.pcap", "dns-badcookie.pcap", "dns-badvers.pcap", "LINKTYPE_IPV4.pcap", "LINKTYPE_IPV6.pcap", "time_2038.pcap"];
const DNS_FIELDS = ["dns.id", "dns.flags.response", "dns.flags.rcode", "dns.qry.name", "dns.qry.type", "dns.a", "dns.aaaa", "dns.ns", "dns.cname", "dns.count.answers", "dns.resp.ttl", "dns.rr.udp_payload_size", "dns.response_to", "dns.time"];

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
const crafted = writeTestPcap("dns-test", [
  { proto: "udp", src: "127.0.0.1", dst: "127.0.0.53", sport: 40000, dport: 53, payload: new Uint8Array(query) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40000, payload: new Uint8Array(answer) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40001, payload: new Uint8Array(nxdomain) },
  { proto: "tcp", src: "127.0.0.1", dst: "127.0.0.53", sport: 40002, dport: 53, payload: new Uint8Array([...u16(query.length), ...query]) },
  { proto: "udp", src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40003, payload: new Uint8Array(loop) },
]);
afterAll(() => rmSync(crafted, { force: true }));

const shared = needs("shared", "tool:tshark");
shared.describe("DNS on the tcpdump corpus matches tshark", () => {
  for (const f of DNS_FILES) {
    shared.test(f, async () => {
      const path = join(corpus, f);
      for (const args of [["-r", path], ["-r", path, "-T", "fields", ...DNS_FIELDS.flatMap((e) => ["-e", e])]]) {
        const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env, timeoutMs: 60_000 })]);
        expect(mine.out).toBe(theirs);
      }
    }, 60_000);
  }
});

const local = needs("tool:tshark");
local.describe("DNS record types match tshark", () => {
  local.test("summary lines and -T fields", async () => {
    for (const args of [["-r", crafted], ["-r", crafted, "-T", "fields", ...DNS_FIELDS.flatMap((e) => ["-e", e]), "-e", "dns.mx.mail_exchange", "-e", "dns.txt", "-e", "dns.srv.target", "-e", "dns.soa.mname"]]) {
      const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
      expect(mine.out).toBe(theirs);
    }
  });
  local.test("the DNS subtree of -V", async () => {
    const theirs = treeBlocks(await tshark(["-r", crafted, "-V"]), "Domain Name System");
    const mine = treeBlocks((await dissectAll(crafted)).map((p) => treeText(p)).join("\n"), "Domain Name System");
    expect(mine).toEqual(theirs);
  });
});

local.describe("malformed DNS never escapes as an exception", () => {
  local.test("truncations and byte flips of a response", async () => {
    const frames = [];
    for (let cut = 0; cut < answer.length; cut += 7) frames.push({ proto: "udp" as const, src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40000, payload: new Uint8Array(answer.slice(0, cut)) });
    for (let i = 12; i < answer.length; i += 5) {
      const b = answer.slice();
      b[i] = b[i]! ^ 0xc0;
      frames.push({ proto: "udp" as const, src: "127.0.0.53", dst: "127.0.0.1", sport: 53, dport: 40000, payload: new Uint8Array(b) });
    }
    const path = writeTestPcap("dns-bad", frames);
    try {
      const r = await run([...ours("tsshark"), "-r", path], { env: { ...env, TSNET_DEBUG: "1" } });
      expect(r.stderr).not.toContain("dissector bug");
      expect(r.code).toBe(0);
      expect(r.out.split("\n").filter(Boolean).length).toBe(frames.length);
    } finally {
      rmSync(path, { force: true });
    }
  });
});
