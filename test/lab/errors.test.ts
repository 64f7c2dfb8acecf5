// Bad input and broken peers: one clear line (plus a hint) on stderr, the right exit status, no stack trace.
import { expect, test } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort, run } from "../support/proc.ts";
import { course, lab, startServer } from "./lab-process.ts";

const withPython = needs("tool:python3");

test("ports out of range", async () => {
  for (const [args, text] of [
    [["tcp-client", "127.0.0.1", "70000"], "port number out of range: 70000 (a port is a number from 1 to 65535)"],
    [["tcp-server", "--port", "65536"], "port number out of range: 65536 (a port is a number from 0 to 65535)"],
    [["udp-client", "127.0.0.1", "0"], "port number out of range: 0 (a port is a number from 1 to 65535)"],
    [["tcp-client", "127.0.0.1", "http"], "port number out of range: http (a port is a number from 1 to 65535)"],
  ] as const) {
    const r = await run(lab(...args));
    expect([r.code, r.stderr]).toEqual([2, `echo-lab: ${text}\n`]);
  }
});

test("a host that does not resolve", async () => {
  const r = await run(lab("tcp-client", "no-such-host.invalid", "12000", "--message", "x"));
  expect([r.code, r.stderr]).toEqual([2, "echo-lab: cannot resolve host 'no-such-host.invalid': Name or service not known\n"]);
});

test("a refused connection says no server listens there and how to start one", async () => {
  const port = await freePort();
  const r = await run(lab("tcp-client", "127.0.0.1", String(port), "--message", "x"));
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`echo-lab: connection refused by 127.0.0.1:${port}: no server is listening on that port\n  start one with: echo-lab tcp-server --port ${port}\n`);
});

withPython.test("a port in use names the process holding it and suggests --port 0", async () => {
  const port = await freePort();
  const py = await startServer(course("TCPServer.py", String(port)), port);
  try {
    const r = await run(lab("tcp-server", "--port", String(port)));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `echo-lab: TCP port ${port} is already in use by python3 (pid ${py.pid})\n` +
        "  stop that program, choose another port with --port, or use --port 0 to let the system pick a free one\n",
    );
  } finally {
    await py.stop();
  }
});

test("a UDP port in use names the process too", async () => {
  const first = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const r = await run(lab("udp-server", "--port", String(first.port), "--host", "127.0.0.1"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^echo-lab: UDP port ${first.port} is already in use by \\S+ \\(pid ${first.pid}\\)\\n`));
  } finally {
    await first.stop();
  }
});

test("a server that goes away mid-session", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "line"));
  const client = Bun.spawn(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "line"), { stdin: "pipe", stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const reader = client.stdout.getReader();
  client.stdin.write("one\n");
  await client.stdin.flush();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toBe("From Server: ONE\n");
  await srv.stop();
  client.stdin.write("two\n");
  await client.stdin.end();
  const killer = setTimeout(() => client.kill("SIGKILL"), 10_000);
  const [code, stderr] = await Promise.all([client.exited, new Response(client.stderr).text()]);
  clearTimeout(killer);
  expect(code).toBe(1);
  expect(stderr).toBe(`echo-lab: the server at 127.0.0.1:${srv.port} went away: it closed our connection and no longer accepts new ones (stopped or crashed?)\n`);
});

test("unknown commands and options", async () => {
  const a = await run(lab("tcp-clinet"));
  expect([a.code, a.stderr]).toEqual([2, "echo-lab: unknown command 'tcp-clinet'\n  run 'echo-lab --help' for the list of commands\n"]);
  const b = await run(lab("tcp-server", "--mode", "shout"));
  expect([b.code, b.stderr]).toEqual([2, "echo-lab: --mode must be one of upper, echo, reverse, discard, daytime, not 'shout'\n"]);
  const c = await run(lab("bench", "--connections", "-3"));
  expect(c.code).toBe(2);
});
