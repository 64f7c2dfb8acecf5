// IPv6, AF_UNIX stream and datagram sockets, and interoperation with nc, ncat and tsnc.
import { afterAll, expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { freePort, ours, run } from "../support/proc.ts";
import { lab, startServer } from "./lab-process.ts";

const unixPath = (what: string) => `/tmp/echo-lab-test-${process.pid}-${what}.sock`;
// a server killed with SIGKILL (the stale-file test) cannot remove its socket file; nothing of ours stays in /tmp
afterAll(() => {
  for (const what of ["stream", "dgram", "stale"]) rmSync(unixPath(what), { force: true });
});

test("IPv6: TCP and UDP on ::1", async () => {
  const tcp = await startServer(lab("tcp-server", "--port", "0", "--host", "::1", "--trace"));
  const udp = await startServer(lab("udp-server", "--port", "0", "--host", "::1"));
  try {
    const a = await run(lab("tcp-client", "::1", String(tcp.port), "--message", "six"));
    expect(a.out).toBe("From Server: SIX\n");
    const b = await run(lab("udp-client", "::1", String(udp.port), "--message", "six", "--reliable"));
    expect(b.out).toBe("From Server: SIX\n");
    expect(tcp.err()).toContain("socket(AF_INET6, SOCK_STREAM)");
    expect(tcp.err()).toMatch(/accept\(\) -> conn#1 \('::1', \d+\)/);
  } finally {
    await tcp.stop();
    await udp.stop();
  }
});

test("AF_UNIX stream: server and client on a socket file, removed afterwards", async () => {
  const path = unixPath("stream");
  const srv = await startServer(lab("unix-server", path, "--framing", "line", "--trace"));
  try {
    const r = await run(lab("unix-client", path, "--framing", "line", "--trace"), { stdin: "over a file\nagain\n" });
    expect(r.out).toBe("From Server: OVER A FILE\nFrom Server: AGAIN\n");
    expect(r.stderr).toContain("socket(AF_UNIX, SOCK_STREAM)");
    expect(r.stderr).toContain(`connect('${path}')`);
    expect(srv.err()).toContain(`bind('${path}')`);
  } finally {
    await srv.stop();
  }
  expect(existsSync(path)).toBe(false);
});

test("AF_UNIX datagrams: the client binds its own file so the server can reply", async () => {
  const path = unixPath("dgram");
  const srv = await startServer(lab("unix-server", path, "--dgram", "--trace"));
  try {
    const r = await run(lab("unix-client", path, "--dgram", "--trace"), { stdin: "datagram one\ntwo\n" });
    expect(r.out).toBe("From Server: DATAGRAM ONE\nFrom Server: TWO\n");
    expect(r.stderr).toContain("socket(AF_UNIX, SOCK_DGRAM)");
    expect(r.stderr).toMatch(/bind\('\/tmp\/echo-lab-client-\d+\.sock'\)/);
    expect(srv.err()).toMatch(/recvfrom\(2048\) -> \(b'datagram one', '\/tmp\/echo-lab-client-\d+\.sock'\)/);
  } finally {
    await srv.stop();
  }
});

test("a stale unix socket file left by a dead server is cleaned up; a live one is not stolen", async () => {
  const path = unixPath("stale");
  const first = await startServer(lab("unix-server", path));
  const second = await run(lab("unix-server", path));
  expect([second.code, second.stderr]).toEqual([1, `echo-lab: cannot listen on ${path}: another server is listening on that socket file\n`]);
  process.kill(first.pid, "SIGKILL"); // dies without removing its socket file
  await first.stop();
  expect(existsSync(path)).toBe(true);
  const third = await startServer(lab("unix-server", path, "--trace"));
  try {
    expect(third.err()).toContain(`removed the socket file ${path} left behind by a server that is gone`);
    const r = await run(lab("unix-client", path, "--message", "still works"));
    expect(r.out).toBe("From Server: STILL WORKS\n");
  } finally {
    await third.stop();
  }
});

const withNc = needs("tool:nc");
withNc.test("nc talks to echo-lab's server", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const r = await run(["nc", "-N", "127.0.0.1", String(srv.port)], { stdin: "hello from nc\n" });
    expect(r.out).toBe("HELLO FROM NC\n");
    const u = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1"));
    try {
      const d = await run(["nc", "-u", "-w", "1", "127.0.0.1", String(u.port)], { stdin: "datagram\n" });
      expect(d.out).toBe("DATAGRAM\n");
    } finally {
      await u.stop();
    }
  } finally {
    await srv.stop();
  }
});

const withNcat = needs("tool:ncat");
withNcat.test("echo-lab's client talks to ncat -l -k --exec /bin/cat", async () => {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  const peer = Bun.spawn(["ncat", "-l", "-k", "127.0.0.1", String(port), "--exec", "/bin/cat"], { stdout: "ignore", stderr: "ignore" });
  try {
    let r = await run(lab("tcp-client", "127.0.0.1", String(port), "--framing", "line"), { stdin: "cat says\nsame again\n" });
    for (let i = 0; i < 50 && r.code !== 0; i++) {
      await Bun.sleep(20); // ncat may not listen yet
      r = await run(lab("tcp-client", "127.0.0.1", String(port), "--framing", "line"), { stdin: "cat says\nsame again\n" });
    }
    expect(r.out).toBe("From Server: cat says\nFrom Server: same again\n");
  } finally {
    peer.kill();
    await peer.exited;
  }
});

test("tsnc talks to echo-lab's server", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const r = await run([...ours("tsnc"), "-N", "127.0.0.1", String(srv.port)], { stdin: "hello from tsnc\n" });
    expect(r.out).toBe("HELLO FROM TSNC\n");
  } finally {
    await srv.stop();
  }
});

/** echo-lab's client against a listening netcat that answers with one line from its stdin and prints what it got. */
async function clientAgainstListener(listener: (port: number) => string[]): Promise<{ client: string; peer: string }> {
  const port = await freePort();
  const peer = Bun.spawn(listener(port), { stdin: "pipe", stdout: "pipe", stderr: "ignore" });
  peer.stdin.write("WORLD\n");
  await peer.stdin.end();
  try {
    let r = await run(lab("tcp-client", "127.0.0.1", String(port), "--framing", "line", "--message", "hello"));
    for (let i = 0; i < 100 && r.stderr.includes("connection refused"); i++) {
      await Bun.sleep(20); // the listener may not be listening yet
      r = await run(lab("tcp-client", "127.0.0.1", String(port), "--framing", "line", "--message", "hello"));
    }
    const killer = setTimeout(() => peer.kill("SIGKILL"), 5000);
    const got = await new Response(peer.stdout).text();
    clearTimeout(killer);
    return { client: r.out, peer: got };
  } finally {
    peer.kill();
    await peer.exited;
  }
}

withNc.test("echo-lab's client talks to nc -l", async () => {
  expect(await clientAgainstListener((port) => ["nc", "-l", "127.0.0.1", String(port)])).toEqual({ client: "From Server: WORLD\n", peer: "hello\n" });
});

test("echo-lab's client talks to tsnc -l", async () => {
  expect(await clientAgainstListener((port) => [...ours("tsnc"), "-l", "127.0.0.1", String(port)])).toEqual({ client: "From Server: WORLD\n", peer: "hello\n" });
});
