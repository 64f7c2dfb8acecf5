// tsnc and nc talking to each other: TCP (16 MiB byte-exact both ways), UDP, unix stream and datagram, -k, -C, -t, -W.
import { afterAll, expect } from "bun:test";
import { createHash } from "node:crypto";
import { writeFileSync, rmSync, existsSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";
import { asNc, nc, sockPath, tcpPeer, tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc", "tool:ss");

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const listening = async (port: number, proto: "t" | "u" = "t") =>
  (await run(["ss", `-Hln${proto}`, `sport = :${port}`])).out.trim().length > 0;
/** A unix stream listener is ready once ss lists it (the file appears at bind, a moment before listen). */
const unixListening = async (path: string) => (await run(["ss", "-Hlx"])).out.includes(path);
const unixBound = (path: string) => existsSync(path);
/** Write to a started process's stdin pipe (kept open, so the tool sees no EOF). */
const feed = (p: { stdin: unknown }, text: string) => {
  const sink = p.stdin as { write(s: string): void; flush(): void };
  sink.write(text);
  sink.flush();
};

describe("tsnc <-> nc", () => {
  const big = new Uint8Array(16 << 20);
  for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
  const bigFile = `/tmp/tsnc-test-${process.pid}.bin`;
  writeFileSync(bigFile, big);
  afterAll(() => rmSync(bigFile, { force: true }));

  for (const [name, server, client] of [
    ["tsnc -N -> nc -l", nc, tsnc],
    ["nc -N -> tsnc -l", tsnc, nc],
  ] as const) {
    test(`16 MiB byte-exact, ${name}`, async () => {
      const port = await freePort();
      const srv = start(server("-l", "127.0.0.1", `${port}`));
      await waitFor(() => listening(port), 5000, "listener");
      const c = await run(["sh", "-c", `exec "$@" < ${bigFile}`, "sh", ...client("-N", "127.0.0.1", `${port}`)], { timeoutMs: 20_000 });
      expect(c.code).toBe(0);
      const got = await srv.stdout;
      await srv.stop();
      expect(got.length).toBe(big.length);
      expect(sha(got)).toBe(sha(big));
    }, 30_000);
  }

  for (const [name, server, client] of [
    ["nc -l -N sends, tsnc receives", nc, tsnc],
    ["tsnc -l -N sends, nc receives", tsnc, nc],
  ] as const) {
    test(`16 MiB byte-exact, ${name}`, async () => {
      const port = await freePort();
      const srv = start(["sh", "-c", `exec "$@" < ${bigFile}`, "sh", ...server("-N", "-l", "127.0.0.1", `${port}`)]);
      await waitFor(() => listening(port), 5000, "listener");
      const c = await run(client("127.0.0.1", `${port}`), { timeoutMs: 20_000 });
      await srv.stop();
      expect(c.code).toBe(0);
      expect(c.stdout.length).toBe(big.length);
      expect(sha(c.stdout)).toBe(sha(big));
    }, 30_000);
  }

  test("UDP both ways, and the listener locks to its first peer", async () => {
    for (const [server, client] of [[nc, tsnc], [tsnc, nc]] as const) {
      const port = await freePort();
      const srv = start(server("-u", "-l", "127.0.0.1", `${port}`), { stdin: "pipe" });
      await waitFor(() => listening(port, "u"), 5000, "udp listener");
      feed(srv.proc, "reply\n");
      const c = await run(client("-u", "-w", "1", "127.0.0.1", `${port}`), { stdin: "hello\n", timeoutMs: 5000 });
      const other = await run(client("-u", "-w", "1", "127.0.0.1", `${port}`), { stdin: "intruder\n", timeoutMs: 5000 });
      await srv.stop();
      expect(c.out).toBe("reply\n");
      expect(new TextDecoder().decode(await srv.stdout)).toBe("hello\n");
      expect(other.out).toBe("");
    }
  }, 20_000);

  test("-u -v sends nc's X probes before the data", async () => {
    const outs: string[] = [];
    for (const client of [nc, tsnc]) {
      const port = await freePort();
      const srv = start(nc("-u", "-l", "127.0.0.1", `${port}`));
      await waitFor(() => listening(port, "u"), 5000, "udp listener");
      const c = await run(["sh", "-c", 'printf AB | exec "$@"', "sh", ...client("-u", "-v", "-w", "1", "127.0.0.1", `${port}`)], { timeoutMs: 6000 });
      await Bun.sleep(100);
      await srv.stop();
      outs.push(new TextDecoder().decode(await srv.stdout) + ` rc=${c.code}`);
    }
    expect(outs[1]).toBe(outs[0]!);
  }, 20_000);

  test("unix stream sockets both ways", async () => {
    for (const [server, client] of [[nc, tsnc], [tsnc, nc]] as const) {
      const path = sockPath("stream");
      const srv = start(["sh", "-c", '(echo srv; sleep 1) | exec "$@"', "sh", ...server("-l", "-U", path)]);
      await waitFor(() => unixListening(path), 5000, "unix listener");
      // the client's data comes half a second late, so the server has sent "srv" before it sees the FIN
      // (nc -l exits at the peer's EOF, and under load could otherwise still be reading its own stdin)
      const c = await run(["sh", "-c", '(sleep 0.5; echo cli) | exec "$@"', "sh", ...client("-N", "-U", path)], { timeoutMs: 5000 });
      await srv.stop();
      rmSync(path, { force: true });
      expect(c.out).toBe("srv\n");
      expect(new TextDecoder().decode(await srv.stdout)).toBe("cli\n");
    }
  }, 20_000);

  test("unix datagram sockets both ways", async () => {
    for (const [server, client] of [[nc, tsnc], [tsnc, nc]] as const) {
      const path = sockPath("dgram");
      const srv = start(server("-l", "-u", "-U", path), { stdin: "pipe" });
      await waitFor(() => unixBound(path), 5000, "unix dgram listener");
      const cli = start(client("-u", "-U", "-w", "1", path), { stdin: "pipe" });
      feed(cli.proc, "cli\n");
      await Bun.sleep(400);
      feed(srv.proc, "srv\n");
      await Bun.sleep(400);
      await cli.stop();
      const c = { out: new TextDecoder().decode(await cli.stdout) };
      await srv.stop();
      rmSync(path, { force: true });
      expect(new TextDecoder().decode(await srv.stdout)).toBe("cli\n");
      expect(c.out).toBe("srv\n");
    }
  }, 20_000);

  test("-k serves several clients one after another", async () => {
    const port = await freePort();
    const srv = start(tsnc("-lk", "127.0.0.1", `${port}`));
    await waitFor(() => listening(port), 5000, "listener");
    for (const n of [1, 2, 3]) expect((await run(nc("-N", "127.0.0.1", `${port}`), { stdin: `client ${n}\n` })).code).toBe(0);
    await Bun.sleep(200);
    await srv.stop();
    expect(new TextDecoder().decode(await srv.stdout)).toBe("client 1\nclient 2\nclient 3\n");
  }, 20_000);

  test("-C sends CRLF line ends, and -d sends nothing", async () => {
    for (const flags of [["-C", "-N"], ["-d", "-w", "1"]]) {
      const seen: string[] = [];
      for (const tool of [nc, tsnc]) {
        const peer = tcpPeer({ closeOnEof: true });
        await run(tool(...flags, "127.0.0.1", `${peer.port}`), { stdin: "a\nb\r\nc\n", timeoutMs: 4000 });
        seen.push(JSON.stringify(new TextDecoder().decode(peer.seen[0]?.bytes)));
        peer.stop();
      }
      expect(seen[1]).toBe(seen[0]!);
    }
  }, 20_000);

  test("-t refuses TELNET options as nc does", async () => {
    const seen: string[] = [];
    for (const tool of [nc, tsnc]) {
      const peer = tcpPeer({ greet: new Uint8Array([255, 253, 1, 255, 251, 3, 65, 10]) });
      const r = await run(tool("-t", "-w", "1", "127.0.0.1", `${peer.port}`), { stdin: "", timeoutMs: 4000 });
      seen.push(`${[...(peer.seen[0]?.bytes ?? [])]} | ${[...r.stdout]}`);
      peer.stop();
    }
    expect(seen[1]).toBe(seen[0]!);
  }, 10_000);

  test("-W 1 stops after one read", async () => {
    const outs: string[] = [];
    for (const tool of [nc, tsnc]) {
      const peer = tcpPeer({ greet: new TextEncoder().encode("one\n") });
      const r = await run(tool("-W", "1", "127.0.0.1", `${peer.port}`), { stdin: "", timeoutMs: 3000 });
      outs.push(`${r.out} rc=${r.timedOut ? "hung" : r.code}`);
      peer.stop();
    }
    expect(outs[1]).toBe(outs[0]!);
  }, 10_000);

  test("-q 1 over UDP ends a second after stdin EOF, and -i 1 still delivers every line, as nc", async () => {
    const results = await Promise.all(
      [nc, tsnc].map(async (tool) => {
        const port = await freePort();
        const srv = start(nc("-u", "-l", "127.0.0.1", `${port}`));
        await waitFor(() => listening(port, "u"), 5000, "udp listener");
        const q = await run(tool("-u", "-q", "1", "127.0.0.1", `${port}`), { stdin: "q\n", timeoutMs: 3000 });
        await srv.stop();
        const peer = tcpPeer({ closeOnEof: true });
        const i = await run(tool("-i", "1", "-N", "127.0.0.1", `${peer.port}`), { stdin: "a\nb\n", timeoutMs: 4000 });
        await Bun.sleep(50);
        const seen = new TextDecoder().decode(peer.seen[0]?.bytes);
        peer.stop();
        return { q: q.timedOut ? "hung" : q.code, udpGot: new TextDecoder().decode(await srv.stdout), i: i.timedOut ? "hung" : i.code, seen };
      }),
    );
    expect(results[1]).toEqual(results[0]!);
  }, 20_000);

  test("-luk takes datagrams from several peers, as nc", async () => {
    const got: string[] = [];
    for (const tool of [nc, tsnc]) {
      const port = await freePort();
      const srv = start(tool("-luk", "127.0.0.1", `${port}`));
      await waitFor(() => listening(port, "u"), 5000, "udp listener");
      for (const word of ["one", "two"]) await run(nc("-u", "-w", "1", "127.0.0.1", `${port}`), { stdin: `${word}\n`, timeoutMs: 3000 });
      await Bun.sleep(100);
      await srv.stop();
      got.push(new TextDecoder().decode(await srv.stdout));
    }
    expect(got[1]).toBe(got[0]!);
  }, 15_000);

  test("-zuv: open and closed UDP ports report as nc reports them", async () => {
    const outs: string[] = [];
    for (const tool of [nc, tsnc]) {
      const port = await freePort();
      const srv = start(nc("-u", "-l", "127.0.0.1", `${port}`));
      await waitFor(() => listening(port, "u"), 5000, "udp listener");
      const open = await run(tool("-zuv", "-w", "1", "127.0.0.1", `${port}`), { timeoutMs: 5000 });
      await srv.stop();
      const closed = await run(tool("-zuv", "-w", "1", "127.0.0.1", `${port}`), { timeoutMs: 5000 });
      outs.push(JSON.stringify([open.code, asNc(open.stderr).replaceAll(`${port}`, "P"), closed.code, asNc(closed.stderr)]));
    }
    expect(outs[1]).toBe(outs[0]!);
  }, 20_000);
});
