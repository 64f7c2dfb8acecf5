// tsnc -x/-X/-P and --proxy through the test proxy, side by side with nc: same requests, same data, same refusals.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { startProxyServer } from "../support/proxy-server.ts";
import { asNc, nc, tcpPeer, tsnc, upper } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc");

describe("proxies", () => {
  for (const proto of ["5", "4", "connect"]) {
    test(`-X ${proto}: the proxy sees the same request from nc and tsnc, and the reply comes back`, async () => {
      const proxy = await startProxyServer();
      const peer = tcpPeer({ reply: upper, closeOnEof: true });
      try {
        const outs = [];
        for (const tool of [nc, tsnc]) {
          const r = await run(tool("-N", "-X", proto, "-x", `127.0.0.1:${proxy.port}`, "127.0.0.1", `${peer.port}`), { stdin: "through\n", timeoutMs: 5000 });
          outs.push({ out: r.out, code: r.code, err: asNc(r.stderr) });
        }
        expect(outs[1]).toEqual(outs[0]!);
        expect(outs[1]!.out).toBe("THROUGH\n");
        expect(proxy.requests[1]).toEqual(proxy.requests[0]!);
      } finally {
        peer.stop();
        await proxy.stop();
      }
    });
  }

  for (const proto of ["5", "4", "connect"]) {
    test(`-X ${proto} refused: nc's message and exit code`, async () => {
      const proxy = await startProxyServer({ refuse: true });
      try {
        const outs = [];
        for (const tool of [nc, tsnc]) {
          const r = await run(tool("-X", proto, "-x", `127.0.0.1:${proxy.port}`, "127.0.0.1", "9"), { stdin: "", timeoutMs: 5000 });
          outs.push({ out: r.out, code: r.code, err: asNc(r.stderr) });
        }
        expect(outs[1]).toEqual(outs[0]!);
      } finally {
        await proxy.stop();
      }
    });
  }

  test("a proxy that is not there: nc's line with -v, rc 1", async () => {
    const outs = [];
    for (const tool of [nc, tsnc]) {
      const r = await run(tool("-v", "-x", "127.0.0.1:1", "127.0.0.1", "2"), { stdin: "", timeoutMs: 5000 });
      outs.push({ code: r.code, err: asNc(r.stderr) });
    }
    expect(outs[1]).toEqual(outs[0]!);
  });

  test("ncat style --proxy --proxy-type socks5 --proxy-auth", async () => {
    const proxy = await startProxyServer({ auth: { user: "alice", password: "s3cret" } });
    const peer = tcpPeer({ reply: upper, closeOnEof: true });
    try {
      const r = await run(tsnc("-N", "--proxy", `127.0.0.1:${proxy.port}`, "--proxy-type", "socks5", "--proxy-auth", "alice:s3cret", "localhost", `${peer.port}`), { stdin: "auth\n", timeoutMs: 5000 });
      expect(r.out).toBe("AUTH\n");
      expect(proxy.requests[0]).toMatchObject({ protocol: "socks5", host: "localhost", port: peer.port, user: "alice", password: "s3cret" });
    } finally {
      peer.stop();
      await proxy.stop();
    }
  });
});
