// echo-lab over UDP: --trace with addresses, the lossy server against the reliable client, and a client with no server.
import { expect, test } from "bun:test";
import { run } from "../support/proc.ts";
import { lab, startServer } from "./lab-process.ts";

test("--trace shows recvfrom returning the client's address and sendto naming it", async () => {
  const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1", "--trace"));
  try {
    const r = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--trace", "--message", "hello"));
    expect(r.out).toBe("From Server: HELLO\n");
    expect(r.stderr).toContain("socket(AF_INET, SOCK_DGRAM)");
    expect(r.stderr).toContain(`sendto(b'hello', ('127.0.0.1', ${srv.port})) -> 5 bytes`);
    expect(r.stderr).toContain(`recvfrom(2048) -> (b'HELLO', ('127.0.0.1', ${srv.port}))`);
    const server = srv.err();
    expect(server).toContain("bind(('127.0.0.1', 0)) -> port");
    expect(server).toMatch(/recvfrom\(2048\) -> \(b'hello', \('127\.0\.0\.1', (\d+)\)\)/);
    const clientPort = /recvfrom\(2048\) -> \(b'hello', \('127\.0\.0\.1', (\d+)\)\)/.exec(server)![1];
    expect(server).toContain(`sendto(b'HELLO', ('127.0.0.1', ${clientPort})) -> 5 bytes`);
  } finally {
    await srv.stop();
  }
});

test("--reliable against --drop 0.3 --duplicate 0.1 --reorder: every message delivered, in order", async () => {
  const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1", "--drop", "0.3", "--duplicate", "0.1", "--reorder", "--seed", "7"));
  try {
    const lines = Array.from({ length: 30 }, (_, i) => `message ${i}`);
    const r = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--reliable", "--timeout", "0.15"), { stdin: lines.join("\n") + "\n", timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.out).toBe(lines.map((l) => `From Server: ${l.toUpperCase()}\n`).join(""));
    const m = /reliable: 30 messages delivered in order, (\d+) retransmissions?, (\d+) duplicate/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
  } finally {
    await srv.stop();
  }
}, 40_000);

test("without --reliable, a lost datagram is simply gone: a clear error that teaches why", async () => {
  const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1", "--drop", "1"));
  try {
    const r = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--message", "hi", "--timeout", "0.3"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`echo-lab: no reply from 127.0.0.1:${srv.port} within 0.3 s`);
    expect(r.stderr).toContain("UDP never tells the sender whether a datagram arrived");
  } finally {
    await srv.stop();
  }
});

test("a UDP client with no server hears ICMP port unreachable", async () => {
  const probe = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0 });
  const port = probe.port;
  probe.close();
  const r = await run(lab("udp-client", "127.0.0.1", String(port), "--message", "hi", "--timeout", "2"));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`nothing is listening on UDP port ${port} at 127.0.0.1`);
  expect(r.stderr).toContain(`echo-lab udp-server --port ${port}`);
});

test("options that mean nothing for a command are refused, never ignored", async () => {
  const r = await run(lab("udp-server", "--framing", "line"));
  expect([r.code, r.stderr]).toEqual([2, "echo-lab: Unknown option '--framing'\n  run 'echo-lab --help' for usage\n"]);
  const d = await run(lab("unix-server", "--dgram", "--framing", "line", `/tmp/echo-lab-test-${process.pid}-unused.sock`));
  expect([d.code, d.stderr]).toEqual([2, "echo-lab: --framing does not apply to unix-server --dgram: a datagram arrives whole or not at all, so it needs no framing\n"]);
});

test("UDP modes: reverse keeps the reliable header in place, daytime answers any datagram, discard never answers", async () => {
  const go = async (mode: string, ...client: string[]) => {
    const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1", "--mode", mode));
    try {
      return await run(lab("udp-client", "127.0.0.1", String(srv.port), ...client));
    } finally {
      await srv.stop();
    }
  };
  expect((await go("reverse", "--message", "stressed", "--reliable")).out).toBe("From Server: desserts\n");
  expect((await go("daytime", "--message", "what time is it")).out).toMatch(/^From Server: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\r\n\n$/);
  const d = await go("discard", "--message", "into the void", "--timeout", "0.3");
  expect(d.code).toBe(1);
  expect(d.stderr).toContain("no reply from");
});
