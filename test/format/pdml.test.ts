// -T pdml and -T psml against real tshark on a crafted DNS capture.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { writeDnsCapture } from "../dissect/dns-capture.ts";
import { dissectAll } from "./render-harness.ts";
import { pdmlEnd, pdmlPacket, pdmlStart, xmlEscape } from "../../lib/format/pdml.ts";
import { ours, run } from "../support/proc.ts";
import { indentedBlocks, tshark } from "./tshark-oracle.ts";

const path = writeDnsCapture("pdml-test");
afterAll(() => rmSync(path, { force: true }));

const { describe, test } = needs("tool:tshark");
describe("PDML and PSML match tshark", () => {
  test("-T pdml: header, geninfo and the dns protos", async () => {
    const theirs = await tshark(["-r", path, "-T", "pdml"]);
    const mine = pdmlStart(path, "4.0.17") + (await dissectAll(path)).map(pdmlPacket).join("") + pdmlEnd();
    // the pdml element carries the time tshark ran: compare it without that attribute
    const noTime = (s: string) => s.replace(/ time="[^"]*"/, "");
    expect(noTime(mine.split("\n").slice(0, 4).join("\n"))).toBe(noTime(theirs.split("\n").slice(0, 4).join("\n")));
    expect(indentedBlocks(mine, '<proto name="geninfo"', "</proto>")).toEqual(indentedBlocks(theirs, '<proto name="geninfo"', "</proto>"));
    expect(indentedBlocks(mine, '<proto name="dns"', "</proto>")).toEqual(indentedBlocks(theirs, '<proto name="dns"', "</proto>"));
    expect(mine.endsWith("</packet>\n\n\n</pdml>\n")).toBe(theirs.endsWith("</packet>\n\n\n</pdml>\n"));
  });
  test("-T psml", async () => {
    const mine = await run([...ours("tsshark"), "-r", path, "-T", "psml"], { env: { TZ: "UTC" } });
    expect(mine.out).toBe(await tshark(["-r", path, "-T", "psml"]));
  });
  test("attribute escaping", () => {
    expect(xmlEscape(`<Root> & "it's"`)).toBe("&lt;Root&gt; &amp; &quot;it&#x27;s&quot;");
  });
});
