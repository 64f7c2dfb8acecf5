// Proxy handshakes: our client against the test proxy, real nc/ncat against the same proxy (checking the proxy
// and taking nc's error texts from nc itself), address parsing and flag values.
import { afterAll, describe, expect, test } from "bun:test";
import { ToolError } from "../../lib/cli/error.ts";
import { parseProxyAddress, proxyAuthOf, proxyHandshake, proxyTypeOf } from "../../lib/net/proxy-client.ts";
import type { ProxyRequest } from "../../lib/net/proxy-client.ts";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { startProxyServer } from "../support/proxy-server.ts";
import type { ProxyServerOptions } from "../support/proxy-server.ts";
import { connectStream, readAll } from "../support/loopback-streams.ts";

/** The tunnel's far end: answers each chunk upper-cased and half-closes at the client's FIN. */
const target = Bun.listen({
  hostname: "127.0.0.1",
  port: 0,
  allowHalfOpen: true,
  socket: {
    data: (s, d) => void s.write(Buffer.from(d).toString("latin1").toUpperCase()),
    end: (s) => void s.shutdown(),
  },
});
afterAll(() => target.stop(true));

/** Our handshake through a fresh proxy; returns the tunnel's answer to "hello\n" or the ToolError. */
async function ours(o: ProxyServerOptions, req: Omit<ProxyRequest, "target"> & { host?: string }) {
  const proxy = await startProxyServer(o);
  const stream = await connectStream(proxy.port);
  try {
    const early = await proxyHandshake(stream, { ...req, target: { host: req.host ?? "127.0.0.1", port: target.port } });
    await stream.write(new TextEncoder().encode("hello\n"));
    await stream.shutdownWrite();
    const reply = Buffer.concat([early, await readAll(stream)]).toString();
    return { reply, requests: proxy.requests };
  } catch (e) {
    if (!(e instanceof ToolError)) throw e;
    return { error: e, requests: proxy.requests };
  } finally {
    await stream.close(false);
    await proxy.stop();
  }
}

describe("proxyHandshake against the test proxy", () => {
  test("SOCKS5 with an address, a name and user/password", async () => {
    expect((await ours({}, { type: "socks5" })).reply).toBe("HELLO\n");
    const named = await ours({}, { type: "socks5", host: "localhost" });
    expect(named.reply).toBe("HELLO\n");
    expect(named.requests[0]).toMatchObject({ protocol: "socks5", host: "localhost" });
    const authed = await ours({ auth: { user: "ann", password: "s3cret" } }, { type: "socks5", auth: { user: "ann", password: "s3cret" } });
    expect(authed.reply).toBe("HELLO\n");
    expect(authed.requests[0]).toMatchObject({ user: "ann", password: "s3cret" });
  });
  test("SOCKS5 IPv6 destination goes out as ATYP 4", async () => {
    const r = await ours({}, { type: "socks5", host: "::1" });
    expect(r.requests[0]).toMatchObject({ protocol: "socks5", host: "0:0:0:0:0:0:0:1" });
  });
  test("SOCKS5 failures: wrong password, no acceptable method, refusal", async () => {
    const bad = await ours({ auth: { user: "ann", password: "s3cret" } }, { type: "socks5", auth: { user: "ann", password: "nope" } });
    expect(bad.error?.message).toBe("proxy authentication failed");
    const none = await ours({ auth: { user: "ann", password: "s3cret" } }, { type: "socks5" });
    expect(none.error?.message).toBe("authentication method negotiation failed");
    const refused = await ours({ refuse: true, socks5Refusal: 5 }, { type: "socks5" });
    expect(refused.error?.message).toBe("connection failed, SOCKSv5 error: Connection refused");
    expect(refused.error?.exitCode).toBe(1);
  });
  test("SOCKS4, SOCKS4a for names, user id, and local resolution as nc -X 4 does", async () => {
    const plain = await ours({}, { type: "socks4", auth: { user: "bob" } });
    expect(plain.reply).toBe("HELLO\n");
    expect(plain.requests[0]).toMatchObject({ protocol: "socks4", user: "bob" });
    const a = await ours({}, { type: "socks4", host: "localhost" });
    expect(a.reply).toBe("HELLO\n");
    expect(a.requests[0]).toMatchObject({ protocol: "socks4a", host: "localhost" });
    const local = await ours({}, { type: "socks4", host: "localhost", resolveForSocks4: async () => "127.0.0.1" });
    expect(local.requests[0]).toMatchObject({ protocol: "socks4", host: "127.0.0.1" });
    expect((await ours({ refuse: true }, { type: "socks4" })).error?.message).toBe("connection failed, SOCKSv4 error: Request rejected or failed");
  });
  test("HTTP CONNECT, with Basic credentials, and refusals", async () => {
    const r = await ours({}, { type: "http" });
    expect(r.reply).toBe("HELLO\n");
    expect(r.requests[0]?.head).toBe(`CONNECT 127.0.0.1:${target.port} HTTP/1.0\r\n\r\n`);
    const authed = await ours({ auth: { user: "u", password: "p:w" } }, { type: "http", auth: { user: "u", password: "p:w" } });
    expect(authed.reply).toBe("HELLO\n");
    expect((await ours({ refuse: true }, { type: "http" })).error?.message).toBe('Proxy error: "HTTP/1.0 403 Forbidden"');
    expect((await ours({ auth: { user: "u", password: "p" } }, { type: "http" })).error?.message).toBe(
      'Proxy error: "HTTP/1.0 407 Proxy Authentication Required"',
    );
  });
});

