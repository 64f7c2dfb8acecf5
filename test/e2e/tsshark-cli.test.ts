// tsshark's command line against tshark's: messages and exit codes for bad input, and the formats of good input.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";

const { describe, test } = needs("shared", "tool:tshark");
const cap = join(sharedDir, "captures", "tcpdump", "tcp-handshake-nano.pcap");
const env = { TZ: "UTC" };

/** tshark's stderr without its root warning, with our tool name. */
const theirStderr = (s: string) => s.split("\n").filter((l) => !l.startsWith("Running as user")).join("\n").replace(/^tshark:/gm, "tsshark:").replace(/^TShark:/gm, "tsshark:");

async function both(args: string[]) {
  const [t, o] = await Promise.all([run(["tshark", ...args], { env }), run([...ours("tsshark"), ...args], { env })]);
  return { t, o };
}

describe("bad input: tshark's words and exit codes", () => {
  const cases: [string, string[]][] = [
    ["unknown -e fields, sorted", ["-r", cap, "-T", "fields", "-e", "tcp.nosuch", "-e", "ip.bogus"]],
    ["-T fields without -e", ["-r", cap, "-T", "fields"]],
    ["bad -t", ["-r", cap, "-t", "x"]],
    ["bad -u", ["-r", cap, "-u", "x"]],
    ["bad -N", ["-r", cap, "-N", "x"]],
    ["missing file", ["-r", "/nonexistent/file.pcap"]],
    ["-c zero", ["-r", cap, "-c", "0"]],
    ["-c not a number", ["-r", cap, "-c", "x"]],
    ["bad -a", ["-r", cap, "-a", "bogus"]],
    ["-a duration while reading", ["-r", cap, "-a", "duration:3"]],
    ["bad -d selector", ["-r", cap, "-d", "udp.port==x,data"]],
    ["bad -E", ["-r", cap, "-T", "fields", "-e", "ip.src", "-E", "quote=x"]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const { t, o } = await both(args);
      expect(o.code).toBe(t.code);
      expect(o.stderr).toBe(theirStderr(t.stderr));
      expect(o.out).toBe(t.out);
    }, 30_000);
  }
  test("a feature not built yet fails clearly instead of being ignored", async () => {
    const r = await run([...ours("tsshark"), "-r", cap, "-T", "json", "-j", "tcp"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not supported yet");
  });
});

describe("good input: same stdout", () => {
  const cases: [string, string[]][] = [
    ["-T fields with -E header/separator/quote", ["-r", cap, "-T", "fields", "-E", "header=y", "-E", "separator=,", "-E", "quote=d", "-e", "frame.number", "-e", "ip.src", "-e", "tcp.flags", "-e", "tcp.options"]],
    ["-T fields occurrence=f", ["-r", cap, "-T", "fields", "-E", "occurrence=f", "-e", "ip.addr", "-e", "tcp.port"]],
    ["-T fields aggregator=/s", ["-r", cap, "-T", "fields", "-E", "aggregator=/s", "-e", "ip.addr", "-e", "_ws.col.Info", "-e", "_ws.col.Protocol"]],
    ["-T tabs", ["-r", cap, "-T", "tabs"]],
    ["-c 3", ["-r", cap, "-c", "3"]],
    ["-t ad", ["-r", cap, "-t", "ad"]],
    ["-t e", ["-r", cap, "-t", "e"]],
    ["-t d", ["-r", cap, "-t", "d"]],
    ["-t udoy", ["-r", cap, "-t", "udoy"]],
    ["-u hms", ["-r", cap, "-u", "hms"]],
    ["-n", ["-r", cap, "-n"]],
    ["-2", ["-r", cap, "-2"]],
    ["-d tcp.port==80,data", ["-r", cap, "-d", "tcp.port==80,data"]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const { t, o } = await both(args);
      expect(o.out).toBe(t.out);
      expect(o.code).toBe(t.code);
    }, 30_000);
  }
});
