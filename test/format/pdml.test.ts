// -T pdml and -T psml against real tshark on a crafted DNS capture.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { writeDnsCapture } from "../dissect/dns-capture.ts";
import { dissectAll } from "./render-harness.ts";
import { pdmlEnd, pdmlPacket, pdmlStart, psmlEnd, psmlPacket, psmlStart, xmlEscape } from "../../lib/format/pdml.ts";
import { columnTexts } from "../../lib/format/columns.ts";
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
    const pkts = await dissectAll(path);
    let prev = pkts[0]!.frame.ts;
    const first = prev;
    const body = pkts
      .map((p) => {
        const cols = columnTexts(p, { first, prevCaptured: prev, prevDisplayed: prev, digits: 6 }, { timeFormat: "r", hms: false, tabs: false });
        prev = p.frame.ts;
        return psmlPacket(cols);
      })
      .join("");
    expect(psmlStart("4.0.17") + body + psmlEnd()).toBe(await tshark(["-r", path, "-T", "psml"]));
  });
  test("attribute escaping", () => {
    expect(xmlEscape(`<Root> & "it's"`)).toBe("&lt;Root&gt; &amp; &quot;it&#x27;s&quot;");
  });
});
