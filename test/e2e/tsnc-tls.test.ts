// tsnc --ssl wired end to end: a generated certificate, ncat as the peer both ways, ncat's -v texts, --ssl-verify.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";
import { tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:ncat", "tool:ss");
const listening = async (port: number) => (await run(["ss", "-Hlnt", `sport = :${port}`])).out.trim().length > 0;

describe("--ssl", () => {
  test("tsnc --ssl -l with a generated certificate answers ncat --ssl, and says so with -v", async () => {
    const port = await freePort();
    const srv = start(tsnc("--ssl", "-lv", "127.0.0.1", `${port}`, "-c", "tr a-z A-Z"));
    await waitFor(() => listening(port), 10_000, "tls listener");
    const c = await run(["ncat", "--ssl", "127.0.0.1", `${port}`], { stdin: "over tls\n", timeoutMs: 5000 });
    expect(c.out).toBe("OVER TLS\n");
    await srv.stop();
    const err = await srv.stderr;
    expect(err).toMatch(/^tsnc: Generating a temporary 2048-bit RSA key\. Use --ssl-key and --ssl-cert to use a permanent one\.\ntsnc: SHA-1 fingerprint: ([0-9A-F]{4} ){9}[0-9A-F]{4}\nListening on localhost \d+\n/);
  }, 20_000);

  test("tsnc --ssl client to ncat --ssl -l: data both ways; -v reports the unverified certificate; --ssl-verify refuses it", async () => {
    const port = await freePort();
    const srv = start(["sh", "-c", 'echo "from ncat" | exec "$@"', "sh", "ncat", "--ssl", "-l", "127.0.0.1", `${port}`]);
    await waitFor(() => listening(port), 10_000, "ncat tls listener");
    const c = await run(tsnc("--ssl", "-v", "-N", "127.0.0.1", `${port}`), { stdin: "from tsnc\n", timeoutMs: 5000 });
    await srv.stop();
    expect(c.out).toBe("from ncat\n");
    expect(new TextDecoder().decode(await srv.stdout)).toBe("from tsnc\n");
    expect(c.stderr).toContain("tsnc: Certificate verification failed (self-signed certificate).\n");
    expect(c.stderr).toContain(`tsnc: SSL connection to 127.0.0.1:${port}.\n`);

    const port2 = await freePort();
    const srv2 = start(["ncat", "--ssl", "-l", "127.0.0.1", `${port2}`]);
    await waitFor(() => listening(port2), 10_000, "ncat tls listener");
    const v = await run(tsnc("--ssl", "--ssl-verify", "127.0.0.1", `${port2}`), { stdin: "x\n", timeoutMs: 5000 });
    await srv2.stop();
    expect({ code: v.code, err: v.stderr }).toEqual({ code: 1, err: "tsnc: Input/output error.\n" });
  }, 30_000);

  test("--ssl with -u is refused clearly", async () => {
    const r = await run(tsnc("--ssl", "-u", "127.0.0.1", "9"));
    expect({ code: r.code, err: r.stderr }).toEqual({ code: 2, err: "tsnc: --ssl over UDP (DTLS) is not supported\n" });
  });
});
