// Test support: record loopback traffic with tcpdump while a test talks to a local server, into a temporary pcap.
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Capture `tcp port <port>` on lo while `body` runs; returns the pcap path (the caller removes it). */
export async function captureLoopback(name: string, port: number, body: () => Promise<void>): Promise<string> {
  const path = join(tmpdir(), `tsnet-${name}-${process.pid}-${port}.pcap`);
  const dump = Bun.spawn(["tcpdump", "-i", "lo", "-U", "-n", "-w", path, `tcp port ${port}`], { stdout: "ignore", stderr: "pipe" });
  try {
    // tcpdump says "listening on lo" once the capture is open
    const reader = dump.stderr.getReader();
    let seen = "";
    const deadline = Date.now() + 5000;
    while (!seen.includes("listening on") && Date.now() < deadline) {
      const r = await Promise.race([reader.read(), Bun.sleep(5000).then(() => ({ done: true, value: undefined }))]);
      if (r.done) break;
      seen += new TextDecoder().decode(r.value);
    }
    reader.releaseLock();
    if (!seen.includes("listening on")) throw new Error(`tcpdump did not start: ${seen}`);
    await body();
    await Bun.sleep(300);
  } finally {
    dump.kill("SIGINT");
    const killer = setTimeout(() => dump.kill("SIGKILL"), 3000);
    await dump.exited;
    clearTimeout(killer);
  }
  return path;
}
