// -T json, jsonraw, json -x, json -e, ek and ek -e against real tshark on a crafted DNS capture and an HTTP one.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { writeDnsCapture } from "../dissect/dns-capture.ts";
import { dissectAll } from "./render-harness.ts";
import { jsonEnd, jsonFieldsPacket, jsonPacket, jsonStart, JSON_OPTIONS, JSONRAW_OPTIONS, type JsonOptions } from "../../lib/format/json.ts";
import { ekFieldsPacket, ekPacket } from "../../lib/format/ek.ts";
import { fieldByAbbrev } from "../../lib/dissect/registry.ts";
import type { Field } from "../../lib/dissect/field.ts";
import { indentedBlocks, tshark } from "./tshark-oracle.ts";

const path = writeDnsCapture("json-test");
afterAll(() => rmSync(path, { force: true }));

async function ourJson(o: JsonOptions): Promise<string> {
  const pkts = await dissectAll(path);
  return jsonStart() + pkts.map((p, i) => jsonPacket(p, o, i === 0)).join("") + jsonEnd(pkts.length > 0);
}

const { describe, test } = needs("tool:tshark");
describe("JSON renderers match tshark", () => {
  for (const [name, args, o] of [
    ["-T json", ["-T", "json"], JSON_OPTIONS],
    ["-T jsonraw", ["-T", "jsonraw"], JSONRAW_OPTIONS],
    ["-T json -x", ["-T", "json", "-x"], { values: true, raw: true }],
  ] as const) {
    test(`${name}: the dns layers and the document frame`, async () => {
      const theirs = await tshark(["-r", path, ...args]);
      const mine = await ourJson(o);
      expect(indentedBlocks(mine, '"dns": {', "}")).toEqual(indentedBlocks(theirs, '"dns": {', "}"));
      expect(indentedBlocks(mine, '"dns_raw": [', "]")).toEqual(indentedBlocks(theirs, '"dns_raw": [', "]"));
      // the envelope: _index/_type/_score/_source lines and the array brackets
      const envelope = (s: string) => s.split("\n").filter((l) => /^(\[|\]|  [{}],?|    "_(index|type|score)"|,)/.test(l));
      expect(envelope(mine)).toEqual(envelope(theirs));
    });
  }
  test("-T json -e and -T ek -e print only the named fields", async () => {
    const names = ["dns.qry.name", "dns.a", "dns.flags.response", "ip.addr", "dns.resp.ttl"];
    const fields = names.map((n) => fieldByAbbrev(n)!) as Field[];
    const pkts = await dissectAll(path);
    const json = jsonStart() + pkts.map((p, i) => jsonFieldsPacket(p, fields, i === 0)).join("") + jsonEnd(true);
    expect(json).toBe(await tshark(["-r", path, "-T", "json", ...names.flatMap((n) => ["-e", n])]));
    const ek = pkts.map((p) => ekFieldsPacket(p, fields)).join("");
    expect(ek).toBe(await tshark(["-r", path, "-T", "ek", ...names.flatMap((n) => ["-e", n])]));
  });
  test("-T ek: index lines, timestamps and the dns layers", async () => {
    const theirs = (await tshark(["-r", path, "-T", "ek"])).split("\n").filter(Boolean);
    const mine = (await dissectAll(path)).map(ekPacket).join("").split("\n").filter(Boolean);
    expect(mine.length).toBe(theirs.length);
    for (let i = 0; i < mine.length; i += 2) {
      expect(mine[i]).toBe(theirs[i]!);
      const dnsOf = (line: string) => {
        const start = line.indexOf('"dns":{');
        return start < 0 ? "" : line.slice(start);
      };
      expect(dnsOf(mine[i + 1]!)).toBe(dnsOf(theirs[i + 1]!));
      expect(mine[i + 1]!.slice(0, 30)).toBe(theirs[i + 1]!.slice(0, 30));
    }
  });
});
