// Test support: run real tshark on a file and cut out one protocol's block from its -V / json / pdml / ek output.
import { run } from "../support/proc.ts";

const env = { TZ: "UTC" };

/** tshark's stdout for these arguments (stderr's "Running as root" notice is ignored). */
export async function tshark(args: readonly string[]): Promise<string> {
  const r = await run(["tshark", ...args], { env, timeoutMs: 60_000 });
  return r.out;
}

/** The lines of each top-level subtree of -V text whose first line starts with `title`, per packet. */
export function treeBlocks(text: string, title: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith(title)) {
      if (cur) out.push(cur.join("\n"));
      cur = [line];
    } else if (cur && line.startsWith("    ")) cur.push(line);
    else if (cur) {
      out.push(cur.join("\n"));
      cur = null;
    }
  }
  if (cur) out.push(cur.join("\n"));
  return out;
}

/** Blocks of pretty JSON or PDML that open with `opener` and close at the same indentation. */
export function indentedBlocks(text: string, opener: string, closer: string): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.trimStart().startsWith(opener)) continue;
    const indent = l.length - l.trimStart().length;
    const block = [l];
    for (let j = i + 1; j < lines.length; j++) {
      const m = lines[j]!;
      block.push(m);
      if (m.length - m.trimStart().length === indent && m.trimStart().startsWith(closer)) break;
    }
    out.push(block.join("\n"));
  }
  return out;
}
