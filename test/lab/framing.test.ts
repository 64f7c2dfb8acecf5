// Framing, modes and byte views: the pure pieces of the lessons.
import { describe, expect, test } from "bun:test";
import { deframer, frame, type Deframed } from "../../lib/lab/framing.ts";
import { daytimeText, reverseMessage, upperAscii } from "../../lib/lab/modes.ts";
import { hexDump, pyBytes } from "../../lib/lab/bytes-view.ts";
import { splitSeq, withSeq } from "../../lib/lab/reliable-header.ts";
import { percentile } from "../../lib/lab/latency-report.ts";
import { seededRandom } from "../../lib/lab/lossy-network.ts";

const b = (s: string) => new TextEncoder().encode(s);
const s = (u: Uint8Array) => new TextDecoder().decode(u);
const dat = (m: Deframed) => ("data" in m ? s(m.data) : "");

describe("framing", () => {
  test("a length prefix is 4 bytes, big-endian (network byte order)", () => {
    expect([...frame("length", b("hello"))]).toEqual([0, 0, 0, 5, ...b("hello")]);
    expect([...frame("length", new Uint8Array(258)).subarray(0, 4)]).toEqual([0, 0, 1, 2]);
  });

  test("line framing survives one byte at a time", () => {
    const d = deframer("line", 100);
    const got: string[] = [];
    for (const byte of b("ab\ncd\n\nef")) for (const m of d.push(new Uint8Array([byte]))) got.push(dat(m));
    expect(got).toEqual(["ab", "cd", ""]);
    expect(d.pending()).toBe(2);
    expect(s(d.end()!)).toBe("ef");
  });

  test("length framing across arbitrary splits", () => {
    const wire = new Uint8Array([...frame("length", b("one")), ...frame("length", b("")), ...frame("length", b("three"))]);
    for (const cut of [1, 2, 3, 5, 7]) {
      const d = deframer("length", 100);
      const got: string[] = [];
      for (let i = 0; i < wire.length; i += cut) for (const m of d.push(wire.subarray(i, i + cut))) got.push(dat(m));
      expect(got).toEqual(["one", "", "three"]);
    }
  });

  test("an overlong line is passed on in pieces, never dropped, memory bounded", () => {
    const d = deframer("line", 4);
    const out = d.push(b("abcdefghij\nxy\n"));
    expect(out.map((m) => [m.kind, dat(m)])).toEqual([
      ["overlong-piece", "abcd"],
      ["overlong-piece", "efgh"],
      ["message", "ij"],
      ["message", "xy"],
    ]);
  });

  test("text sent to a length-framed receiver is a bad length, reported once", () => {
    const d = deframer("length", 65536);
    const [m] = d.push(b("hello\n"));
    expect(m!.kind).toBe("bad-length");
    if (m!.kind === "bad-length") expect(m!.length).toBe(0x68656c6c);
    expect(d.push(b("more"))).toEqual([]);
  });
});

describe("modes", () => {
  test("upper-casing touches only a-z and keeps every other byte", () => {
    const raw = new Uint8Array([0x68, 0x69, 0xff, 0x00, 0xc3, 0xa9, 0x7a]);
    expect([...upperAscii(raw)]).toEqual([0x48, 0x49, 0xff, 0x00, 0xc3, 0xa9, 0x5a]);
  });
  test("reverse by characters for UTF-8, by bytes otherwise", () => {
    expect(s(reverseMessage(b("héllo")))).toBe("olléh");
    expect([...reverseMessage(new Uint8Array([1, 0xff, 2]))]).toEqual([2, 0xff, 1]);
  });
  test("daytime in ctime layout", () => {
    expect(s(daytimeText(new Date("2026-11-05T05:40:09Z")))).toBe("Thu Nov  5 05:40:09 2026\r\n");
  });
});

describe("views and helpers", () => {
  test("Python's bytes repr", () => {
    expect(pyBytes(b("it's\n\\"))).toBe("b'it\\'s\\n\\\\'");
    expect(pyBytes(new Uint8Array([0, 0, 0, 5]))).toBe("b'\\x00\\x00\\x00\\x05'");
  });
  test("hex dump", () => {
    expect(hexDump(b("hello"), "")).toEqual(["00000000  68 65 6c 6c 6f                                    |hello|"]);
  });
  test("reliable header round trip, upper-case invariant", () => {
    const d = withSeq(42, b("hi"));
    expect(s(d)).toBe("#42 hi");
    const h = splitSeq(upperAscii(d))!;
    expect([h.seq, s(h.payload)]).toEqual([42, "HI"]);
    expect(splitSeq(b("#x hi"))).toBeUndefined();
  });
  test("nearest-rank percentiles", () => {
    const v = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 90), percentile(v, 99), percentile(v, 100)]).toEqual([50, 90, 99, 100]);
  });
  test("the simulated network replays with a seed", () => {
    const a = seededRandom(7), c = seededRandom(7);
    expect([a(), a(), a()]).toEqual([c(), c(), c()]);
  });
});
