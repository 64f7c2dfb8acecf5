// The dissection engine on hand-built frames: columns, field values, stream state, bounds errors.
import { describe, expect, test } from "bun:test";
import { dissectFrame, type DissectWants } from "../../lib/dissect/engine.ts";
import { Session } from "../../lib/dissect/session.ts";
import { fieldByAbbrev, fieldsReport, newTables } from "../../lib/dissect/registry.ts";
import { allFields } from "../../lib/dissect/field.ts";
import type { Packet } from "../../lib/dissect/tree.ts";
import { fieldText } from "../../lib/format/value.ts";
import { addrText } from "../../lib/format/columns.ts";
import { eth, frame, icmpEcho, ipv4, tcp, udp } from "../support/frames.ts";

const COLS: DissectWants = { full: false, want: null, columns: true };
const FULL: DissectWants = { full: true, want: null, columns: true };

function session(): Session {
  return new Session({ tables: newTables() });
}

/** All values of a field as -T fields prints them. */
function values(pkt: Packet, abbrev: string): string[] {
  const f = fieldByAbbrev(abbrev);
  if (!f) throw new Error(`no field ${abbrev}`);
  return pkt.nodes(f).map(fieldText);
}

describe("columns", () => {
  test("UDP datagram", () => {
    const p = dissectFrame(session(), frame(eth(0x0800, ipv4(17, udp(40000, 9999, [1, 2, 3])))), 1, COLS);
    expect(p.cols!.protocol).toBe("UDP");
    expect(p.cols!.info).toBe("40000 → 9999 Len=3");
    expect(addrText(p.cols!.src, true)).toBe("10.0.0.1");
    expect(p.layers.slice(1).join(":")).toBe("eth:ethertype:ip:udp:data");
  });

  test("TCP handshake gets relative numbers and options in Info", () => {
    const s = session();
    const mss = [2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7];
    const syn = dissectFrame(s, frame(eth(0x0800, ipv4(6, tcp(39214, 8080, 1000, 0, 0x02, mss)))), 1, COLS);
    expect(syn.cols!.info).toBe("39214 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128");
    const synack = dissectFrame(s, frame(eth(0x0800, ipv4(6, tcp(8080, 39214, 5000, 1001, 0x12, mss), [10, 0, 0, 2], [10, 0, 0, 1]))), 2, COLS);
    expect(synack.cols!.info).toContain("8080 → 39214 [SYN, ACK] Seq=0 Ack=1");
    const ack = dissectFrame(s, frame(eth(0x0800, ipv4(6, tcp(39214, 8080, 1001, 5001, 0x10)))), 3, COLS);
    expect(ack.cols!.info).toBe("39214 → 8080 [ACK] Seq=1 Ack=1 Win=8383360 Len=0");
  });

  test("ICMP echo reply points at its request", () => {
    const s = session();
    dissectFrame(s, frame(eth(0x0800, ipv4(1, icmpEcho(8, 0x1234, 1)))), 1, COLS);
    const reply = dissectFrame(s, frame(eth(0x0800, ipv4(1, icmpEcho(0, 0x1234, 1), [10, 0, 0, 2], [10, 0, 0, 1], { ttl: 63 }))), 2, COLS);
    expect(reply.cols!.info).toBe("Echo (ping) reply    id=0x1234, seq=1/256, ttl=63 (request in 1)");
  });

  test("ARP request", () => {
    const arp = [0, 1, 8, 0, 6, 4, 0, 1, 0, 0x1b, 0x21, 1, 2, 3, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2];
    const p = dissectFrame(session(), frame(eth(0x0806, arp, [255, 255, 255, 255, 255, 255])), 1, COLS);
    expect(p.cols!.info).toBe("Who has 10.0.0.2? Tell 10.0.0.1");
    expect(addrText(p.cols!.dst, true)).toBe("Broadcast");
    expect(addrText(p.cols!.src, true)).toBe("IntelCor_01:02:03");
  });
});

