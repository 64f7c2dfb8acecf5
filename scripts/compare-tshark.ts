// Report how far tsshark agrees with real tshark on the core capture corpus (summary lines and -T fields).
// Usage: bun scripts/compare-tshark.ts [--write] [--verbose] [files...]
//   --write    rewrite test/e2e/tsshark-agree.txt with the files that agree exactly (the list only grows: review the diff)
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const repo = join(import.meta.dir, "..");
const shared = join(repo, "..", "shared", "captures");
export const CORE_FIELDS = [
  "frame.number", "frame.len", "frame.cap_len", "frame.protocols", "eth.src", "eth.dst", "eth.type", "ip.src", "ip.dst", "ip.proto",
  "ip.ttl", "ip.len", "ip.id", "ip.flags", "ip.hdr_len", "ip.checksum", "tcp.srcport", "tcp.dstport", "tcp.seq", "tcp.ack", "tcp.flags",
  "tcp.len", "tcp.stream", "tcp.window_size", "tcp.hdr_len", "udp.srcport", "udp.dstport", "udp.length", "udp.stream", "data.len",
];

/** The command lines compared for one capture: the default summary and -T fields over CORE_FIELDS. */
export function comparisons(file: string): string[][] {
  return [["-r", file], ["-r", file, "-T", "fields", ...CORE_FIELDS.flatMap((f) => ["-e", f])]];
}

async function output(cmd: string[]): Promise<string> {
  const p = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", env: { ...process.env, TZ: "UTC" } });
  const out = await new Response(p.stdout).text();
  await p.exited;
  return out;
}

export async function compareFile(file: string, ours: string[]): Promise<{ agree: boolean; diffs: string[] }> {
  const diffs: string[] = [];
  for (const args of comparisons(file)) {
    const [a, b] = await Promise.all([output(["tshark", ...args]), output([...ours, ...args])]);
    if (a === b) continue;
    const la = a.split("\n"), lb = b.split("\n");
    for (let i = 0; i < Math.max(la.length, lb.length); i++) {
      if (la[i] !== lb[i]) {
        diffs.push(`${args.includes("fields") ? "fields" : "summary"} line ${i + 1}:\n  tshark : ${la[i]}\n  tsshark: ${lb[i]}`);
        break;
      }
    }
  }
  return { agree: diffs.length === 0, diffs };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const write = args.includes("--write");
  const verbose = args.includes("--verbose");
  const named = args.filter((a) => !a.startsWith("--"));
  const files = named.length ? named : readFileSync(join(shared, "tcpdump-core.txt"), "utf8").split("\n").filter(Boolean);
  const ours = [process.execPath, join(repo, "cmd", "tsshark.ts")];
  const agreeing: string[] = [];
  for (const f of files) {
    const path = join(shared, "tcpdump", f);
    if (!existsSync(path)) continue;
    const r = await compareFile(path, ours);
    if (r.agree) agreeing.push(f);
    console.log(`${r.agree ? "agree" : "DIFF "} ${f}`);
    if (!r.agree && verbose) console.log(r.diffs.join("\n"));
  }
  console.log(`${agreeing.length}/${files.length} files agree with tshark (${((100 * agreeing.length) / files.length).toFixed(1)}%)`);
  if (write) writeFileSync(join(repo, "test", "e2e", "tsshark-agree.txt"), agreeing.join("\n") + "\n");
}
