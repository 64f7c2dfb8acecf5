// Builds every cmd/*.ts into a standalone binary dist/<name>, checks each with --version, then runs a short demo.
import { readdirSync, mkdirSync } from "node:fs";
import { join, basename } from "node:path";

const root = join(import.meta.dir, "..");
const dist = join(root, "dist");

/** Extra entrypoints a binary embeds as Workers (Bun bundles them into that binary). */
const workersOf: Record<string, string[]> = {
  tsshark: ["lib/capture/live-worker.ts"],
};

const all = readdirSync(join(root, "cmd"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => basename(f, ".ts"))
  .sort();
// `bun scripts/build.ts --no-demo tsnc` builds one binary; no names builds them all.
const asked = process.argv.slice(2).filter((a) => !a.startsWith("--"));
/** Runtime flags baked into a binary: tsnc streams gigabytes through one socket, --smol keeps its heap small. */
const execArgvOf: Record<string, string[]> = {
  tsnc: ["--smol"],
};

const names = asked.length ? all.filter((n) => asked.includes(n)) : all;
mkdirSync(dist, { recursive: true });

const t0 = performance.now();
const results = await Promise.all(
  names.map(async (name) => {
    const extra = (workersOf[name] ?? []).filter((w) => Bun.file(join(root, w)).size > 0);
    const r = await Bun.build({
      entrypoints: [join(root, "cmd", `${name}.ts`), ...extra.map((w) => join(root, w))],
      compile: { outfile: join(dist, name), autoloadDotenv: false, autoloadBunfig: false, execArgv: execArgvOf[name] ?? [] },
      minify: true,
      // bytecode moves parsing to build time: tsshark starts in ~40 ms instead of ~100 ms (ESM output required)
      bytecode: true,
      format: "esm",
      sourcemap: "none",
      define: { "process.env.TSNET_BUILD": JSON.stringify("compiled") },
    });
    return { name, r };
  }),
);
let failed = false;
for (const { name, r } of results) {
  if (!r.success) {
    failed = true;
    console.error(`build of ${name} failed:`);
    for (const l of r.logs) console.error(String(l));
  }
}
if (failed) process.exit(1);
console.log(`built ${names.map((n) => `dist/${n}`).join(" ")} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

for (const name of names) {
  const p = Bun.spawnSync([join(dist, name), "--version"], { stdout: "pipe", stderr: "pipe" });
  const text = (p.stdout.toString() + p.stderr.toString()).trim().split("\n")[0];
  if (p.exitCode !== 0) {
    console.error(`dist/${name} --version failed (exit ${p.exitCode}): ${text}`);
    process.exit(1);
  }
  console.log(`  ${name.padEnd(9)} ${text}`);
}

if (!process.argv.includes("--no-demo") && names.includes("echo-lab")) await demo();

/** One working exchange through the built binaries: echo-lab's own demo (a TCP and a UDP exchange). */
async function demo(): Promise<void> {
  console.log("\ndemo: dist/echo-lab demo");
  const p = Bun.spawn([join(dist, "echo-lab"), "demo"], { stdout: "inherit", stderr: "inherit", env: { ...process.env, NO_COLOR: "1" } });
  const timer = setTimeout(() => p.kill("SIGKILL"), 15_000);
  const code = await p.exited;
  clearTimeout(timer);
  if (code !== 0) {
    console.error(`demo failed (exit ${code})`);
    process.exit(1);
  }
}
