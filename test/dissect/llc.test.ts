// LLC against real tshark: UDP 12000-12004 (IBM Enterprise Extender) decodes as LLC, I/S/U control fields, SNAP.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { writeTestPcap } from "./udp-pcap.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const text = (s: string) => new Uint8Array(Buffer.from(s));
const udp = (sport: number, dport: number, payload: Uint8Array) => ({ proto: "udp" as const, src: "127.0.0.1", dst: "127.0.0.2", sport, dport, payload });
const path = writeTestPcap("llc-test", [
  udp(55703, 12000, text("hello udp\n")), // what `echo hello udp | nc -u host 12000` looks like
  udp(12001, 40000, text("\x03xyz")), // S frame, group DSAP
  udp(40000, 12003, new Uint8Array([0x42, 0x43, 0x01, 0x81])), // S frame with the final bit
  udp(40000, 12004, new Uint8Array([0x04])), // too short: malformed
  udp(40000, 12000, new Uint8Array([0xf0, 0xf1, 0xaf, 1, 2])), // U frame, XID response
  udp(40000, 12000, new Uint8Array([0x06, 0x07, 0x0b, 1, 2])), // U frame, unknown modifier
  udp(40000, 12002, new Uint8Array([0x68, 0x64, 0x10, 0x11, 9])), // I frame with the poll bit
]);
afterAll(() => rmSync(path, { force: true }));

const { describe, test } = needs("tool:tshark");
describe("LLC over UDP 12000-12004 matches tshark", () => {
  test("summary lines, -d udp.port==12000,data and -T fields", async () => {
    for (const args of [["-r", path], ["-r", path, "-d", "udp.port==12000,data"], ["-r", path, "-T", "fields", "-e", "llc.dsap", "-e", "llc.ssap", "-e", "llc.control", "-e", "llc.control.n_r", "-e", "llc.control.n_s", "-e", "llc.control.s_ftype"]]) {
      const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
      expect(mine.out).toBe(theirs);
    }
  });
  test("the LLC subtree of -V", async () => {
    const theirs = treeBlocks(await tshark(["-r", path, "-V"]), "Logical-Link Control");
    const mine = treeBlocks((await dissectAll(path)).map((p) => treeText(p)).join("\n"), "Logical-Link Control");
    expect(mine).toEqual(theirs);
  });
});
