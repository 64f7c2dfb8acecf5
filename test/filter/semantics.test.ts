// Display-filter semantics on packets built here (no tshark needed): multi-occurrence rules, sets, slices, functions, errors.
import { describe, expect, test } from "bun:test";
import { allFields } from "../../lib/dissect/field.ts";
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import type { Packet } from "../../lib/dissect/tree.ts";
import { compileDisplayFilter } from "../../lib/filter/compile.ts";
import { FilterError } from "../../lib/filter/error.ts";

/** An Ethernet + IPv4 + TCP frame from 10.0.0.1:40000 to 10.0.0.2:80 with flags PSH|ACK and the given payload. */
function tcpFrame(payload: string, src = [10, 0, 0, 1], dst = [10, 0, 0, 2]): Uint8Array {
  const body = new TextEncoder().encode(payload);
  const ipLen = 20 + 20 + body.length;
  const f = new Uint8Array(14 + ipLen);
  f.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  f.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 1, 0x40, 0, 64, 6, 0, 0, ...src, ...dst], 14);
  f.set([0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0], 34);
  f.set(body, 54);
  return f;
}

function packetOf(data: Uint8Array, wantAll = true): Packet {
  const session = new Session({ tables: newTables() });
  return dissectFrame(session, { ts: 1_000_000_000n, caplen: data.length, len: data.length, linktype: 1, data }, 1, { full: wantAll, want: null, columns: false });
}

const hello = packetOf(tcpFrame("hello world"));
const same = packetOf(tcpFrame("x", [10, 0, 0, 7], [10, 0, 0, 7]));

function passes(filter: string, pkt = hello): boolean {
  return compileDisplayFilter(filter).test(pkt);
}

