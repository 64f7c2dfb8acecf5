// tsss end to end on the host (no namespace): our own sockets filtered by port against the real ss, the netstat name, exit codes.
import { afterAll, beforeAll, expect } from "bun:test";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";

const { describe, test } = needs("tool:ss", "tool:netstat");

describe("tsss on the host, filtered to this test's sockets", () => {
  let listener: Bun.TCPSocketListener<undefined>;
  let client: Awaited<ReturnType<typeof Bun.connect>>;
  beforeAll(async () => {
    listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    client = await Bun.connect({ hostname: "127.0.0.1", port: listener.port, socket: { data() {} } });
    await Bun.sleep(50);
  });
  afterAll(() => {
    client?.end();
    listener?.stop(true);
  });

  for (const flags of ["-tan", "-ta", "-tanp", "-tane", "-tn", "-tln", "-H -tan", "-tanO"])
    test(`ss ${flags} '( sport = :P or dport = :P )'`, async () => {
      const filter = `( sport = :${listener.port} or dport = :${listener.port} )`;
      const args = [...flags.split(" "), filter];
      const [a, b] = await Promise.all([run(["ss", ...args]), run([...ours("tsss"), ...args])]);
      expect(b.out).toBe(a.out);
      expect(b.code).toBe(a.code);
    });

  test("bad option: ss's message with our name, usage, exit 255", async () => {
    const [a, b] = await Promise.all([run(["ss", "-Q"]), run([...ours("tsss"), "-Q"])]);
    expect(b.code).toBe(a.code);
    expect(b.stderr.split("\n")[0]).toBe(a.stderr.split("\n")[0]!.replace(/^ss:/, "tsss:"));
  });

  test("--netstat -tan lists our connection as netstat does", async () => {
    const [a, b] = await Promise.all([run(["netstat", "-tan"]), run([...ours("tsss"), "--netstat", "-tan"])]);
    const mine = (t: string) => t.split("\n").filter((l) => l.includes(`:${listener.port} `)).sort();
    expect(mine(b.out)).toEqual(mine(a.out));
    expect(mine(b.out).length).toBe(3);
  });
});

const bin = join(import.meta.dir, "..", "..", "dist", "tsss");
const compiled = needs("tool:netstat");
compiled.describe("the compiled binary called netstat", () => {
  test("behaves as netstat: header, unknown option exits 3", async () => {
    if (!existsSync(bin)) {
      console.log("skip: dist/tsss not built (npm test builds it)");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), `tsss-e2e-${process.pid}-`));
    try {
      const link = join(dir, "netstat");
      symlinkSync(bin, link);
      const ok = await run([link, "-rn"]);
      const real = await run(["netstat", "-rn"]);
      expect(ok.out).toBe(real.out);
      const bad = await run([link, "-Q"]);
      expect(bad.code).toBe(3);
      expect(bad.stderr.split("\n")[0]).toBe("netstat: invalid option -- 'Q'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
