// -E: sockets destroyed while tsss and ss both watch, printed the same way (own namespace; ss line-buffered by stdbuf).
import { afterAll, beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";

const { describe, test } = needs("netns", "tool:ss", "tool:stdbuf");
const ns = `tsss-ev-${process.pid}`;

describe("tsss -E", () => {
  beforeAll(async () => {
    await run(["ip", "netns", "add", ns]);
    await run(["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"]);
  });
  afterAll(async () => {
    await run(["ip", "netns", "del", ns]);
  });

  for (const flags of ["-tnE", "-E", "-unE"])
    test(`ss ${flags} while connections close`, async () => {
      const spawn = (cmd: string[]) => Bun.spawn(["ip", "netns", "exec", ns, ...cmd], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
      const theirs = spawn(["stdbuf", "-oL", "ss", flags]);
      const mine = spawn([...ours("tsss"), flags]);
      await Bun.sleep(1200);
      // Inside the namespace: a TCP connection and a UDP socket, all closed again.
      const script = `
        const l = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
        const c = await Bun.connect({ hostname: "127.0.0.1", port: l.port, socket: { data() {} } });
        const u = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0, socket: { data() {}, error() {} } });
        await Bun.sleep(100); c.terminate(); l.stop(true); u.close(); await Bun.sleep(100);`;
      await run(["ip", "netns", "exec", ns, process.execPath, "-e", script], { timeoutMs: 10_000 });
      await Bun.sleep(800);
      theirs.kill();
      mine.kill();
      const [a, b] = await Promise.all([new Response(theirs.stdout).text(), new Response(mine.stdout).text()]);
      expect(b.split("\n").length).toBeGreaterThan(1);
      expect(b).toBe(a);
    }, 15_000);
});
