// tsnc: OpenBSD netcat (Debian 1.219) flag for flag, with ncat's extras; parses flags, picks a mode, maps errors to nc's exit codes.
import { reportError } from "../lib/cli/run.ts";
import { ToolError } from "../lib/cli/error.ts";
import { versionLine, VERSION } from "../lib/cli/version.ts";
import { parseNcArgs } from "../lib/net/nc-options.ts";
import { NC_USAGE, ncHelp } from "../lib/net/nc-flags.ts";
import { ncReporter, writeStderr } from "../lib/net/nc-messages.ts";
import { runTcpClient, runUnixClient } from "../lib/net/nc-client.ts";
import { runBrokerListener, runStreamListener } from "../lib/net/nc-listen.ts";
import { runUdpClient, runUdpListener } from "../lib/net/nc-udp.ts";
import { runUnixDgramClient, runUnixDgramListener } from "../lib/net/unix-dgram.ts";
import { planSession } from "../lib/net/nc-session.ts";
import { flushOutput } from "../lib/net/stdio.ts";

async function main(argv: string[]): Promise<number> {
  const cmd = parseNcArgs(argv);
  switch (cmd.kind) {
    case "usage":
      throw new ToolError(NC_USAGE[0]!, 1, NC_USAGE.slice(1), true);
    case "help":
      writeStderr(ncHelp(VERSION).join("\n") + "\n");
      return 0;
    case "version":
      await Bun.write(Bun.stdout, versionLine("tsnc") + "\n");
      return 0;
  }
  const o = cmd.options;
  const r = ncReporter(o.verbose, o.numeric, o.json);
  const plan = await planSession(o, r);
  if (plan.hub) {
    if (o.udp) throw new ToolError("--broker and --chat work over stream sockets only", 2);
    return runBrokerListener(o, r, plan.hub, plan.admit, plan.stdin, plan.listenTls);
  }
  if (o.unix && o.udp) return o.listen ? runUnixDgramListener(o, r, plan.datagram) : runUnixDgramClient(o, r, plan.datagram);
  if (o.udp) return o.listen ? runUdpListener(o, r, plan.datagram, plan.admit) : runUdpClient(o, r, plan.datagram);
  if (o.listen) return runStreamListener(o, r, plan.stream, plan.admit, plan.concurrent, plan.listenTls);
  if (o.unix) return runUnixClient(o, plan.stream);
  return runTcpClient(o, r, plan.stream, plan.dialer, plan.resolveTarget);
}

// Not runTool: its flush touches process.stdout, which costs Bun ~30 ms of startup; tsnc writes through its own sinks.
let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (err) {
  code = reportError("tsnc", err);
}
await flushOutput();
process.exit(code);
