// Gates for tests that need something outside the repo: required when CI=true, skipped with a printed reason elsewhere.
import { describe, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const inCI = process.env.CI === "true";

/** ../shared/ beside the repo (captures, reference), or undefined when it is not there. */
export const sharedDir = join(import.meta.dir, "..", "..", "..", "shared");

/** What a test may need, and how to check for it. */
export type Need = `tool:${string}` | "root" | "netns" | "shared" | "libpcap";

function has(need: Need): boolean {
  if (need.startsWith("tool:")) return Bun.which(need.slice(5)) !== null;
  switch (need) {
    case "root":
      return process.getuid?.() === 0;
    case "netns":
      return process.getuid?.() === 0 && Bun.which("ip") !== null;
    case "shared":
      return existsSync(join(sharedDir, "captures"));
    case "libpcap":
      return ["/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/usr/lib/x86_64-linux-gnu/libpcap.so.1", "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8"].some(existsSync);
  }
  return false;
}

const printed = new Set<string>();

/** The first missing need, or undefined when all are there. */
export function missing(needs: readonly Need[]): Need | undefined {
  return needs.find((n) => !has(n));
}

/**
 * `test` and `describe` that run only when every need is met. Under CI=true a missing need fails
 * the test instead; elsewhere the tests are skipped and the reason is printed once.
 */
export function needs(...list: Need[]): { test: typeof test; describe: typeof describe } {
  const gap = missing(list);
  if (!gap) return { test, describe };
  const reason = `needs ${gap.replace("tool:", "the tool ")}`;
  if (inCI) {
    const failing = ((name: string) => test(name, () => { throw new Error(`${reason}, which CI must provide`); })) as unknown as typeof test;
    const failingDescribe = ((name: string) => describe(name, () => { test("requirement", () => { throw new Error(`${reason}, which CI must provide`); }); })) as unknown as typeof describe;
    return { test: failing, describe: failingDescribe };
  }
  if (!printed.has(reason)) {
    printed.add(reason);
    console.log(`skip: ${reason} (not present on this machine)`);
  }
  return { test: test.skip as unknown as typeof test, describe: describe.skip as unknown as typeof describe };
}
