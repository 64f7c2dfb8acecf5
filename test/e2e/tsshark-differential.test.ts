// tsshark against real tshark on the tcpdump corpus: the files in tsshark-agree.txt must match exactly; malformed ones must not crash.
import { expect } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { comparisons } from "../../scripts/compare-tshark.ts";

const { describe, test } = needs("shared", "tool:tshark");
const agree = readFileSync(join(import.meta.dir, "tsshark-agree.txt"), "utf8").split("\n").filter(Boolean);
const corpus = join(sharedDir, "captures", "tcpdump");
const env = { TZ: "UTC" };

describe("tsshark agrees with tshark", () => {
  for (const file of agree) {
    test(file, async () => {
      for (const args of comparisons(join(corpus, file))) {
        const [theirs, mine] = await Promise.all([run(["tshark", ...args], { env, timeoutMs: 30_000 }), run([...ours("tsshark"), ...args], { env, timeoutMs: 30_000 })]);
        expect(mine.out).toBe(theirs.out);
        expect(mine.code).toBe(0);
      }
    }, 60_000);
  }
});

describe("tsshark reads every malformed capture without an exception", () => {
  test("tcpdump-malformed.txt", async () => {
    const files = readFileSync(join(sharedDir, "captures", "tcpdump-malformed.txt"), "utf8").split("\n").filter(Boolean);
    for (const f of files) {
      const r = await run([...ours("tsshark"), "-r", join(corpus, f)], { env: { ...env, TSNET_DEBUG: "1" }, timeoutMs: 30_000 });
      // rc 2 is the reader refusing a link type tshark does not support either, in tshark's words
      const crashed = r.stderr.includes("dissector bug") || r.timedOut;
      expect({ f, ok: r.code === 0 || (r.code === 2 && r.stderr.includes("TShark doesn't support")), crashed }).toEqual({ f, ok: true, crashed: false });
    }
  }, 600_000);
});
