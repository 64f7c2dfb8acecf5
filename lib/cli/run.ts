// runTool: the shell of every binary; prints "<tool>: <message>" for a ToolError and exits with its code.
import { QuietExit, ToolError } from "./error.ts";

const debug = () => process.env.TSNET_DEBUG === "1";

/** Write everything to stderr synchronously, so nothing is lost when we exit right after. */
export function writeStderr(text: string): void {
  process.stderr.write(text);
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
 * reported once and mapped to its exit code. Stdout is flushed before exiting.
 */
export async function runTool(tool: string, main: (argv: string[]) => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await main(process.argv.slice(2))) ?? 0;
  } catch (err) {
    code = reportError(tool, err);
  }
  await flushStdout();
  process.exit(code);
}

/** Resolve once everything written to process.stdout has been handed to the kernel. */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableLength === 0) return resolve();
    process.stdout.write("", () => resolve());
  });
}
