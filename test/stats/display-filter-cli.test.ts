// -Y, -R with -2, trailing filters and --ladder through the binary, against real tshark where tshark has them.
import { beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { statsCapture } from "./stats-capture.ts";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let file = "";
beforeAll(async () => {
  file = await statsCapture();
});
const tsshark = (args: string[]) => run([...ours("tsshark"), ...args], { timeoutMs: 30_000 });
const gate = needs("tool:tshark");

gate.describe("filters through the binary, against tshark", () => {
  const cases = [
    ["-Y", "icmp"], ["-Y", "icmp", "-t", "dd"], ["-Y", "tcp.len > 0", "-T", "fields", "-e", "frame.number", "-e", "tcp.len"],
    ["udp"], ["-2", "-R", "icmp"], ["-2", "-R", "tcp", "-q", "-z", "conv,tcp"], ["-Y", "tcp.port =="], ["-R", "tcp"],
    ["-Y", "udp", "-q", "-z", "conv,tcp"], ["-Y", "tcp", "icmp"],
  ];
  for (const args of cases) {
    gate.test(args.join(" "), async () => {
      const [a, b] = await Promise.all([run(["tshark", "-r", file, ...args]), tsshark(["-r", file, ...args])]);
      expect(b.out).toBe(a.out);
      expect(b.code).toBe(a.code);
      const firstError = (s: string) => s.split("\n").find((l) => /^ts?shark: /.test(l))?.replace(/^ts?shark: /, "");
      expect(firstError(b.stderr)).toBe(firstError(a.stderr));
    });
  }
  gate.test("-Y with -w writes only the displayed packets", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tsnet-y-")), "icmp.pcapng");
    expect((await tsshark(["-r", file, "-Y", "icmp", "-w", out])).code).toBe(0);
    const a = await run(["tshark", "-r", out, "-T", "fields", "-e", "icmp.type"]);
    expect(a.out).toBe("8\n0\n");
  });
});

gate.describe("--ladder and charts", () => {
  gate.test("the handshake reads as a ladder: SYN right, SYN-ACK left, ACK right", async () => {
    const r = await tsshark(["-r", file, "-q", "--ladder", "0"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("TCP stream 0: 10.0.0.1:40000 → 10.0.0.2:9000, 8 packets in 12.400000 s");
    expect(lines[3]).toMatch(/^ +0\.000000  │── SYN  Seq=0 ─+▶│$/);
    expect(lines[4]).toMatch(/^ +0\.000100  │◀─+ SYN, ACK  Seq=0 Ack=1 ──│$/);
    expect(lines[5]).toMatch(/^ +0\.000200  │── ACK  Seq=1 Ack=1 ─+▶│$/);
    expect(r.out).not.toContain("\x1b[");
  });
  gate.test("every stream without a number; a missing stream says so", async () => {
    expect((await tsshark(["-r", file, "-q", "--ladder"])).out).toContain("TCP stream 1: [2001:db8::1]:50000 → [2001:db8::2]:4443");
    expect((await tsshark(["-r", file, "-q", "--ladder", "7"])).out).toBe("No TCP stream 7.\n");
  });
  gate.test("--chart draws one bar per interval and --chart-svg writes an SVG", async () => {
    const svg = join(mkdtempSync(join(tmpdir(), "tsnet-svg-")), "io.svg");
    const r = await tsshark(["-r", file, "-q", "-z", "io,stat,5", "--chart", "--chart-svg", svg]);
    expect(r.code).toBe(0);
    const bars = r.out.split("\n").filter((l) => l.includes(" s │"));
    expect(bars.length).toBe(3);
    expect(bars[0]).toMatch(/^ 0 s │█+ 9$/);
    const text = readFileSync(svg, "utf8");
    expect(text.startsWith("<svg")).toBe(true);
    expect((text.match(/<rect x=/g) ?? []).length).toBeGreaterThan(3);
  });
  gate.test("--chart-svg without io,stat is refused", async () => {
    const r = await tsshark(["-r", file, "-q", "--chart-svg", "/tmp/x.svg"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--chart-svg draws an io,stat table");
  });
});

gate.test("-N n and -N v are refused until name resolution is built, never ignored", async () => {
  for (const flags of ["n", "mnt", "v"]) {
    const r = await tsshark(["-r", file, "-N", flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tsshark: -N [nv] \(.*\) is not supported yet/);
  }
  expect((await tsshark(["-r", file, "-N", "mt", "-c", "1"])).code).toBe(0);
});
