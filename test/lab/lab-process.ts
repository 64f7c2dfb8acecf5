// Background servers for echo-lab's tests: started, awaited until ready (their port read from what they print), killed by PID.
import { ours } from "../support/proc.ts";

export interface Server {
  readonly port: number;
  readonly pid: number;
  /** everything printed so far on stdout and stderr */
  readonly out: () => string;
  readonly err: () => string;
  /** resolves with the exit status once the server exits */
  readonly exited: Promise<number>;
  stop(): Promise<void>;
}

/** Collect a stream's text as it arrives. */
function collect(stream: ReadableStream<Uint8Array>, into: { text: string }): void {
  void (async () => {
    const dec = new TextDecoder();
    for await (const chunk of stream) into.text += dec.decode(chunk, { stream: true });
  })();
}

/**
 * Start a server and wait (at most 5 s) until it prints the course's ready line. The port comes from
 * echo-lab's "server on host:port" line on stderr, or is the one passed in (the course's Python servers).
 */
export async function startServer(cmd: readonly string[], knownPort = 0, env: Record<string, string> = {}): Promise<Server> {
  const p = Bun.spawn([...cmd], { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1", ...env } });
  const out = { text: "" };
  const err = { text: "" };
  collect(p.stdout, out);
  collect(p.stderr, err);
  const end = Date.now() + 5000;
  while (!out.text.includes("The server is ready to receive")) {
    if (p.exitCode !== null || Date.now() > end) {
      p.kill("SIGKILL");
      throw new Error(`server ${cmd.join(" ")} did not start: ${err.text}`);
    }
    await Bun.sleep(10);
  }
  const m = /server on (?:\[[^\]]*\]|[^\s:]+):(\d+)/.exec(err.text);
  return {
    port: knownPort || (m ? Number(m[1]) : 0),
    pid: p.pid,
    out: () => out.text,
    err: () => err.text,
    exited: p.exited,
    async stop() {
      if (p.exitCode === null) p.kill("SIGTERM");
      const t = setTimeout(() => p.kill("SIGKILL"), 3000);
      await p.exited;
      clearTimeout(t);
    },
  };
}

/** echo-lab with arguments, as the tests run it (source under bun, or the compiled binary under npm test). */
export const lab = (...args: string[]): string[] => [...ours("echo-lab"), ...args];

/** A course program from test/fixtures/course run by python3. */
export const course = (file: string, ...args: string[]): string[] => ["python3", `${import.meta.dir}/../fixtures/course/${file}`, ...args];
