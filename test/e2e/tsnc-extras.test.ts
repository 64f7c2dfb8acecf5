// ncat extras wired into tsnc: -e/-c (EOF reaches the program, unlike ncat 7.93), -k side by side, session logs, ACLs.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";
import { nc, tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc", "tool:ss");
const listening = async (port: number) => (await run(["ss", "-Hlnt", `sport = :${port}`])).out.trim().length > 0;

describe("tsnc --exec / --sh-exec", () => {
  test("-c 'tr a-z A-Z' answers a client that half-closes (ncat 7.93 returns nothing here)", async () => {
    const port = await freePort();
    const srv = start(tsnc("-l", "127.0.0.1", `${port}`, "-c", "tr a-z A-Z"));
    await waitFor(() => listening(port), 5000, "listener");
    const c = await run(nc("-N", "127.0.0.1", `${port}`), { stdin: "shout\n", timeoutMs: 4000 });
    expect(c.out).toBe("SHOUT\n");
    expect(await srv.proc.exited).toBe(0);
  });

  test("-k -e /bin/cat serves two clients at the same time", async () => {
    const port = await freePort();
    const srv = start(tsnc("-lk", "127.0.0.1", `${port}`, "--exec", "/bin/cat"));
    await waitFor(() => listening(port), 5000, "listener");
    // the first client keeps its connection open (no -N, stdin held) while the second is answered
    const first = start(nc("127.0.0.1", `${port}`), { stdin: "pipe" });
    await Bun.sleep(100);
    const second = await run(nc("-N", "127.0.0.1", `${port}`), { stdin: "second\n", timeoutMs: 4000 });
    await first.stop();
    await srv.stop();
    expect(second.out).toBe("second\n");
  });

  test("a client can exec too: the program's stdin is the connection", async () => {
    const port = await freePort();
    const srv = start(["sh", "-c", 'echo "from server" | exec "$@"', "sh", ...nc("-N", "-l", "127.0.0.1", `${port}`)]);
    await waitFor(() => listening(port), 5000, "listener");
    const c = await run(tsnc("127.0.0.1", `${port}`, "-c", "tr a-z A-Z"), { timeoutMs: 4000 });
    await srv.stop();
    expect(new TextDecoder().decode(await srv.stdout)).toBe("FROM SERVER\n");
    expect(c.code).toBe(0);
  });

  test("-o and --hex-dump log both directions of a relayed session, in order", async () => {
    const { readFileSync, rmSync } = await import("node:fs");
    const raw = `/tmp/tsnc-test-${process.pid}.raw`;
    const hex = `/tmp/tsnc-test-${process.pid}.hex`;
    const port = await freePort();
    const srv = start(["sh", "-c", 'echo pong | exec "$@"', "sh", ...nc("-N", "-l", "127.0.0.1", `${port}`)]);
    await waitFor(() => listening(port), 5000, "listener");
    const c = await run(tsnc("-N", "-o", raw, "--hex-dump", hex, "127.0.0.1", `${port}`), { stdin: "ping\n", timeoutMs: 4000 });
    await srv.stop();
    expect(c.out).toBe("pong\n");
    const log = readFileSync(raw, "utf8");
    expect(log.length).toBe(10);
    expect([...log.matchAll(/p[io]ng\n/g)].length).toBe(2);
    expect(readFileSync(hex, "utf8")).toContain("70 69 6e 67 0a");
    rmSync(raw, { force: true });
    rmSync(hex, { force: true });
  });

  test("--deny resets the peer (and -v says so), --allow lets it through", async () => {
    const port = await freePort();
    const srv = start(tsnc("-lv", "--deny", "127.0.0.1", "127.0.0.1", `${port}`));
    await waitFor(() => listening(port), 5000, "listener");
    const denied = await run(nc("-N", "127.0.0.1", `${port}`), { stdin: "x\n", timeoutMs: 3000 });
    await srv.stop();
    expect(await srv.stderr).toContain("tsnc: New connection denied: not allowed\n");
    expect(denied.out).toBe("");

    const port2 = await freePort();
    const srv2 = start(tsnc("-l", "--allow", "127.0.0.0/8", "127.0.0.1", `${port2}`));
    await waitFor(() => listening(port2), 5000, "listener");
    const ok = await run(nc("-N", "127.0.0.1", `${port2}`), { stdin: "in\n", timeoutMs: 3000 });
    expect(ok.code).toBe(0);
    expect(await srv2.proc.exited).toBe(0);
    expect(new TextDecoder().decode(await srv2.stdout)).toBe("in\n");
  });

  test("--broker passes one client's data to the others; --chat names them as ncat does", async () => {
    for (const mode of ["--broker", "--chat"]) {
      const port = await freePort();
      const srv = start(tsnc(mode, `${port}`), { stdin: "pipe" });
      await waitFor(() => listening(port), 5000, "broker");
      const first = start(nc("127.0.0.1", `${port}`), { stdin: "pipe" });
      await waitFor(async () => (await run(["ss", "-Htn", "state", "established", `dport = :${port}`])).out.trim().length > 0, 3000, "first client");
      await run(nc("-q", "1", "127.0.0.1", `${port}`), { stdin: "to everyone\n", timeoutMs: 4000 });
      await Bun.sleep(100);
      await first.stop();
      await srv.stop();
      const got = new TextDecoder().decode(await first.stdout);
      if (mode === "--broker") expect(got).toBe("to everyone\n");
      else expect(got).toMatch(/^<announce> 127\.0\.0\.1 is connected as <user(\d+)>\.\n<announce> already connected: nobody\.\n<announce> 127\.0\.0\.1 is connected as <user(\d+)>\.\n<announce> already connected: 127\.0\.0\.1 as <user\1>\.\n<user\2> to everyone\n<announce> <user\2> is disconnected\.\n$/);
    }
  }, 15_000);

  test("combinations that cannot work are refused with one line", async () => {
    const cases: [string[], number, string][] = [
      [["--chat", "-u", "5000"], 2, "tsnc: --broker and --chat work over stream sockets only\n"],
      [["--chat", "127.0.0.1", "5000"], 2, "tsnc: Invalid option combination: `--chat' with connect. QUITTING.\n"],
      [["-F", "-x", "127.0.0.1:1", "127.0.0.1", "2"], 1, "tsnc: -F cannot pass a proxied socket\n"],
      [["--send-only", "--recv-only", "127.0.0.1", "1"], 1, "tsnc: Cannot use --send-only and --recv-only together\n"],
    ];
    for (const [args, code, err] of cases) {
      const r = await run(tsnc(...args), { timeoutMs: 3000 });
      expect({ args, code: r.code, err: r.stderr }).toEqual({ args, code, err });
    }
  });
});
