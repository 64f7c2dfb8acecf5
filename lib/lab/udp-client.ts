// The UDP client: the course's sendto/recvfrom, and --reliable, a stop-and-wait layer (sequence numbers, timeout, retries) on top.
import { ToolError } from "../cli/error.ts";
import { pyBytes } from "./bytes-view.ts";
import { familyOf, hostPort, pyAddr, unmapped } from "./endpoint.ts";
import { fromServerLine, messages, type MessageSource } from "./messages.ts";
import { splitSeq, withSeq } from "./reliable-header.ts";
import type { Trace } from "./trace.ts";

export interface UdpClientConfig {
  readonly host: string;
  readonly port: number;
  readonly source: MessageSource;
  readonly trace: Trace;
  /** how long to wait for a reply (per try with --reliable) */
  readonly timeoutMs: number;
  /** --reliable: retransmissions allowed per message; undefined = plain UDP, as the course's client */
  readonly retries?: number;
  readonly bufsize: number;
  readonly log: (line: string) => void;
  readonly output: (bytes: Uint8Array) => void;
}

/** What the reliable layer did, reported at the end. */
export interface ReliableReport {
  messages: number;
  retransmissions: number;
  ignored: number;
}

export async function runUdpClient(cfg: UdpClientConfig): Promise<ReliableReport> {
  const { trace } = cfg;
  const inbox: { data: Uint8Array; from: string }[] = [];
  let icmpRefused = false;
  let wake = () => {};
  const v6 = familyOf(cfg.host) === "AF_INET6";
  trace.call(`socket(${v6 ? "AF_INET6" : "AF_INET"}, SOCK_DGRAM)`, undefined, "no connect(): each sendto names the server");
  const sock = await Bun.udpSocket({
    hostname: v6 ? "::" : "0.0.0.0",
    port: 0,
    binaryType: "uint8array",
    socket: {
      data(_s, buf, port, addr) {
        inbox.push({ data: buf, from: pyAddr(unmapped(addr), port) });
        wake();
      },
      error(...args: unknown[]) {
        const err = args[args.length - 1] as { code?: string };
        if (err?.code === "ECONNREFUSED") icmpRefused = true;
        wake();
      },
    },
  });
  const server = pyAddr(cfg.host, cfg.port);
  const next = (ms: number) =>
    new Promise<{ data: Uint8Array; from: string } | undefined>((resolve) => {
      const take = () => {
        const d = inbox.shift();
        if (d || icmpRefused) {
          clearTimeout(timer);
          wake = () => {};
          resolve(d);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        wake = () => {};
        resolve(inbox.shift());
      }, ms);
      if (!take()) wake = () => void take();
    });
  const refusedError = () =>
    new ToolError(`nothing is listening on UDP port ${cfg.port} at ${cfg.host}: the host answered "port unreachable" (ICMP)`, 1, [
      `  start a server with: echo-lab udp-server --port ${cfg.port}`,
    ]);
  const sendto = (d: Uint8Array, note?: string) => {
    trace.call(`sendto(${pyBytes(d, 40)}, ${server})`, `${d.length} bytes`, note);
    trace.wire("sent", d);
    sock.send(d, cfg.port, cfg.host);
  };
  const report: ReliableReport = { messages: 0, retransmissions: 0, ignored: 0 };
  let seq = 0;
  try {
    for await (const msg of messages(cfg.source)) {
      report.messages++;
      if (cfg.retries === undefined) {
        sendto(msg, !msg.length ? "an empty datagram is still a datagram" : undefined);
        const got = await next(cfg.timeoutMs);
        if (!got) {
          if (icmpRefused) throw refusedError();
          throw new ToolError(`no reply from ${hostPort(cfg.host, cfg.port)} within ${cfg.timeoutMs / 1000} s`, 1, [
            "  UDP never tells the sender whether a datagram arrived: the request or the reply may be lost, or no server runs there.",
            "  --reliable adds sequence numbers, a timeout and retries, as any reliable protocol over UDP must.",
          ]);
        }
        trace.call(`recvfrom(${cfg.bufsize})`, `(${pyBytes(got.data, 40)}, ${got.from})`);
        trace.wire("received", got.data);
        cfg.output(fromServerLine(got.data));
        continue;
      }
      seq++;
      const datagram = withSeq(seq, msg);
      let reply: Uint8Array | undefined;
      for (let attempt = 0; attempt <= cfg.retries && !reply; attempt++) {
        if (attempt) {
          report.retransmissions++;
          trace.note(`no reply to #${seq} within ${cfg.timeoutMs} ms: retransmitting (try ${attempt + 1} of ${cfg.retries + 1})`);
        }
        sendto(datagram, attempt ? "retransmission" : `sequence number ${seq}`);
        const deadline = Date.now() + cfg.timeoutMs;
        while (!reply) {
          const got = await next(Math.max(0, deadline - Date.now()));
          if (!got) break;
          const h = splitSeq(got.data);
          trace.call(`recvfrom(${cfg.bufsize})`, `(${pyBytes(got.data, 40)}, ${got.from})`, h?.seq === seq ? `the reply to #${seq}` : "not the reply we wait for: ignored (a duplicate or a late reply)");
          trace.wire("received", got.data);
          if (h?.seq === seq) reply = h.payload;
          else report.ignored++;
        }
        if (icmpRefused && !reply) throw refusedError();
      }
      if (!reply)
        throw new ToolError(`gave up on message #${seq} after ${cfg.retries} retransmissions: no reply from ${hostPort(cfg.host, cfg.port)}`, 1);
      cfg.output(fromServerLine(reply));
    }
  } finally {
    trace.call("close()");
    sock.close();
  }
  if (cfg.retries !== undefined)
    cfg.log(`reliable: ${report.messages} message${report.messages === 1 ? "" : "s"} delivered in order, ${report.retransmissions} retransmission${report.retransmissions === 1 ? "" : "s"}, ${report.ignored} duplicate or late repl${report.ignored === 1 ? "y" : "ies"} ignored`);
  return report;
}
