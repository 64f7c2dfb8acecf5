// runTool: the shell of every binary; prints "<tool>: <message>" for a ToolError and exits with its code.
import { writeSync } from "node:fs";
import { QuietExit, ToolError } from "./error.ts";

const debug = () => process.env.TSNET_DEBUG === "1";

/** Write everything to stderr synchronously, so nothing is lost when we exit right after. */
export function writeStderr(text: string): void {
  const bytes = Buffer.from(text);
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(2, bytes, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") return; // stderr closed: nothing more to say
    }
  }
}

/** Print one error line (plus extra lines) the way the classic tool does, and return its exit code. */
export function reportError(tool: string, err: unknown): number {
  if (err instanceof QuietExit) return err.exitCode;
  if (err instanceof ToolError) {
    const head = err.bare ? err.message : `${tool}: ${err.message}`;
    writeStderr([head, ...err.extra].join("\n") + "\n");
    if (debug() && err.stack) writeStderr(err.stack + "\n");
    return err.exitCode;
  }
  const msg = err instanceof Error ? err.message : String(err);
  writeStderr(`${tool}: ${msg}\n`);
  if (debug() && err instanceof Error && err.stack) writeStderr(err.stack + "\n");
  return 1;
}

/**
 * Run a tool's main function. It resolves to an exit code (or undefined for 0); any thrown error is
 * reported once and mapped to its exit code. A tool that writes through process.stdout passes
 * `{ processStdout: true }` so it is flushed before exit; the others never touch process.stdout, whose
 * first use costs a compiled Bun binary about 30 ms of start-up.
 */
export async function runTool(
  tool: string,
  main: (argv: string[]) => Promise<number | void>,
  o: { processStdout?: boolean } = {},
): Promise<never> {
  let code: number;
  try {
    code = (await main(process.argv.slice(2))) ?? 0;
  } catch (err) {
    code = reportError(tool, err);
  }
  if (o.processStdout) await flushStdout();
  process.exit(code);
}

/** Resolve once everything written to process.stdout has been handed to the kernel. */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableLength === 0) return resolve();
    process.stdout.write("", () => resolve());
  });
}
