// Running our tools and the real ones from tests: bounded in time, killed by PID, output captured as bytes.
import { join } from "node:path";
import { existsSync } from "node:fs";

export const repoRoot = join(import.meta.dir, "..", "..");

/**
 * The command that runs one of our tools. `npm test` builds first and sets TSNET_TEST_BINARIES=1, so the
 * tests run the compiled binaries; a bare `bun test` runs the source under bun (never a stale dist/).
 */
export function ours(tool: "tsnc" | "tsss" | "tsshark" | "echo-lab"): string[] {
  const bin = join(repoRoot, "dist", tool);
  if (process.env.TSNET_TEST_BINARIES === "1") {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build`);
    return [bin];
  }
  return [process.execPath, join(repoRoot, "cmd", `${tool}.ts`)];
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: Uint8Array;
  readonly stderr: string;
  readonly out: string;
  readonly ms: number;
  readonly timedOut: boolean;
}

export interface RunOptions {
  stdin?: string | Uint8Array | "inherit-null";
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
}

/** Run a command to completion (killed after timeoutMs) and capture everything. */
export async function run(cmd: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  const p = Bun.spawn([...cmd], {
    stdin: o.stdin === undefined || o.stdin === "inherit-null" ? "ignore" : "pipe",
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "1", ...o.env },
    cwd: o.cwd,
  });
  if (o.stdin !== undefined && o.stdin !== "inherit-null" && p.stdin) {
    p.stdin.write(o.stdin);
    await p.stdin.end();
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    p.kill("SIGKILL");
  }, o.timeoutMs ?? 10_000);
  const [stdout, stderr] = await Promise.all([
    new Response(p.stdout).arrayBuffer(),
    new Response(p.stderr).text(),
  ]);
  const code = await p.exited;
  clearTimeout(timer);
  const bytes = new Uint8Array(stdout);
  return { code, stdout: bytes, stderr, out: new TextDecoder().decode(bytes), ms: performance.now() - t0, timedOut };
}

/** A background process owned by a test: started now, killed by PID in `stop()`. */
export function start(cmd: readonly string[], o: { env?: Record<string, string>; stdin?: "pipe" | "ignore"; cwd?: string } = {}) {
  const p = Bun.spawn([...cmd], {
    stdin: o.stdin ?? "ignore",
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "1", ...o.env },
    cwd: o.cwd,
  });
  const stdout = new Response(p.stdout).arrayBuffer().then((b) => new Uint8Array(b));
  const stderr = new Response(p.stderr).text();
  return {
    proc: p,
    stdout,
    stderr,
    async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
      if (p.exitCode === null && !p.killed) p.kill(signal);
      const killer = setTimeout(() => p.kill("SIGKILL"), 3000);
      const code = await p.exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** Wait until `cond` holds, polling every 20 ms, for at most `ms`; throws when it never does. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await Bun.sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A TCP port free on 127.0.0.1 right now (bound to port 0 and released). */
export async function freePort(): Promise<number> {
  const l = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = l.port;
  l.stop(true);
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export async function tcpOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  try {
    const s = await Bun.connect({ hostname: host, port, socket: { data() {} } });
    s.end();
    return true;
  } catch {
    return false;
  }
}
