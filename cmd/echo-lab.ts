// echo-lab: entry point (being written this session).
import { runTool } from "../lib/cli/run.ts";
import { ToolError } from "../lib/cli/error.ts";
import { versionLine } from "../lib/cli/version.ts";

await runTool("echo-lab", async (argv) => {
  if (argv[0] === "--version") return void console.log(versionLine("echo-lab"));
  throw new ToolError("not built yet", 1);
});
