// The -v texts of nc 1.219 (byte for byte, with our prefix) and their --json twins, written to stderr.
import { jsonLine } from "../cli/json-lines.ts";
import { writeSync } from "node:fs";
import { stdoutWriter } from "./stdio.ts";
import { serviceName, type Proto } from "./services.ts";

/**
 * Write to stderr synchronously through the fd: touching process.stderr/stdout makes Bun 1.4.4 build its node
 * streams, which costs ~30 ms per run, a lot next to nc's 1.5 ms `-z`.
 */
export function writeStderr(text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let off = 0; off < bytes.length; ) off += writeSync(2, bytes, off);
}

/** How nc names a destination: the host as typed, plus "(address)" when a name was resolved. */
export const shownHost = (host: string, address: string): string => (host === address ? host : `${host} (${address})`);

/** One verbose reporter per run: prints nc's lines, or JSON lines with --json. */
export interface NcReporter {
  readonly verbose: number;
  connected(host: string, address: string, port: number, proto: Proto): void;
  connectFailed(host: string, address: string, port: number, proto: Proto, reason: string, timedOut: boolean): void;
  listening(kind: "Listening on" | "Bound on", name: string, port?: number): void;
  received(name: string, port?: number): void;
  /** -z --json result line (stdout) */
  scanned(host: string, port: number, proto: Proto, open: boolean, ms: number): void;
}

export function ncReporter(verbose: number, numeric: boolean, json: boolean): NcReporter {
  const svc = (port: number, proto: Proto) => (numeric ? "*" : serviceName(port, proto) ?? "*");
  let hinted = false;
  const event = (obj: Record<string, unknown>) => writeStderr(jsonLine(obj));
  return {
    verbose,
    connected(host, address, port, proto) {
      if (!verbose) return;
      if (json) return event({ event: "connected", host, address, port, proto });
      writeStderr(`Connection to ${shownHost(host, address)} ${port} port [${proto}/${svc(port, proto)}] succeeded!\n`);
    },
    connectFailed(host, address, port, proto, reason, timedOut) {
      if (!verbose) return;
      if (json) return event({ event: timedOut ? "timeout" : "refused", host, address, port, proto, error: reason });
      writeStderr(`tsnc: connect to ${shownHost(host, address)} port ${port} (${proto}) ${timedOut ? "timed out" : "failed"}: ${reason}\n`);
      if (reason === "Connection refused" && !hinted && (hinted = true)) writeStderr(`tsnc: hint: nothing is listening on ${address} port ${port} (${proto}); \`tsss -l${proto === "udp" ? "u" : "t"}n\` shows listeners\n`);
    },
    listening(kind, name, port) {
      if (!verbose) return;
      if (json) return event({ event: kind === "Bound on" ? "bound" : "listening", address: name, port });
      writeStderr(port === undefined ? `${kind} ${name}\n` : `${kind} ${name} ${port}\n`);
    },
    received(name, port) {
      if (!verbose) return;
      if (json) return event({ event: "connection", address: name, port });
      writeStderr(port === undefined ? `Connection received on ${name}\n` : `Connection received on ${name} ${port}\n`);
    },
    scanned(host, port, proto, open, ms) {
      void stdoutWriter().write(new TextEncoder().encode(jsonLine({ host, port, proto, open, ms: Math.round(ms * 100) / 100 })));
    },
  };
}
