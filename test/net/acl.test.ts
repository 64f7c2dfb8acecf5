// --allow/--deny host lists: Nmap-style specs, files, errors, and the same verdicts as real ncat.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../../lib/cli/error.ts";
import { ACL_DENIED, buildAcl, splitHostSpecs } from "../../lib/net/acl.ts";
import type { AclSpec } from "../../lib/net/acl.ts";
import { needs } from "../support/needs.ts";
import { freePort, run, start } from "../support/proc.ts";

const dir = mkdtempSync(join(tmpdir(), `tsnc-acl-${process.pid}-`));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

async function thrown(spec: AclSpec): Promise<ToolError> {
  try {
    await buildAcl(spec);
  } catch (e) {
    return e as ToolError;
  }
  throw new Error("no error");
}

describe("buildAcl", () => {
  test("no lists: everyone may connect", async () => {
    expect((await buildAcl({}))("192.0.2.1")).toBe(true);
  });
  test("addresses, CIDR, octet ranges and wildcards", async () => {
    const ok = await buildAcl({ allow: ["10.0.0.0/8", "192.168.1.1-20", "172.16.*.7", "2001:db8::/32"] });
    expect(ok("10.200.3.4")).toBe(true);
    expect(ok("11.0.0.1")).toBe(false);
    expect(ok("192.168.1.20")).toBe(true);
    expect(ok("192.168.1.21")).toBe(false);
    expect(ok("172.16.99.7")).toBe(true);
    expect(ok("172.16.99.8")).toBe(false);
    expect(ok("2001:db8:1::5")).toBe(true);
    expect(ok("2001:db9::5")).toBe(false);
    expect(ok("::ffff:10.1.1.1")).toBe(true);
  });
  test("a comma separates hosts; deny wins over allow", async () => {
    const ok = await buildAcl({ allow: ["127.0.0.2,127.0.0.1"], deny: ["127.0.0.2"] });
    expect(ok("127.0.0.1")).toBe(true);
    expect(ok("127.0.0.2")).toBe(false);
    expect(ok("127.0.0.3")).toBe(false);
  });
  test("a mapped IPv6 spec matches the IPv4 peer", async () => {
    expect((await buildAcl({ allow: ["::ffff:127.0.0.1"] }))("127.0.0.1")).toBe(true);
  });
  test("host names resolve to every address", async () => {
    const ok = await buildAcl({ deny: ["localhost"] });
    expect(ok("127.0.0.1")).toBe(false);
    expect(ok("127.0.0.9")).toBe(true);
  });
  test("files: one or more specs a line, comments", async () => {
    const f = join(dir, "allow.txt");
    writeFileSync(f, "# lab hosts\n10.0.0.1 10.0.0.2  # two\n\n192.168.0.0/16\n");
    const ok = await buildAcl({ allowFiles: [f] });
    expect(ok("10.0.0.2")).toBe(true);
    expect(ok("192.168.5.5")).toBe(true);
    expect(ok("10.0.0.3")).toBe(false);
    expect(splitHostSpecs("a,b c\n#d\ne")).toEqual(["a", "b", "c", "e"]);
  });
  test("ncat's texts for a bad spec and a missing file, rc 2", async () => {
    const bad = await thrown({ allow: ["bad host!!"] });
    expect(bad.message).toBe('Error resolving name "bad host!!": Name or service not known');
    expect(bad.extra).toEqual(['tsnc: error in host specification "bad host!!". QUITTING.']);
    expect(bad.exitCode).toBe(2);
    const missing = await thrown({ denyFiles: ["/nonexistent/list"] });
    expect(missing.message).toBe("can't open /nonexistent/list: No such file or directory. QUITTING.");
    expect(missing.exitCode).toBe(2);
    expect((await thrown({ allow: ["localhost"], numeric: true })).exitCode).toBe(2);
    expect(ACL_DENIED).toBe("New connection denied: not allowed");
  });
});

/** Whether real ncat, listening with `flags`, lets a client from `source` through. */
async function ncatLetsIn(flags: string[], source: string): Promise<boolean> {
  const port = await freePort();
  const listen = source.includes(":") ? "::1" : "127.0.0.1";
  const server = start(["ncat", "-l", "--recv-only", listen, String(port), ...flags]);
  try {
    for (let i = 0; i < 40; i++) {
      await Bun.sleep(50);
      const c = await run(["ncat", "--send-only", "-s", source, listen, String(port)], { stdin: "in\n", timeoutMs: 3000 });
      if (!/refused/.test(c.stderr)) break;
    }
    await Bun.sleep(300);
  } finally {
    await server.stop();
  }
  return new TextDecoder().decode(await server.stdout).includes("in");
}

const ncat = needs("tool:ncat");
ncat.describe("verdicts agree with real ncat", () => {
  const cases: [string[], string][] = [
    [["--allow", "127.0.0.1"], "127.0.0.1"],
    [["--allow", "127.0.0.1"], "127.0.0.2"],
    [["--deny", "127.0.0.2-5"], "127.0.0.3"],
    [["--deny", "127.0.0.2-5"], "127.0.0.1"],
    [["--allow", "127.0.0.0/8", "--deny", "127.0.0.1/32"], "127.0.0.1"],
    [["--allow", "127.0.0.2,1"], "127.0.0.1"],
    [["--allow", "127.*.0.1/30"], "127.0.0.2"],
    [["--allow", "127.*.0.1/30"], "127.0.0.5"],
    [["--allow", "::ffff:127.0.0.1"], "127.0.0.1"],
    [["--allow", "localhost"], "127.0.0.1"],
    [["--allow", "::1"], "::1"],
    [["--allow", "::/1"], "::1"],
    [["--deny", "::1/128"], "::1"],
    [["--allow", "127.0.0.1"], "::1"],
  ];
  for (const [flags, source] of cases) {
    test(`${flags.join(" ")} from ${source}`, async () => {
      const spec = { allow: [] as string[], deny: [] as string[] };
      for (let i = 0; i < flags.length; i += 2) (flags[i] === "--allow" ? spec.allow : spec.deny).push(flags[i + 1]!);
      const ours = (await buildAcl(spec))(source);
      expect(ours).toBe(await ncatLetsIn(flags, source));
    });
  }
});
