// --ssl: the in-process certificate (checked by openssl), Bun accepting it, and interop with openssl s_client,
// openssl s_server and real ncat --ssl; ncat's texts for bad TLS flags.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../../lib/cli/error.ts";
import { generateTemporaryCert, sha1Fingerprint } from "../../lib/net/tls-cert.ts";
import { alpnWire, clientHandshakeLines, clientTls, serverTls, systemTrustBundle, TLS_MESSAGES } from "../../lib/net/tls.ts";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";
import { connectStream, listenStreams, readAll } from "../support/loopback-streams.ts";

const dir = mkdtempSync(join(tmpdir(), `tsnc-tls-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const enc = (s: string) => new TextEncoder().encode(s);
const cert = generateTemporaryCert();
const certFile = join(dir, "cert.pem");
const keyFile = join(dir, "key.pem");
writeFileSync(certFile, cert.certPem);
writeFileSync(keyFile, cert.keyPem);

function thrown(f: () => unknown): ToolError {
  try {
    f();
  } catch (e) {
    return e as ToolError;
  }
  throw new Error("no error");
}

/** Our TLS listener answering each connection with what it read, upper-cased, then FIN. */
function upperServer(tls: ReturnType<typeof serverTls>["tls"]) {
  const server = listenStreams({ tls });
  let running = true;
  void (async () => {
    while (running) {
      const s = await server.accept();
      void (async () => {
        const got = Buffer.from(await readAll(s)).toString();
        await s.write(enc(got.toUpperCase())).catch(() => {});
        await s.shutdownWrite();
        await s.close();
      })();
    }
  })();
  return { port: server.port, stop: () => ((running = false), server.stop()) };
}

describe("temporary certificate and Bun", () => {
  test("ncat's fingerprint grouping", () => {
    expect(sha1Fingerprint(cert.certDer)).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
  });
  test("Bun.listen and Bun.connect accept it; data goes both ways over TLS", async () => {
    const srv = serverTls({});
    expect(srv.generated).toBe(true);
    expect(srv.verboseLines).toEqual([TLS_MESSAGES.generating, `SHA-1 fingerprint: ${srv.fingerprint}`]);
    const hub = upperServer(srv.tls);
    try {
      const c = await connectStream(hub.port, { tls: clientTls({ verify: false, host: "127.0.0.1" }) });
      await c.write(enc("secret\n"));
      await c.shutdownWrite();
      expect(Buffer.from(await readAll(c)).toString()).toBe("SECRET\n");
      await c.close();
    } finally {
      hub.stop();
    }
  });
  test("--ssl-verify with --ssl-trustfile trusts it by name; without the trust file it is refused", async () => {
    const hub = upperServer(serverTls({ certFile, keyFile }).tls);
    try {
      const ok = await connectStream(hub.port, { tls: clientTls({ verify: true, trustFile: certFile, host: "localhost" }) });
      await ok.write(enc("ok\n"));
      await ok.shutdownWrite();
      expect(Buffer.from(await readAll(ok)).toString()).toBe("OK\n");
      await ok.close();
      let refused = false;
      try {
        const bad = await connectStream(hub.port, { tls: clientTls({ verify: true, host: "localhost" }) });
        await bad.write(enc("x\n")).catch(() => {});
        refused = (await bad.closed) !== undefined || (await readAll(bad)).length === 0;
      } catch {
        refused = true;
      }
      expect(refused).toBe(true);
    } finally {
      hub.stop();
    }
  });
});

describe("verification by name", () => {
  test("a trusted certificate under the wrong name is refused with --ssl-verify, accepted without", async () => {
    const hub = upperServer(serverTls({ certFile, keyFile }).tls);
    try {
      let refused = false;
      try {
        const bad = await connectStream(hub.port, { tls: clientTls({ verify: true, trustFile: certFile, host: "127.0.0.1", serverName: "not-this.test" }) });
        await bad.write(enc("x\n")).catch(() => {});
        refused = (await bad.closed) !== undefined || (await readAll(bad)).length === 0;
      } catch {
        refused = true;
      }
      expect(refused).toBe(true);
      const lax = await connectStream(hub.port, { tls: clientTls({ verify: false, host: "127.0.0.1", serverName: "not-this.test" }) });
      await lax.write(enc("lax\n"));
      await lax.shutdownWrite();
      expect(Buffer.from(await readAll(lax)).toString()).toBe("LAX\n");
      await lax.close();
    } finally {
      hub.stop();
    }
  });
});

describe("flags", () => {
  test("--ssl-verify without a trust file uses the system's PEM bundle when there is one", () => {
    const tls = clientTls({ verify: true, host: "example.org" });
    const bundle = systemTrustBundle();
    expect(tls.ca).toBe(bundle);
    if (bundle !== undefined) expect(bundle).toContain("BEGIN CERTIFICATE");
    expect(clientTls({ verify: false, host: "example.org" }).ca).toBeUndefined();
  });
  test("ALPN wire format", () => {
    expect([...alpnWire("h2,http/1.1")]).toEqual([2, 104, 50, 8, ...enc("http/1.1")]);
  });
  test("SNI: the host name unless --ssl-servername; none for an address", () => {
    expect(clientTls({ verify: false, host: "example.org" }).serverName).toBe("example.org");
    expect(clientTls({ verify: false, host: "127.0.0.1" }).serverName).toBeUndefined();
    expect(clientTls({ verify: false, host: "127.0.0.1", serverName: "lab.test" }).serverName).toBe("lab.test");
    expect(clientTls({ verify: false, host: "x" }).rejectUnauthorized).toBe(false);
  });
  test("ncat -v lines after a handshake", () => {
    const err = Object.assign(new Error("self signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(clientHandshakeLines({ subject: { CN: "127.0.0.1" }, issuer: { CN: "127.0.0.1" }, raw: cert.certDer }, err, "127.0.0.1:40040")).toEqual([
      "Subject: CN=127.0.0.1",
      "Issuer: CN=127.0.0.1",
      `SHA-1 fingerprint: ${sha1Fingerprint(cert.certDer)}`,
      "Certificate verification failed (self-signed certificate).",
      "SSL connection to 127.0.0.1:40040.",
      `SHA-1 fingerprint: ${sha1Fingerprint(cert.certDer)}`,
    ]);
  });
});

const ncat = needs("tool:ncat");
ncat.describe("bad TLS flags: the same texts and exit code as ncat", () => {
  const cases: [string, string[], () => unknown][] = [
    ["--ssl-cert without --ssl-key", ["-l", "--ssl-cert", certFile], () => serverTls({ certFile })],
    ["missing certificate file", ["-l", "--ssl-cert", "/nonexistent.pem", "--ssl-key", keyFile], () => serverTls({ certFile: "/nonexistent.pem", keyFile })],
    ["a certificate file that is not PEM", ["-l", "--ssl-cert", "/etc/hostname", "--ssl-key", keyFile], () => serverTls({ certFile: "/etc/hostname", keyFile })],
    ["missing trust file", ["--ssl", "--ssl-trustfile", "/nonexistent.pem"], () => clientTls({ verify: false, trustFile: "/nonexistent.pem", host: "127.0.0.1" })],
  ];
  for (const [name, flags, ours] of cases) {
    test(name, async () => {
      const real = await run(["ncat", ...flags, "127.0.0.1", String(await freePort())], { timeoutMs: 5000 });
      const e = thrown(ours);
      const mine = [e.message, ...e.extra].join("\n");
      expect(mine).toBe(real.stderr.trimEnd().replace(/^Ncat: /, ""));
      expect(e.exitCode).toBe(real.code!);
    });
  }
});

ncat.describe("interop with real ncat --ssl", () => {
  test("ncat --ssl client against our generated certificate", async () => {
    const hub = upperServer(serverTls({ commonName: "127.0.0.1" }).tls);
    try {
      const r = await run(["ncat", "--ssl", "127.0.0.1", String(hub.port)], { stdin: "from ncat\n", timeoutMs: 5000 });
      expect(r.out).toBe("FROM NCAT\n");
      expect(r.code).toBe(0);
    } finally {
      hub.stop();
    }
  });
  test("our client against ncat -l --ssl (its own temporary certificate)", async () => {
    const port = await freePort();
    const server = start(["ncat", "-l", "--ssl", "127.0.0.1", String(port)], { stdin: "pipe" });
    try {
      let c: Awaited<ReturnType<typeof connectStream>> | undefined;
      for (let i = 0; i < 50 && !c; i++) {
        await Bun.sleep(100);
        c = await connectStream(port, { tls: clientTls({ verify: false, host: "127.0.0.1" }) }).catch(() => undefined);
      }
      await c!.write(enc("to ncat\n"));
      await waitFor(async () => false, 300).catch(() => {});
      await c!.close();
    } finally {
      await server.stop();
    }
    expect(new TextDecoder().decode(await server.stdout)).toBe("to ncat\n");
  }, 15000);
});

const openssl = needs("tool:openssl");
openssl.describe("interop with openssl", () => {
  test("openssl parses the certificate and agrees on the fingerprint", async () => {
    const r = await run(["openssl", "x509", "-in", certFile, "-noout", "-fingerprint", "-sha1", "-subject"], { timeoutMs: 5000 });
    expect(r.code).toBe(0);
    const hex = /Fingerprint=([0-9A-F:]+)/.exec(r.out)![1]!.replaceAll(":", "");
    expect(hex.match(/.{4}/g)!.join(" ")).toBe(sha1Fingerprint(cert.certDer));
    expect(r.out).toContain("CN = localhost");
    expect((await run(["openssl", "verify", "-CAfile", certFile, certFile], { timeoutMs: 5000 })).code).toBe(0);
  });
  test("openssl s_client against our listener", async () => {
    // s_client cannot half-close (it closes at EOF on stdin), so this server answers each chunk at once.
    const server = listenStreams({ tls: serverTls({}).tls });
    void server.accept().then(async (s) => {
      for await (const c of s.chunks()) await s.write(enc(Buffer.from(c).toString().toUpperCase())).catch(() => {});
      await s.close();
    });
    try {
      const r = await run(["openssl", "s_client", "-quiet", "-ign_eof", "-connect", `127.0.0.1:${server.port}`], { stdin: "via s_client\n", timeoutMs: 1500 });
      expect(r.out).toBe("VIA S_CLIENT\n");
    } finally {
      server.stop();
    }
  });
  test("--ssl-alpn on our listener: openssl s_client negotiates it", async () => {
    const server = listenStreams({ tls: serverTls({ alpn: "h2,http/1.1" }).tls });
    void server.accept().then(async (s) => {
      for await (const _ of s.chunks());
      await s.close();
    });
    try {
      const r = await run(["openssl", "s_client", "-alpn", "http/1.1", "-connect", `127.0.0.1:${server.port}`], { stdin: "", timeoutMs: 3000 });
      expect(r.out).toContain("ALPN protocol: http/1.1");
    } finally {
      server.stop();
    }
  });
  test("our client against openssl s_server with an openssl-made certificate, verified, with SNI and ALPN", async () => {
    const oc = join(dir, "o-cert.pem");
    const ok = join(dir, "o-key.pem");
    const made = await run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ok, "-out", oc, "-days", "2", "-subj", "/CN=lab.test", "-addext", "subjectAltName=DNS:lab.test"], { timeoutMs: 20000 });
    expect(made.code).toBe(0);
    const port = await freePort();
    // s_server quits at EOF on its stdin, so it gets a pipe that stays open.
    const server = start(["openssl", "s_server", "-accept", `127.0.0.1:${port}`, "-cert", oc, "-key", ok, "-alpn", "h2,http/1.1", "-naccept", "1", "-ign_eof"], { stdin: "pipe" });
    try {
      let c: Awaited<ReturnType<typeof connectStream>> | undefined;
      const tls = clientTls({ verify: true, trustFile: oc, host: "127.0.0.1", serverName: "lab.test", alpn: "h2" });
      for (let i = 0; i < 50 && !c; i++) {
        await Bun.sleep(100);
        c = await connectStream(port, { tls }).catch(() => undefined);
      }
      await c!.write(enc("hello s_server\n"));
      await waitFor(async () => false, 500).catch(() => {});
      await c!.close();
    } finally {
      await server.stop();
    }
    const out = new TextDecoder().decode(await server.stdout);
    expect(out).toContain("hello s_server");
    expect(out).toContain("ALPN protocols advertised by the client: h2");
  }, 30000);
});
