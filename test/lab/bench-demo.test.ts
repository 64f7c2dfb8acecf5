// The load generator against our servers and the course's TCP server (one reply per connection), and the build's demo.
import { expect, test } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort, run } from "../support/proc.ts";
import { course, lab, startServer } from "./lab-process.ts";

test("bench --json counts every request and reports latency percentiles", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const r = await run(lab("bench", "127.0.0.1", String(srv.port), "--connections", "5", "--requests", "40", "--pipeline", "3", "--json", "--trace"));
    expect(r.stderr.match(/^bench {4}connect\(\('127\.0\.0\.1', \d+\)\) -> connected from/gm)?.length).toBe(5);
    expect(r.stderr.match(/^bench {4}close\(\) {2}after 40 requests$/gm)?.length).toBe(5);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.requests, j.errors, j.connections, j.size, j.pipeline, j.transport]).toEqual([200, 0, 5, 32, 3, "tcp"]);
    expect(j.latency_ms.p50).toBeLessThanOrEqual(j.latency_ms.p99);
    expect(j.latency_ms.p99).toBeLessThanOrEqual(j.latency_ms.max);
  } finally {
    await srv.stop();
  }
});

needs("tool:python3").test("bench drives the course's server, which answers once per connection, by connecting again", async () => {
  const port = await freePort();
  const py = await startServer(course("TCPServer.py", String(port)), port);
  try {
    const r = await run(lab("bench", "127.0.0.1", String(port), "--connections", "2", "--requests", "5", "--json"), { timeoutMs: 20_000 });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.requests, j.errors]).toEqual([10, 0]);
    expect(j.connects).toBeGreaterThanOrEqual(10);
  } finally {
    await py.stop();
  }
}, 30_000);

test("bench over UDP, and the text report with its histogram", async () => {
  const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const r = await run(lab("bench", "127.0.0.1", String(srv.port), "--udp", "--connections", "3", "--requests", "30"));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`echo-lab bench: 127.0.0.1:${srv.port} over UDP, 3 connections, 32-byte requests, pipeline 1`);
    expect(r.out).toMatch(/requests {5}90 in [\d.]+ s \(0 errors, 0 lost\)/);
    expect(r.out).toMatch(/latency {6}p50 .* p90 .* p99 .* max /);
    expect(r.out).toContain("histogram");
  } finally {
    await srv.stop();
  }
});

test("bench against nothing is a refused connection, in words", async () => {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  const r = await run(lab("bench", "127.0.0.1", String(port), "--connections", "2", "--requests", "1"));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`connection refused by 127.0.0.1:${port}: no server is listening on that port`);
});

test("demo: a full TCP and UDP exchange, no stdin, exit 0", async () => {
  const r = await run(lab("demo"), { timeoutMs: 15_000 });
  expect(r.code).toBe(0);
  expect(r.out.match(/^From Server: HELLO FROM ECHO-LAB$/gm)?.length).toBe(2);
  for (const step of ["socket(AF_INET, SOCK_STREAM)", "listen()", "accept() -> conn#1", "recv(1024) -> 19 bytes", "socket(AF_INET, SOCK_DGRAM)", "recvfrom(2048) -> (b'hello from echo-lab'"])
    expect(r.out).toContain(step);
  expect(r.out).toEndWith("demo finished: both exchanges worked.\n");
});
