// DNS against real tshark: corpus summaries and -T fields, a crafted capture of every common RR type (-V), malformed input.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { writeTestPcap } from "./udp-pcap.ts";
import { DNS_ANSWER, writeDnsCapture } from "./dns-capture.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const corpus = join(sharedDir, "captures", "tcpdump");
const DNS_FILES = ["dns_udp.pcap", "dns_tcp.pcap", "dns_udp_2.pcap", "dns_udp_8053.pcap", "dnssec.pcap", "edns-opts.pcap", "dns-uri.pcap", "dns-badcookie.pcap", "dns-badvers.pcap", "LINKTYPE_IPV4.pcap", "LINKTYPE_IPV6.pcap", "time_2038.pcap"];
const DNS_FIELDS = ["dns.id", "dns.flags.response", "dns.flags.rcode", "dns.qry.name", "dns.qry.type", "dns.a", "dns.aaaa", "dns.ns", "dns.cname", "dns.count.answers", "dns.resp.ttl", "dns.rr.udp_payload_size", "dns.response_to", "dns.time"];

const crafted = writeDnsCapture("dns-test");
const answer = DNS_ANSWER;
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

const TREE_FILES = ["dns_udp.pcap", "dns_tcp.pcap", "dnssec.pcap", "dns-badcookie.pcap", "dns-badvers.pcap", "dns-uri.pcap"];
shared.describe("the DNS subtree of -V on the corpus matches tshark", () => {
  for (const f of TREE_FILES) {
    shared.test(f, async () => {
      const path = join(corpus, f);
      const theirs = treeBlocks(await tshark(["-r", path, "-V"]), "Domain Name System");
      const mine = treeBlocks((await dissectAll(path)).map((p) => treeText(p)).join("\n"), "Domain Name System");
      expect(mine).toEqual(theirs);
    }, 30_000);
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
