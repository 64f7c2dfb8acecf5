// The stderr texts around a live capture: banner joins, summary lines and their order.
import { expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureBanner, captureStartedLines, captureSummary } from "../../lib/capture/messages.ts";
import { bytes, pcapFile } from "../pcap/build-files.ts";
import { repoRoot, run } from "../support/proc.ts";

const harness = (o: object): string[] => [process.execPath, join(repoRoot, "test", "capture", "capture-cli.ts"), JSON.stringify(o)];

const loopbacks = new Set(["lo"]);

test("the banner names one, two or more interfaces as tshark joins them", () => {
  expect(captureBanner(["lo"], loopbacks)).toBe("Capturing on 'Loopback: lo'");
  expect(captureBanner(["eth0", "lo"], loopbacks)).toBe("Capturing on 'eth0' and 'Loopback: lo'");
  expect(captureBanner(["eth0", "lo", "any"], loopbacks)).toBe("Capturing on 'eth0', 'Loopback: lo', and 'any'");
  // names that are already descriptive are left alone
  expect(captureBanner(["Loopback: lo"], loopbacks)).toBe("Capturing on 'Loopback: lo'");
});

test("the summary: drops per interface first, then tshark's closing line, then the count", () => {
  expect(captureSummary({ captured: 1, dropped: 0 })).toBe("1 packet captured");
  expect(captureSummary({ captured: 12, dropped: 3 })).toBe("3 packets dropped\n12 packets captured");
  expect(
    captureSummary({
      captured: 12,
      dropped: 4,
      closedLine: "tsshark: ",
      dropsByInterface: [{ iface: "eth0", dropped: 1 }, { iface: "Loopback: lo", dropped: 0 }, { iface: "any", dropped: 3 }],
    }),
  ).toBe("1 packet dropped from eth0\n3 packets dropped from any\ntsshark: \n12 packets captured");
});

test("the glib start lines carry the pid, the local time to the microsecond, and the file", () => {
  const at = new Date(2026, 10, 25, 6, 5, 9, 123);
  expect(captureStartedLines("/tmp/x.pcapng", at, 4242)).toEqual([
    " ** (tshark:4242) 06:05:09.123000 [Main MESSAGE] -- Capture started.",
    ' ** (tshark:4242) 06:05:09.123000 [Main MESSAGE] -- File: "/tmp/x.pcapng"',
  ]);
});

test("no libpcap: one clear line with the install hint, rc 1, and -r still works", async () => {
  const env = { TSNET_LIBPCAP: "libpcap-not-installed.so.9" };
  const r = await run(harness({ interfaces: ["lo"], count: 1 }), { env });
  expect(r.code).toBe(1);
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines[0]).toBe("tsshark: libpcap is not installed (tried libpcap-not-installed.so.9); live capture needs it.");
  expect(lines[1]).toContain("apt-get install libpcap0.8");
  expect(lines.length).toBe(2);
  const dir = mkdtempSync(join(tmpdir(), `tsnet-nolib-${process.pid}-`));
  try {
    const file = join(dir, "one.pcap");
    writeFileSync(file, pcapFile({ records: [{ sec: 1, frac: 0, data: bytes(60) }] }));
    const code = `import { openCapture } from ${JSON.stringify(join(repoRoot, "lib", "capture", "open.ts"))};
let n = 0; for await (const _ of (await openCapture({ read: ${JSON.stringify(file)} })).frames) n++; console.log(n);`;
    const f = await run([process.execPath, "-e", code], { env });
    expect([f.code, f.out.trim()]).toEqual([0, "1"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
