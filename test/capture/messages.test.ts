// The stderr texts around a live capture: banner joins, summary lines and their order.
import { expect, test } from "bun:test";
import { captureBanner, captureStartedLines, captureSummary } from "../../lib/capture/messages.ts";

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
