// Captures this test makes on loopback (ping, UDP to a closed port, a TCP exchange with our own listener), read by tshark and tsshark.
import { afterAll, beforeAll, expect } from "bun:test";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { needs } from "../support/needs.ts";
import { ours, run, start, waitFor } from "../support/proc.ts";

const { describe, test } = needs("root", "tool:tshark", "tool:tcpdump", "tool:ping");
// an address of our own inside 127/8, so traffic of other tests stays out of the capture
const host = `127.${100 + (process.pid % 100)}.${(process.pid >> 8) % 250}.${1 + (process.pid % 250)}`;
const dir = mkdtempSync(join(tmpdir(), `tsshark-lo-${process.pid}-`));
const file = join(dir, "lo.pcap");
const env = { TZ: "UTC" };

describe("loopback captures", () => {
  beforeAll(async () => {
    const dump = start(["tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-w", file, "host", host]);
    let err = "";
    void dump.stderr.then((s) => (err = s));
    await Bun.sleep(1500); // tcpdump says "listening" only on exit when stderr is a pipe
    await run(["ping", "-c", "2", "-i", "0.2", host], { timeoutMs: 5000 });
    // UDP to a port nobody listens on: the kernel answers with ICMP port unreachable
    const udp = await Bun.udpSocket({ hostname: host, port: 0, socket: { data() {}, error() {} } });
    udp.send("hello udp\n", 9, host);
    await Bun.sleep(100);
    udp.close();
    // a TCP exchange with our own listener: handshake, data both ways, close
    let got = "";
    const server = Bun.listen({ hostname: host, port: 0, socket: { data(s, d) { got += d.toString(); s.write("pong\n"); s.end(); } } });
    const client = await Bun.connect({ hostname: host, port: server.port, socket: { data() {} } });
    client.write("ping\n");
    await waitFor(() => got.length > 0, 3000, "the listener to receive");
    await Bun.sleep(200);
    client.end();
    await Bun.sleep(200);
    server.stop(true);
    await Bun.sleep(500);
    await dump.stop("SIGINT");
    void err;
  }, 20_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const modes: [string, string[]][] = [
    ["summary", []],
    ["two-pass summary", ["-2"]],
    ["fields", ["-T", "fields", "-e", "frame.protocols", "-e", "ip.src", "-e", "ip.ttl", "-e", "icmp.type", "-e", "udp.stream", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.len", "-e", "tcp.window_size", "-e", "_ws.col.Info"]],
  ];
  for (const [name, args] of modes) {
    test(name, async () => {
      const [t, o] = await Promise.all([run(["tshark", "-r", file, ...args], { env }), run([...ours("tsshark"), "-r", file, ...args], { env })]);
      expect(t.out.split("\n").length).toBeGreaterThan(8);
      expect(o.out).toBe(t.out);
    }, 30_000);
  }
});
