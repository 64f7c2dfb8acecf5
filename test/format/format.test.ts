// Value, time and -E option formatting as tshark prints them.
import { describe, expect, test } from "bun:test";
import { absColumnText, hmsText, intervalText, timeColumn } from "../../lib/format/time.ts";
import { applyFieldsOption, DEFAULT_FIELDS_OPTIONS } from "../../lib/format/fields.ts";
import { intText, relTimeText } from "../../lib/format/value.ts";
import { ipv6At } from "../../lib/format/address.ts";
import { fieldByAbbrev } from "../../lib/dissect/registry.ts";
import { macName } from "../../lib/dissect/names.ts";

describe("time", () => {
  test("intervals are cut, not rounded, to the file's precision", () => {
    expect(intervalText(1_496_715_711n, 9)).toBe("1.496715711");
    expect(intervalText(1_496_715_711n, 6)).toBe("1.496715");
    expect(intervalText(0n, 6)).toBe("0.000000");
    expect(intervalText(-1_000n, 9)).toBe("-0.000001000");
  });
  test("-u hms", () => {
    expect(hmsText(1_496_715_711n, 9)).toBe("1.496715711s");
    expect(hmsText(125_000_000_000n, 6)).toBe("2m 5.000000s");
    expect(hmsText(3_725_000_000_000n, 6)).toBe("1h 2m 5.000000s");
  });
  test("absolute forms in UTC", () => {
    const sec = 1_795_558_465, nsec = 352_774_525;
    expect(absColumnText(sec, nsec, "u", 9)).toBe("22:14:25.352774525");
    expect(absColumnText(sec, nsec, "ud", 9)).toBe("2026-11-24 22:14:25.352774525");
    expect(absColumnText(sec, nsec, "udoy", 6)).toBe("2026/328 22:14:25.352774");
    expect(timeColumn({ sec, nsec, rel: nsec, first: nsec, prevCaptured: nsec, prevDisplayed: nsec }, "e", 9, false)).toBe("1795558465.352774525");
    expect(timeColumn({ sec, nsec, rel: 1_500_000_000, first: 0, prevCaptured: 0, prevDisplayed: 0 }, "r", 6, false)).toBe("1.500000");
  });
  test("relative time values", () => {
    expect(relTimeText(0n)).toBe("0.000000000");
    expect(relTimeText(-5n)).toBe("-0.000000005");
  });
});

describe("values", () => {
  test("hex bases pad to the type's width", () => {
    expect(intText(fieldByAbbrev("eth.type")!, 0x800)).toBe("0x0800");
    expect(intText(fieldByAbbrev("ip.flags")!, 2)).toBe("0x02");
    expect(intText(fieldByAbbrev("tcp.srcport")!, 80)).toBe("80");
  });
  test("IPv6 text follows RFC 5952", () => {
    const a = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6At(a, 0)).toBe("2001:db8::1");
    expect(ipv6At(new Uint8Array(16), 0)).toBe("::");
    const mapped = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]);
    expect(ipv6At(mapped, 0)).toBe("::ffff:10.0.0.1");
  });
  test("MAC names", () => {
    expect(macName(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, true)).toBe("Broadcast");
    expect(macName(new Uint8Array([0x33, 0x33, 0, 0, 0, 1]), 0, true)).toBe("IPv6mcast_01");
    expect(macName(new Uint8Array([0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb]), 0, true)).toBe("IPv4mcast_fb");
    expect(macName(new Uint8Array([0xb8, 0xce, 0xf6, 0x04, 0x8b, 0x14]), 0, true)).toBe("Mellanox_04:8b:14");
    expect(macName(new Uint8Array([0xb8, 0xce, 0xf6, 0x04, 0x8b, 0x14]), 0, false)).toBe("b8:ce:f6:04:8b:14");
  });
});

describe("-E options", () => {
  test("separator, quote, occurrence, aggregator", () => {
    let o = DEFAULT_FIELDS_OPTIONS;
    for (const e of ["header=y", "separator=,", "quote=d", "occurrence=f", "aggregator=/s"]) {
      const r = applyFieldsOption(o, e);
      if (typeof r === "string") throw new Error(r);
      o = r;
    }
    expect(o).toEqual({ header: true, separator: ",", quote: '"', occurrence: "f", aggregator: " ", bom: false });
  });
  test("bad values are refused", () => {
    expect(applyFieldsOption(DEFAULT_FIELDS_OPTIONS, "quote=x")).toBeTypeOf("string");
    expect(applyFieldsOption(DEFAULT_FIELDS_OPTIONS, "bogus=1")).toBeTypeOf("string");
  });
});
