// DHCPv6 against real tshark on the tcpdump corpus: summary lines (message, XID, CID, IAA, relays) and -T fields.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";

const env = { TZ: "UTC" };
const corpus = join(sharedDir, "captures", "tcpdump");
const FILES = [
  "dhcp6_reconf_asan.pcap", "dhcpv4v6-rfc5970-rfc8572.pcap", "dhcpv6-AFTR-Name-RFC6334.pcap", "dhcpv6-domain-list.pcap", "dhcpv6-ia-na.pcap",
  "dhcpv6-ia-pd.pcap", "dhcpv6-ia-ta.pcap", "dhcpv6-mud.pcap", "dhcpv6-ntp-server.pcap", "dhcpv6-rfc6355-duid-uuid.pcap",
  "dhcpv6-rfc8415-duid-type2.pcap", "dhcpv6-sip-server-d.pcap", "dhcpv6-vendor-specific-information.pcap", "ip6-snmp-oid-unsigned.pcap",
];
const FIELDS = ["dhcpv6.msgtype", "dhcpv6.xid", "dhcpv6.duid.bytes", "dhcpv6.iaaddr.ip", "dhcpv6.linkaddr", "dhcpv6.peeraddr", "dhcpv6.option.type"];

const { describe, test } = needs("shared", "tool:tshark");
describe("DHCPv6 on the tcpdump corpus matches tshark", () => {
  for (const f of FILES) {
    test(f, async () => {
      const path = join(corpus, f);
      for (const args of [["-r", path], ["-r", path, "-T", "fields", ...FIELDS.flatMap((e) => ["-e", e])]]) {
        const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
        expect(mine.out).toBe(theirs);
      }
    }, 30_000);
  }
});

const TREE_FILES = ["dhcpv6-ia-na.pcap", "dhcpv6-ia-pd.pcap", "dhcpv6-ia-ta.pcap"];
describe("the DHCPv6 subtree of -V matches tshark", () => {
  for (const f of TREE_FILES) {
    test(f, async () => {
      const path = join(corpus, f);
      const theirs = treeBlocks(await tshark(["-r", path, "-V"]), "DHCPv6");
      const mine = treeBlocks((await dissectAll(path)).map((p) => treeText(p)).join("\n"), "DHCPv6");
      expect(mine).toEqual(theirs);
    }, 30_000);
  }
});