describe("basic tests", () => {
  test("presence, logic and comparisons", () => {
    expect(passes("")).toBe(true);
    expect(passes("tcp && ip && eth")).toBe(true);
    expect(passes("udp")).toBe(false);
    expect(passes("not udp and !icmp")).toBe(true);
    expect(passes("tcp.dstport == 80 && tcp.len > 0")).toBe(true);
    expect(passes("tcp.dstport eq 0x50 and tcp.srcport ge 40000")).toBe(true);
    expect(passes("tcp.port in {80, 443, 8000..8999}")).toBe(true);
    expect(passes("tcp.port not in {80}")).toBe(false);
    expect(passes("tcp.srcport in {39000..39999}")).toBe(false);
    expect(passes("ip.src == 10.0.0.0/24")).toBe(true);
    expect(passes("ip.src == 10.0.1.0/24")).toBe(false);
    expect(passes("tcp.flags & 0x08")).toBe(true);
    expect(passes("tcp.flags & 0x02")).toBe(false);
    expect(passes("tcp.flags.push == 1 && tcp.flags.syn == False")).toBe(true);
  });

  test("multi-occurrence: == any, != all, === all, !== / ~= any", () => {
    // hello: ip.addr is {10.0.0.1, 10.0.0.2}; same: {10.0.0.7, 10.0.0.7}
    expect(passes("ip.addr == 10.0.0.1")).toBe(true);
    expect(passes("ip.addr != 10.0.0.1")).toBe(false);
    expect(passes("ip.addr ~= 10.0.0.1")).toBe(true);
    expect(passes("ip.addr !== 10.0.0.1")).toBe(true);
    expect(passes("ip.addr === 10.0.0.1")).toBe(false);
    expect(passes("ip.addr === 10.0.0.7", same)).toBe(true);
    expect(passes("all ip.addr == 10.0.0.7", same)).toBe(true);
    expect(passes("any ip.addr != 10.0.0.1")).toBe(true);
    expect(passes("all tcp.port > 79")).toBe(true);
    expect(passes("all tcp.port > 80")).toBe(false);
    expect(passes("ip.addr != 10.9.9.9")).toBe(true);
    // every comparison implies presence
    expect(passes("udp.port != 53")).toBe(false);
    expect(passes("!(udp.port == 53)")).toBe(true);
  });

  test("bytes, strings, slices and regular expressions", () => {
    expect(passes('tcp.payload contains "world"')).toBe(true);
    expect(passes('frame contains "hello"')).toBe(true);
    expect(passes("tcp.payload[0:5] == \"hello\"")).toBe(true);
    expect(passes("tcp.payload[0:2] == 68:65")).toBe(true);
    expect(passes("tcp.payload[-1] == 64")).toBe(true);
    expect(passes("tcp.payload[0-1] == 68-65")).toBe(true);
    expect(passes("tcp.payload[6:] == \"world\"")).toBe(true);
    expect(passes("tcp.payload[0:1,6:1] == 68:77")).toBe(true);
    expect(passes("tcp.payload[20:2] == 00:00")).toBe(false);
    expect(passes("eth.src[0:3] == 02:00:00")).toBe(true);
    expect(passes("eth.dst == 02-00-00-00-00-02")).toBe(true);
    expect(passes("eth.dst == 0200.0000.0002")).toBe(true);
    expect(passes('tcp.payload matches "^HELLO"')).toBe(true);
    expect(passes('tcp.payload matches "(?-i)^HELLO"')).toBe(false);
    expect(passes('tcp.payload ~ "w.rld$"')).toBe(true);
    expect(passes("tcp.payload contains 0x68")).toBe(true);
    expect(passes('frame contains "\\x68\\145llo"')).toBe(true);
  });

  test("functions and arithmetic", () => {
    expect(passes("len(tcp.payload) == 11")).toBe(true);
    expect(passes("count(ip.addr) == 2")).toBe(true);
    expect(passes('string(tcp.dstport) == "80"')).toBe(true);
    expect(passes('string(ip.src) matches "^10\\\\."')).toBe(true);
    expect(passes("max(tcp.srcport, tcp.dstport) == 40000")).toBe(true);
    expect(passes("min(tcp.srcport, tcp.dstport) == 80")).toBe(true);
    expect(passes("tcp.dstport + 1 == 81")).toBe(true);
    expect(passes("tcp.srcport >= 4 * {tcp.dstport + 3}")).toBe(true);
    expect(passes("tcp.dstport * 2 == 160 && tcp.dstport / 0 == 1")).toBe(false);
    expect(passes("-tcp.dstport == -80")).toBe(true);
    expect(passes("ip.len == ip.hdr_len * 2 + 11")).toBe(true);
  });

  test("byte strings order by length first, then by content (Wireshark's rule)", () => {
    expect(passes("tcp.payload > ffff")).toBe(true);
    expect(passes("tcp.payload < 00:00:00:00:00:00:00:00:00:00:00:00")).toBe(true);
    expect(passes('tcp.payload > "hello worla"')).toBe(true);
  });

  test("count() of an absent field has no value", () => {
    expect(passes("count(udp.port) == 0")).toBe(false);
  });

  test("field references have no value in tshark (no selected packet)", () => {
    expect(passes("tcp.port == ${tcp.port}")).toBe(false);
  });

  test("the filter names the fields it reads, so the engine can skip the full tree", () => {
    const f = compileDisplayFilter("tcp.port == 80 && len(ip.src) == 4");
    expect(f.fields.map((x) => x.abbrev).sort()).toEqual(["ip.src", "tcp.port"]);
    expect(f.needsFullTree).toBe(false);
    const want = new Uint8Array(allFields.length);
    for (const x of f.fields) want[x.id] = 1;
    const data = tcpFrame("hi");
    const pkt = dissectFrame(new Session({ tables: newTables() }), { ts: 0n, caplen: data.length, len: data.length, linktype: 1, data }, 1, { full: false, want, columns: false });
    expect(f.test(pkt)).toBe(true);
  });
});

describe("errors", () => {
  function error(filter: string): FilterError {
    try {
      compileDisplayFilter(filter);
    } catch (e) {
      if (e instanceof FilterError) return e;
      throw e;
    }
    throw new Error(`accepted: ${filter}`);
  }

  test("a syntax error carries exit code 2 and the caret lines", () => {
    const e = error("tcp.port =");
    expect(e.exitCode).toBe(2);
    expect(e.extra).toEqual(["    tcp.port =", "             ^"]);
  });

  test("the caret underlines the whole token", () => {
    expect(error("tcp.prot == 80").extra[1]).toBe("    ^~~~~~~~");
  });

  test("catastrophic regular expressions are refused instead of hanging", () => {
    expect(error('frame matches "(a+)+$"').message).toContain("nested quantifiers");
    expect(error('frame matches "(x*y*)*z"').message).toContain("nested quantifiers");
    expect(passes('frame matches "(ab)+"')).toBe(false);
  });
});
