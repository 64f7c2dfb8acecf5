// tsss: entry point (being written this session).
import { runTool } from "../lib/cli/run.ts";
import { ToolError } from "../lib/cli/error.ts";
import { versionLine } from "../lib/cli/version.ts";

await runTool("tsss", async (argv) => {
  if (argv[0] === "--version") return void console.log(versionLine("tsss"));
  throw new ToolError("not built yet", 1);
});
