// The one error type every tool throws: a message in the classic tool's words and its exit code.

export class ToolError extends Error {
  /**
   * @param message  printed as "<tool>: <message>" unless `bare` (then printed as is, e.g. ncat's "Ncat: ...")
   * @param exitCode the classic tool's exit status for this situation
   * @param extra    further lines printed after the message (usage text, hints)
   */
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly extra: readonly string[] = [],
    readonly bare = false,
  ) {
    super(message);
    this.name = "ToolError";
  }
}

/** Exit quietly with a status (a failed connect without -v prints nothing, as nc does). */
export class QuietExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "QuietExit";
  }
}
