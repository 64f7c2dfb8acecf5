// Measures the bare read loop (no dissection): frames/s and peak RSS. `bun test/pcap/read-speed.ts FILE [runs]`
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";

const [path, runsArg] = process.argv.slice(2);
if (!path) {
  console.error("usage: bun test/pcap/read-speed.ts FILE [runs=3]");
  process.exit(2);
}
let best = Infinity;
let frames = 0;
let bytes = 0;
for (let r = 0; r < Number(runsArg ?? 3); r++) {
  const t0 = performance.now();
  const f = await openCaptureFile(path);
  frames = 0;
  bytes = 0;
  for await (const fr of f.frames) {
    frames++;
    bytes += fr.caplen;
  }
  best = Math.min(best, performance.now() - t0);
}
const rssMiB = process.resourceUsage().maxRSS / 1024;
console.log(`${frames} frames, ${(bytes / 1e6).toFixed(1)} MB in ${best.toFixed(0)} ms: ${(frames / (best / 1000) / 1e6).toFixed(2)} M frames/s, peak RSS ${rssMiB.toFixed(0)} MiB`);
