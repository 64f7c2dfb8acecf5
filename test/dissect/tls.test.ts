// TLS against real tshark: a TLS 1.3 handshake between openssl s_server and s_client on loopback (SNI, ALPN, key share, JA3).
import { expect } from "bun:test";
import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needs } from "../support/needs.ts";
import { freePort, ours, run, start } from "../support/proc.ts";
import { captureLoopback } from "./live-capture.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const FIELDS = ["tls.record.content_type", "tls.record.version", "tls.handshake.type", "tls.handshake.version", "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.ciphersuite", "tls.handshake.extensions.supported_version", "tls.handshake.ja3", "tls.handshake.ja3s"];

const { describe, test } = needs("tool:tshark", "tool:tcpdump", "tool:openssl", "root");
describe("TLS captured on loopback matches tshark", () => {
  for (const version of ["-tls1_3", "-tls1_2"]) test(`openssl s_client ${version} -> s_server, with SNI and ALPN`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnet-tls-"));
    const key = join(dir, "k.pem"), cert = join(dir, "c.pem");
    let file = "";
    try {
      const gen = await run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=lab.example"], { timeoutMs: 30_000 });
      expect(gen.code).toBe(0);
      const port = await freePort();
      const server = start(["openssl", "s_server", "-accept", `127.0.0.1:${port}`, "-cert", cert, "-key", key, "-alpn", "http/1.1", "-quiet"]);
      try {
        await Bun.sleep(500);
        file = await captureLoopback("tls-live", port, async () => {
          const client = await run(["openssl", "s_client", "-connect", `127.0.0.1:${port}`, "-servername", "lab.example", "-alpn", "http/1.1", version], { stdin: "hello\n", timeoutMs: 10_000 });
          expect(client.out).toContain("lab.example");
        });
      } finally {
        await server.stop();
      }
      const decode = ["-d", `tcp.port==${port},tls`];
      for (const args of [["-r", file, ...decode], ["-r", file, ...decode, "-T", "fields", ...FIELDS.flatMap((f) => ["-e", f])]]) {
        const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
        expect(mine.out).toBe(theirs);
      }
      // X.509 certificates are not decoded: leave out what tshark shows under a certificate
      const withoutX509 = (blocks: string[]) =>
        blocks.map((b) => {
          const out: string[] = [];
          let skipping = false;
          for (const l of b.split("\n")) {
            const indent = l.length - l.trimStart().length;
            if (skipping && indent > 16) continue;
            skipping = /^ {16}Certificate: /.test(l);
            out.push(skipping ? l.replace(/(\u2026).*$/, "$1") : l);
          }
          return out.join("\n");
        });
      const theirs = treeBlocks(await tshark(["-r", file, ...decode, "-V"]), "Transport Layer Security");
      const mine = treeBlocks((await dissectAll(file, [decode[1]!])).map((p) => treeText(p)).join("\n"), "Transport Layer Security");
      expect(withoutX509(mine)).toEqual(withoutX509(theirs));
    } finally {
      if (file) rmSync(file, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
