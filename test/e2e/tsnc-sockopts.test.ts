// -T -M -m -D -O -s -p really reach the socket: tsnc -F hands it to a parent that reads them back with getsockopt.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs } from "../support/needs.ts";
import { freePort, run } from "../support/proc.ts";
import { nc, tcpPeer, tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:python3", "tool:nc");
const parent = join(import.meta.dir, "..", "net", "fixtures", "fd-parent.py");

describe("socket options via -F", () => {
  test("nc and tsnc set the same TOS, TTL, minimum TTL, SO_DEBUG, and source address/port", async () => {
    const results: Record<string, unknown>[] = [];
    for (const tool of [nc, tsnc]) {
      const peer = tcpPeer();
      const sport = await freePort();
      const r = await run(["python3", parent, ...tool("-F", "-T", "lowdelay", "-M", "7", "-m", "3", "-D", "-s", "127.0.0.1", "-p", `${sport}`, "127.0.0.1", `${peer.port}`)], { timeoutMs: 8000 });
      expect(r.stderr).toBe("");
      const got = JSON.parse(r.out) as Record<string, unknown>;
      expect(got.local).toEqual(["127.0.0.1", sport]);
      delete got.local;
      delete got.sndbuf;
      results.push(got);
      await Bun.sleep(50);
      expect(new TextDecoder().decode(peer.seen[0]?.bytes)).toBe("via passed fd\n");
      peer.stop();
    }
    expect(results[1]).toEqual(results[0]!);
    expect(results[1]).toMatchObject({ rc: 0, tos: 0x10, ttl: 7, minttl: 3, debug: 1 });
  }, 20_000);

  test("-O sets the send buffer (the kernel doubles it), -T takes numbers and DSCP names", async () => {
    const peer = tcpPeer();
    const r = await run(["python3", parent, ...tsnc("-F", "-O", "65536", "-T", "af41", "127.0.0.1", `${peer.port}`)], { timeoutMs: 8000 });
    expect(JSON.parse(r.out)).toMatchObject({ rc: 0, sndbuf: 131072, tos: 0x88 });
    const hex = await run(["python3", parent, ...tsnc("-F", "-T", "0x20", "127.0.0.1", `${peer.port}`)], { timeoutMs: 8000 });
    expect(JSON.parse(hex.out)).toMatchObject({ tos: 0x20 });
    peer.stop();
  }, 20_000);

  test("-F refuses a terminal, as nc does", async () => {
    const peer = tcpPeer();
    // `script` gives the child a pty on stdout; without it we cannot make stdout a tty here
    if (!Bun.which("script")) return peer.stop();
    const outs: string[] = [];
    for (const tool of [nc, tsnc]) {
      const r = await run(["script", "-qec", tool("-F", "127.0.0.1", `${peer.port}`).map((a) => `'${a}'`).join(" "), "/dev/null"], { timeoutMs: 5000 });
      outs.push(r.out.replace(/^tsnc: /, "nc: ").trim());
    }
    peer.stop();
    expect(outs[1]).toBe(outs[0]!);
  }, 20_000);
});
