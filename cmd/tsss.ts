// tsss: ss and netstat in one binary; `netstat` (by name or --netstat) selects net-tools' views.
import { basename } from "node:path";
import { reportError } from "../lib/cli/run.ts";
import { ssMain } from "../lib/sockets/ss-main.ts";
import { netstatMain } from "../lib/sockets/netstat-main.ts";

const asNetstat = basename(process.argv0) === "netstat" || basename(process.argv[1] ?? "") === "netstat";
const tool = asNetstat ? "netstat" : "tsss";

// Output goes through Bun.write in order: a 20,000-line listing is one buffer, and we skip node's stream setup.
let pending: Promise<unknown> = Promise.resolve();
let stdoutGone = false;
const write = (s: string | Uint8Array): void => {
  pending = pending.then(() => (stdoutGone ? 0 : Bun.write(Bun.stdout, s))).catch(() => (stdoutGone = true));
};

let code: number;
try {
  const argv = process.argv.slice(2);
  const i = argv.indexOf("--netstat");
  code = asNetstat
    ? await netstatMain(argv, write)
    : i >= 0
      ? await netstatMain([...argv.slice(0, i), ...argv.slice(i + 1)], write)
      : await ssMain(argv, "tsss", write);
} catch (err) {
  await pending;
  code = reportError(tool, err);
}
await pending;
process.exit(code);
