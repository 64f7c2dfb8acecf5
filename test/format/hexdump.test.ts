// -x against real tshark: the hex and ASCII dump of every frame of corpus files, byte for byte.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { openCapture } from "../../lib/capture/open.ts";
import { hexDumpLines, hexDumpText } from "../../lib/format/hexdump.ts";
import { tshark } from "./tshark-oracle.ts";

const FILES = ["dns_udp.pcap", "dhcp-rfc3004.pcap", "print-flags.pcap", "dhcpv6-ia-na.pcap"];

const { describe, test } = needs("shared", "tool:tshark");
describe("hex dump matches tshark -x", () => {
  for (const f of FILES) {
    test(f, async () => {
      const path = join(sharedDir, "captures", "tcpdump", f);
      const cap = await openCapture({ read: path, handleSignals: false });
      let mine = "";
      for await (const fr of cap.frames) mine += hexDumpText(fr.data);
      expect(mine).toBe(await tshark(["-r", path, "-x"]));
    }, 30_000);
  }
});

describe("hex dump layout", () => {
  test("a partial last line keeps the ASCII column aligned", () => {
    const lines = hexDumpLines(new Uint8Array([0x41, 0x00, 0x7e, 0x7f, 0x20]));
    expect(lines).toEqual(["0000  41 00 7e 7f 20                                    A.~. "]);
  });
  test("offsets grow to five digits past 64 KiB", () => {
    const lines = hexDumpLines(new Uint8Array(0x10010));
    expect(lines.at(-1)!.startsWith("10000  00")).toBe(true);
    expect(lines[0]!.startsWith("00000  00")).toBe(true);
  });
});
