// -V and -O against real tshark: the application subtrees, expert items in place, one-line headers for unselected protocols.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { writeDnsCapture } from "../dissect/dns-capture.ts";
import { dissectAll } from "./render-harness.ts";
import { parseDetailProtocols, treeLines, treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "./tshark-oracle.ts";

const path = writeDnsCapture("tree-test");
afterAll(() => rmSync(path, { force: true }));

const { describe, test } = needs("tool:tshark");
describe("-V and -O match tshark", () => {
  test("-O dns: the selected protocol in full, the others as one line each", async () => {
    const theirs = await tshark(["-r", path, "-O", "dns"]);
    const pkts = await dissectAll(path);
    const mine = pkts.map((p) => treeText(p, parseDetailProtocols("dns")) + "\n").join("");
    expect(treeBlocks(mine, "Domain Name System")).toEqual(treeBlocks(theirs, "Domain Name System"));
    // every packet has as many top-level lines as tshark's (frame, eth, ip, udp/tcp, dns ...)
    const tops = (s: string) => s.split("\n\n").map((b) => b.split("\n").filter((l) => l && !l.startsWith(" ")).length);
    expect(tops(mine)).toEqual(tops(theirs));
  });
});

const corpus = needs("shared", "tool:tshark");
corpus.describe("-V on the corpus", () => {
  corpus.test("expert infos print where Wireshark adds them (before the request line's fields)", async () => {
    const file = join(sharedDir, "captures", "tcpdump", "print-flags.pcap");
    const theirs = treeBlocks(await tshark(["-r", file, "-V"]), "Hypertext Transfer Protocol");
    const mine = treeBlocks((await dissectAll(file)).map((p) => treeText(p)).join("\n"), "Hypertext Transfer Protocol");
    expect(mine).toEqual(theirs);
    expect(mine[0]!.split("\n")[2]).toBe("        [Expert Info (Chat/Sequence): GET / HTTP/1.1\\r\\n]");
  });
});

describe("tree layout", () => {
  test("hidden items are not printed and generated ones are bracketed", async () => {
    const pkts = await dissectAll(path);
    const lines = treeLines(pkts[1]!);
    expect(lines.some((l) => l.includes("[Request In: 1]"))).toBe(true);
    expect(lines.some((l) => l.trim().startsWith("Source or Destination Port"))).toBe(false);
  });
});
