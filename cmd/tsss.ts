// tsss: ss and netstat in one binary; `netstat` (by name or --netstat) selects net-tools' views.
import { basename } from "node:path";
import { runTool } from "../lib/cli/run.ts";
import { ssMain } from "../lib/sockets/ss-main.ts";
import { netstatMain } from "../lib/sockets/netstat-main.ts";

const asNetstat = basename(process.argv0) === "netstat" || basename(process.argv[1] ?? "") === "netstat";
const write = (s: string) => void process.stdout.write(s);

await runTool(asNetstat ? "netstat" : "tsss", async (argv) => {
  if (asNetstat) return netstatMain(argv, write);
  const i = argv.indexOf("--netstat");
  if (i >= 0) return netstatMain([...argv.slice(0, i), ...argv.slice(i + 1)], write);
  return ssMain(argv, "tsss", write);
});