describe("bounds errors never escape", () => {
  test("a frame cut by the snap length is marked", () => {
    const bytes = eth(0x0800, ipv4(6, tcp(1, 2, 3, 4, 0x10)));
    const p = dissectFrame(session(), frame(bytes, { caplen: 40 }), 1, COLS);
    expect(p.cols!.info).toEndWith("[Packet size limited during capture]");
  });

  test("a header that claims more than the packet has is malformed", () => {
    const p = dissectFrame(session(), frame(eth(0x86dd, [0x60, 0, 0, 0, 0, 8, 17, 64, ...new Array(17).fill(0)])), 1, COLS);
    expect(p.cols!.info).toContain("Malformed Packet");
  });

  test("random bytes on every link type dissect without an exception", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (const linktype of [0, 1, 101, 113, 228, 229, 276, 999]) {
      for (let i = 0; i < 200; i++) {
        const bytes = Array.from({ length: rnd() % 90 }, rnd);
        expect(() => dissectFrame(session(), frame(bytes, { linktype }), 1, FULL)).not.toThrow();
      }
    }
  });
});

describe("fields", () => {
  test("values print as tshark -T fields does", () => {
    const want = new Uint8Array(allFields.length);
    for (const a of ["ip.src", "ip.flags", "ip.flags.df", "tcp.flags", "eth.type", "frame.protocols", "tcp.options", "ip.id"]) want[fieldByAbbrev(a)!.id] = 1;
    const p = dissectFrame(session(), frame(eth(0x0800, ipv4(6, tcp(1, 2, 3, 4, 0x18, [1, 1, 1, 1], [0x41])))), 1, { full: false, want, columns: false });
    expect(values(p, "ip.src")).toEqual(["10.0.0.1"]);
    expect(values(p, "ip.flags")).toEqual(["0x02"]);
    expect(values(p, "ip.flags.df")).toEqual(["1"]);
    expect(values(p, "tcp.flags")).toEqual(["0x0018"]);
    expect(values(p, "eth.type")).toEqual(["0x0800"]);
    expect(values(p, "ip.id")).toEqual(["0x0001"]);
    expect(values(p, "tcp.options")).toEqual(["01010101"]);
    expect(values(p, "frame.protocols")).toEqual(["eth:ethertype:ip:tcp:data"]);
  });

  test("an ICMP error carries the outer and the quoted IP header", () => {
    const inner = ipv4(17, udp(40000, 33434, []), [10, 0, 0, 1], [10, 0, 0, 9], { ttl: 1 });
    const err = [11, 0, 0, 0, 0, 0, 0, 0, ...inner];
    const p = dissectFrame(session(), frame(eth(0x0800, ipv4(1, err, [10, 0, 0, 254], [10, 0, 0, 1]))), 1, FULL);
    expect(values(p, "ip.src")).toEqual(["10.0.0.254", "10.0.0.1"]);
    expect(values(p, "ip.ttl")).toEqual(["64", "1"]);
    expect(p.cols!.info).toBe("Time-to-live exceeded (Time to live exceeded in transit)");
  });
});

describe("registry", () => {
  test("-G fields lines have tshark's eight columns", () => {
    const lines = fieldsReport();
    expect(lines).toContain("P\tTransmission Control Protocol\ttcp");
    expect(lines).toContain("F\tSource Port\ttcp.srcport\tFT_UINT16\ttcp\tBASE_PT_TCP\t0x0\t");
    expect(lines).toContain("F\tDon't fragment\tip.flags.df\tFT_BOOLEAN\tip\t8\t0x40\t");
  });

  test("field lookup finds fields and protocols", () => {
    expect(fieldByAbbrev("tcp.srcport")?.name).toBe("Source Port");
    expect(fieldByAbbrev("ip")?.type).toBe("FT_PROTOCOL");
    expect(fieldByAbbrev("tcp.nosuch")).toBeUndefined();
  });
});
