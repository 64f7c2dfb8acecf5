// Filters generated from the fields both engines decode alike, counted on tcpdump captures by tsshark and by tshark.
import { expect } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { compareFile } from "../../scripts/filter-corpus.ts";

const { describe, test } = needs("shared", "tool:tshark");
const FILES = ["802.1ad_QinQ.pcap", "dns_tcp_8053.pcap", "icmpv6.pcap", "accecn_handshake.pcap", "ipv6-routing-header.pcap"];
const known = new Set(
  readFileSync(join(import.meta.dir, "engine-differences.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#")),
);

describe("display filters count the same packets as tshark", () => {
  for (const name of FILES) {
    test(name, async () => {
      const r = await compareFile(join(sharedDir, "captures", "tcpdump", name), 150);
      expect(r.filters).toBeGreaterThan(20);
      const unexplained = r.mismatches.filter((m) => !known.has(`${name}: ${m.slice(0, m.lastIndexOf(": tshark"))}`));
      expect(unexplained).toEqual([]);
    }, 300_000);
  }
});
