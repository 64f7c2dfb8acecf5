// tsshark's filter compiler against tshark 4.0.17: same acceptance, same error lines, same exit code, on the same filters.
import { expect } from "bun:test";
import { join } from "node:path";
import { needs, sharedDir } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { compileDisplayFilter } from "../../lib/filter/compile.ts";
import { FilterError } from "../../lib/filter/error.ts";
import { SYNTAX_CASES } from "./syntax-cases.ts";

const { describe, test } = needs("shared", "tool:tshark");
const file = join(sharedDir, "captures", "tcpdump", "LINKTYPE_IPV4.pcap");

/** What tshark says about a filter: exit code and its stderr lines without the root warning. */
async function theirs(filter: string): Promise<{ code: number; lines: string[] }> {
  const r = await run(["tshark", "-r", file, "-Y", filter, "-c", "1", "-T", "fields", "-e", "frame.number"], { timeoutMs: 30_000 });
  const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("Running as user") && !l.includes("looks like a valid capture filter") && !l.includes("maybe you mixed them up?"));
  return { code: r.code ?? -1, lines };
}

function ours(filter: string): { code: number; lines: string[] } {
  try {
    compileDisplayFilter(filter);
    return { code: 0, lines: [] };
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    return { code: e.exitCode, lines: [`tshark: ${e.message}`, ...e.extra] };
  }
}

describe("display filter syntax and errors match tshark", () => {
  test("every case", async () => {
    const failures: string[] = [];
    for (let i = 0; i < SYNTAX_CASES.length; i += 8) {
      const batch = SYNTAX_CASES.slice(i, i + 8);
      const results = await Promise.all(batch.map(theirs));
      batch.forEach((f, k) => {
        const t = results[k]!, o = ours(f);
        if (t.code !== o.code || t.lines.join("\n") !== o.lines.join("\n")) failures.push(`${JSON.stringify(f)}\n  tshark: ${t.code} ${JSON.stringify(t.lines)}\n  ours:   ${o.code} ${JSON.stringify(o.lines)}`);
      });
    }
    expect(failures.join("\n")).toBe("");
  }, 300_000);
});
