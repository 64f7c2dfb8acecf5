// DHCP/BOOTP against real tshark on the tcpdump corpus: summary lines, -T fields and the DHCP subtree of -V.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const corpus = join(sharedDir, "captures", "tcpdump");
const SUMMARY_FILES = ["dhcp-rfc3004.pcap", "dhcp-mud.pcap", "dhcp-option-33.pcap", "dhcp-rfc5859.pcap", "bootp_asan.pcap", "bootp_asan-2.pcap", "dhcp-option-108.pcapng"];
const TREE_FILES = ["dhcp-rfc3004.pcap", "dhcp-option-108.pcapng", "dhcp-rfc5859.pcap"];
const FIELDS = ["dhcp.type", "dhcp.id", "dhcp.hw.mac_addr", "dhcp.ip.your", "dhcp.option.dhcp", "dhcp.option.requested_ip_address", "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time", "dhcp.option.subnet_mask", "dhcp.option.router", "dhcp.option.request_list_item", "dhcp.option.hostname"];

const { describe, test } = needs("shared", "tool:tshark");
describe("DHCP on the tcpdump corpus matches tshark", () => {
  for (const f of SUMMARY_FILES) {
    test(`${f}: summary and -T fields`, async () => {
      const path = join(corpus, f);
      for (const args of [["-r", path], ["-r", path, "-T", "fields", ...FIELDS.flatMap((e) => ["-e", e])]]) {
        const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
        expect(mine.out).toBe(theirs);
      }
    }, 30_000);
  }
  for (const f of TREE_FILES) {
    test(`${f}: the DHCP subtree of -V`, async () => {
      const path = join(corpus, f);
      const theirs = treeBlocks(await tshark(["-r", path, "-V"]), "Dynamic Host Configuration Protocol");
      const mine = treeBlocks((await dissectAll(path)).map((p) => treeText(p)).join("\n"), "Dynamic Host Configuration Protocol");
      expect(mine).toEqual(theirs);
    }, 30_000);
  }
});
