// Test harness: one live capture (optionally written with openWriter) driven by a JSON argument, as tsshark will drive it.
// Usage: bun test/capture/capture-cli.ts '{"interfaces":["lo"],"count":5,"write":{"path":"x.pcapng","format":"pcapng"},"readyFile":"..."}'
import { writeFileSync } from "node:fs";
import { runTool } from "../../lib/cli/run.ts";
import { openCapture, type CaptureOptions } from "../../lib/capture/open.ts";
import { captureBanner, captureSummary } from "../../lib/capture/messages.ts";
import { openWriter, type WriterOptions } from "../../lib/pcap/writer.ts";

interface HarnessOptions extends CaptureOptions {
  write?: Omit<WriterOptions, "interfaces" | "onAutostop">;
  /** created once the handles are active, so a test knows packets will now be seen */
  readyFile?: string;
}

await runTool("tsshark", async (argv) => {
  const o = JSON.parse(argv[0] ?? "{}") as HarnessOptions;
  const session = await openCapture({ ...o, onStart: (names) => process.stderr.write(captureBanner(names) + "\n") });
  const writer = o.write ? await openWriter({ ...o.write, interfaces: session.interfaces, onAutostop: () => session.stop() }) : undefined;
  if (o.readyFile) writeFileSync(o.readyFile, "ready\n");
  for await (const f of session.frames) {
    if (writer) writer.write(f);
    else process.stdout.write(`${f.iface}\t${f.linktype}\t${f.caplen}\t${f.len}\n`);
  }
  await writer?.close();
  process.stderr.write(captureSummary(session.stats()) + "\n");
});