describe("flag values", () => {
  test("-X and --proxy-type", () => {
    expect(proxyTypeOf("4")).toBe("socks4");
    expect(proxyTypeOf("5")).toBe("socks5");
    expect(proxyTypeOf("connect")).toBe("http");
    expect(proxyTypeOf("http", "ncat")).toBe("http");
    expect(() => proxyTypeOf("9")).toThrow("unsupported proxy protocol");
    expect(() => proxyTypeOf("bogus", "ncat")).toThrow('Invalid proxy type "bogus". QUITTING.');
  });
  test("-x addr[:port] with nc's default ports", () => {
    expect(parseProxyAddress("10.0.0.1", "socks5")).toEqual({ host: "10.0.0.1", port: 1080 });
    expect(parseProxyAddress("10.0.0.1", "http")).toEqual({ host: "10.0.0.1", port: 3128 });
    expect(parseProxyAddress("proxy:8080", "http")).toEqual({ host: "proxy", port: 8080 });
    expect(parseProxyAddress("[::1]:9050", "socks5")).toEqual({ host: "::1", port: 9050 });
    expect(parseProxyAddress("::1", "socks5")).toEqual({ host: "::1", port: 1080 });
    expect(proxyAuthOf("u:p:q")).toEqual({ user: "u", password: "p:q" });
  });
});

describe("-P password", () => {
  test("from $TSNC_PROXY_PASSWORD, else nc's text when there is no terminal", async () => {
    const code = `import { proxyPassword } from ${JSON.stringify(new URL("../../lib/net/proxy-client.ts", import.meta.url).pathname)};
      try { console.log(proxyPassword("ann", "proxy")); } catch (e) { console.log("error:", e.message, e.exitCode); }`;
    const withEnv = await run(["setsid", process.execPath, "-e", code], { env: { TSNC_PROXY_PASSWORD: "s3cret" }, timeoutMs: 5000 });
    expect(withEnv.out).toBe("s3cret\n");
    const env = { ...process.env } as Record<string, string>;
    delete env.TSNC_PROXY_PASSWORD;
    const p = Bun.spawn(["setsid", process.execPath, "-e", code], { env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    expect(await new Response(p.stdout).text()).toBe("error: Unable to read proxy passphrase 1\n");
    await p.exited;
  });
});

/** What real nc prints through a fresh proxy: its stdout, its message without "nc: ", its exit code. */
async function ncThrough(o: ProxyServerOptions, flags: string[], host = "127.0.0.1") {
  const proxy = await startProxyServer(o);
  try {
    const r = await run(["nc", "-N", ...flags, "-x", `127.0.0.1:${proxy.port}`, host, String(target.port)], { stdin: "hello\n", timeoutMs: 5000 });
    return { out: r.out, message: r.stderr.replace(/^nc: /, "").trimEnd(), code: r.code, requests: proxy.requests };
  } finally {
    await proxy.stop();
  }
}

const nc = needs("tool:nc");
nc.describe("real nc -x/-X against the test proxy, and our texts against nc's", () => {
  const cases: [string, ProxyServerOptions, ProxyRequest["type"], string][] = [
    ["SOCKS5", {}, "socks5", "5"],
    ["SOCKS5 refusal", { refuse: true }, "socks5", "5"],
    ["SOCKS5 host unreachable", { refuse: true, socks5Refusal: 4 }, "socks5", "5"],
    ["SOCKS5 needing a password nc cannot send", { auth: { user: "u", password: "p" } }, "socks5", "5"],
    ["SOCKS4", {}, "socks4", "4"],
    ["SOCKS4 refusal", { refuse: true }, "socks4", "4"],
    ["HTTP CONNECT", {}, "http", "connect"],
    ["HTTP 403", { refuse: true }, "http", "connect"],
    ["HTTP 407", { auth: { user: "u", password: "p" } }, "http", "connect"],
  ];
  for (const [name, o, type, x] of cases) {
    test(name, async () => {
      const real = await ncThrough(o, ["-X", x]);
      const mine = await ours(o, { type });
      if (real.code === 0) {
        expect(real.out).toBe("HELLO\n");
        expect(mine.reply).toBe(real.out);
      } else {
        expect(mine.error?.message).toBe(real.message);
        expect(mine.error?.exitCode).toBe(real.code!);
      }
    });
  }
  test("nc sends names in SOCKS5 and resolves them for SOCKS4, as our options model", async () => {
    expect((await ncThrough({}, ["-X", "5"], "localhost")).requests[0]).toMatchObject({ protocol: "socks5", host: "localhost" });
    expect((await ncThrough({}, ["-X", "4"], "localhost")).requests[0]).toMatchObject({ protocol: "socks4", host: "127.0.0.1" });
  });
});

const ncat = needs("tool:ncat");
ncat.describe("real ncat --proxy against the test proxy (credentials)", () => {
  for (const [type, label] of [["socks5", "SOCKS5 user/password"], ["http", "HTTP Basic"]] as const) {
    test(label, async () => {
      const proxy = await startProxyServer({ auth: { user: "ann", password: "pw" } });
      try {
        const r = await run(
          ["ncat", "--proxy", `127.0.0.1:${proxy.port}`, "--proxy-type", type, "--proxy-auth", "ann:pw", "127.0.0.1", String(target.port)],
          { stdin: "hello\n", timeoutMs: 5000 },
        );
        expect(r.out).toBe("HELLO\n");
        // ncat asks without credentials first and sends them after a 407, so look at the last request.
        expect(proxy.requests.at(-1)).toMatchObject({ user: "ann", password: "pw" });
      } finally {
        await proxy.stop();
      }
    });
  }
});
