// npm test after the typecheck: builds the binaries, runs bun test, and prints "N passed, N failed, N skipped".
import { join } from "node:path";
import { mkdirSync, readFileSync } from "node:fs";

const root = join(import.meta.dir, "..");
const outDir = join(root, ".test-out");
mkdirSync(outDir, { recursive: true });
const junit = join(outDir, "junit.xml");

if (process.env.TSNET_SKIP_BUILD !== "1") {
  const b = Bun.spawnSync([process.execPath, join(root, "scripts", "build.ts"), "--no-demo"], { stdout: "inherit", stderr: "inherit", cwd: root });
  if (b.exitCode !== 0) {
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

const args = process.argv.slice(2);
const p = Bun.spawn(
  [process.execPath, "test", "--timeout", "60000", "--reporter=junit", `--reporter-outfile=${junit}`, ...args],
  { stdout: "inherit", stderr: "inherit", cwd: root, stdin: "ignore", env: { ...process.env, TSNET_TEST_BINARIES: process.env.TSNET_SKIP_BUILD === "1" ? "0" : "1" } },
);
const code = await p.exited;

let passed = 0, failed = 0, skipped = 0;
try {
  const xml = readFileSync(junit, "utf8");
  for (const m of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[2] ?? "";
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
    else passed++;
  }
} catch {
  failed = Math.max(failed, code === 0 ? 0 : 1);
}
if (code !== 0 && failed === 0) failed = 1; // a crash outside any test still fails the run
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code === 0 ? 0 : 1);
