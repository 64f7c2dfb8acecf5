// Measures the bare read loop (no dissection) frame by frame and batch by batch: frames/s and peak RSS.
// Usage: bun test/pcap/read-speed.ts FILE [runs=3]
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";

const [path, runsArg] = process.argv.slice(2);
if (!path) {
  console.error("usage: bun test/pcap/read-speed.ts FILE [runs=3]");
  process.exit(2);
}

/** CPU milliseconds (user + system) of this process: steadier than wall time on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function loop(mode: "frames" | "batches"): Promise<{ ms: number; cpu: number; frames: number }> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const f = await openCaptureFile(path!);
  let frames = 0;
  let bytes = 0;
  if (mode === "frames") {
    for await (const fr of f.frames) {
      frames++;
      bytes += fr.caplen;
    }
  } else {
    for await (const batch of f.batches) {
      for (const fr of batch) {
        frames++;
        bytes += fr.caplen;
      }
    }
  }
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, frames: bytes >= 0 ? frames : 0 };
}

for (const mode of ["frames", "batches"] as const) {
  let best = { ms: Infinity, cpu: Infinity, frames: 0 };
  for (let r = 0; r < Number(runsArg ?? 3); r++) {
    const x = await loop(mode);
    if (x.cpu < best.cpu) best = x;
  }
  const rate = (ms: number) => (best.frames / (ms / 1000) / 1e6).toFixed(2);
  console.log(`${mode.padEnd(8)} ${best.frames} frames: ${best.cpu.toFixed(0)} ms CPU = ${rate(best.cpu)} M frames/s per CPU second (${best.ms.toFixed(0)} ms wall = ${rate(best.ms)} M/s)`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
