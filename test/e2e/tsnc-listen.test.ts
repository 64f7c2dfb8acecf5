// Listener texts and behaviour against nc's: -lv (names and -n), -luv, -lvU, IPv6, and ncat's one-way modes.
import { expect } from "bun:test";
import { rmSync, existsSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";
import { asNc, nc, sockPath, tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc", "tool:ss");

const listening = async (port: number, proto: "t" | "u" = "t") =>
  (await run(["ss", `-Hln${proto}`, `sport = :${port}`])).out.trim().length > 0;
/** The client's port differs run to run; everything else in the listener's lines must not. */
const samePorts = (s: string, port: number) => s.replaceAll(`${port}`, "PORT").replace(/(received on \S+) \d+/g, "$1 N");

async function listenerLines(tool: typeof nc, flags: string[], udp = false): Promise<string> {
  const port = await freePort();
  const srv = start(tool(...flags, `${port}`));
  await waitFor(() => listening(port, udp ? "u" : "t"), 5000, "listener");
  await run(nc(...(udp ? ["-u", "-w", "1"] : ["-N"]), "127.0.0.1", `${port}`), { stdin: "x\n", timeoutMs: 4000 });
  if (udp) await Bun.sleep(100);
  await srv.stop();
  return samePorts(asNc(await srv.stderr), port);
}

describe("listener", () => {
  for (const flags of [["-lv"], ["-lvn"], ["-lv", "127.0.0.1"], ["-lvn", "127.0.0.1"], ["-lv", "-s", "127.0.0.1", "-p"]]) {
    test(`TCP ${flags.join(" ")}`, async () => {
      expect(await listenerLines(tsnc, flags)).toBe(await listenerLines(nc, flags));
    }, 15_000);
  }
  for (const flags of [["-luv", "127.0.0.1"], ["-luvn"]]) {
    test(`UDP ${flags.join(" ")}`, async () => {
      expect(await listenerLines(tsnc, flags, true)).toBe(await listenerLines(nc, flags, true));
    }, 15_000);
  }

  test("unix -lvU texts, and the socket file stays behind as with nc", async () => {
    const outs: string[] = [];
    for (const tool of [nc, tsnc]) {
      const path = sockPath("lv");
      const srv = start(tool("-lvU", path));
      await waitFor(async () => (await run(["ss", "-Hlx"])).out.includes(path), 5000, "unix listener");
      await run(nc("-N", "-U", path), { stdin: "x\n", timeoutMs: 4000 });
      await srv.stop();
      outs.push(asNc(await srv.stderr).replaceAll(path, "PATH") + ` left=${existsSync(path)}`);
      rmSync(path, { force: true });
    }
    expect(outs[1]).toBe(outs[0]!);
  }, 15_000);

  test("IPv6 listener with -6", async () => {
    const port = await freePort();
    const srv = start(tsnc("-6", "-lvn", `${port}`));
    await waitFor(async () => (await run(["ss", "-Hln6t", `sport = :${port}`])).out.trim().length > 0, 5000, "v6 listener");
    const c = await run(nc("-N", "::1", `${port}`), { stdin: "six\n", timeoutMs: 4000 });
    await srv.stop();
    expect(c.code).toBe(0);
    expect(new TextDecoder().decode(await srv.stdout)).toBe("six\n");
    expect(await srv.stderr).toMatch(/^Listening on :: \d+\nConnection received on ::1 \d+\n$/);
  }, 15_000);

  test("--recv-only never sends, --send-only ignores what arrives", async () => {
    const port = await freePort();
    const srv = start(tsnc("-l", "--recv-only", "127.0.0.1", `${port}`), { stdin: "pipe" });
    await waitFor(() => listening(port), 5000, "listener");
    const c = await run(nc("-N", "127.0.0.1", `${port}`), { stdin: "to server\n", timeoutMs: 4000 });
    await srv.stop();
    expect(new TextDecoder().decode(await srv.stdout)).toBe("to server\n");
    expect(c.out).toBe("");

    const port2 = await freePort();
    const srv2 = start(["sh", "-c", "echo from-server | exec \"$@\"", "sh", ...nc("-l", "127.0.0.1", `${port2}`)]);
    await waitFor(() => listening(port2), 5000, "listener");
    const c2 = await run(tsnc("--send-only", "127.0.0.1", `${port2}`), { stdin: "hi\n", timeoutMs: 4000 });
    await srv2.stop();
    expect(c2.code).toBe(0);
    expect(c2.out).toBe("");
  }, 15_000);
});
