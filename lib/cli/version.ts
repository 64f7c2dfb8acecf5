// The suite's version, read from package.json at build time so a compiled binary needs no files beside it.
import pkg from "../../package.json" with { type: "json" };

export const VERSION: string = pkg.version;

/** The --version line of a tool, e.g. "tsnc 0.1.0 (tsnet, Bun 1.4.4)". */
export function versionLine(tool: string): string {
  return `${tool} ${VERSION} (tsnet, Bun ${Bun.version})`;
}
