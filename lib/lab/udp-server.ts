// The UDP server: the course's recvfrom/upper/sendto loop, with an optional lossy network in front of it.
import { pyBytes } from "./bytes-view.ts";
import { familyOf, pyAddr, unmapped } from "./endpoint.ts";
import { lossyNetwork, type LossyOptions } from "./lossy-network.ts";
import { MODES, type Mode, type ModeName } from "./modes.ts";
import { splitSeq } from "./reliable-header.ts";
import { bindError } from "./teach.ts";
import type { Trace } from "./trace.ts";

export interface UdpServerConfig {
  readonly host: string;
  readonly port: number;
  readonly mode: ModeName;
  readonly lossy: LossyOptions;
  /** the size passed to recvfrom, as the course's recvfrom(2048) */
  readonly bufsize: number;
  readonly trace: Trace;
  readonly log: (line: string) => void;
}

export interface RunningUdpServer {
  readonly port: number;
  readonly done: Promise<void>;
  stop(): void;
}

/** The reply to one datagram; a reliable client's "#seq " header is kept and only the text after it transformed. */
export function udpReply(mode: Mode, datagram: Uint8Array): Uint8Array | undefined {
  const seq = splitSeq(datagram);
  if (!seq) return mode.reply(datagram);
  const r = mode.reply(seq.payload);
  if (r === undefined) return undefined;
  const out = new Uint8Array(seq.head.length + r.length);
  out.set(seq.head);
  out.set(r, seq.head.length);
  return out;
}

export async function startUdpServer(cfg: UdpServerConfig): Promise<RunningUdpServer> {
  const { trace } = cfg;
  const mode: Mode = MODES[cfg.mode];
  const net = lossyNetwork(cfg.lossy);
  trace.call(`socket(${familyOf(cfg.host)}, SOCK_DGRAM)`, undefined, "no listen() and no accept(): one socket serves every client");
  let sock: Bun.udp.Socket<"uint8array">;
  try {
    sock = await Bun.udpSocket({
      hostname: cfg.host,
      port: cfg.port,
      binaryType: "uint8array",
      socket: {
        data(s, buf, port, addr) {
          const from = pyAddr(unmapped(addr), port);
          if (!net.incoming()) {
            trace.note(`simulated loss: a datagram from ${from} never arrived (${buf.length} bytes)`);
            return;
          }
          trace.call(`recvfrom(${cfg.bufsize})`, `(${pyBytes(buf, 40)}, ${from})`, "the client's address comes with every datagram");
          if (buf.length > cfg.bufsize)
            trace.note(`this ${buf.length}-byte datagram is longer than ${cfg.bufsize}: the course's recvfrom(${cfg.bufsize}) would silently cut it short; echo-lab keeps all of it`);
          trace.wire("received", buf);
          const reply = udpReply(mode, buf);
          if (reply === undefined) return trace.note(`${cfg.mode} mode: no reply`);
          const fate = net.outgoing();
          if (fate.lost) return trace.note(`simulated loss: the reply to ${from} is lost on the way`);
          const send = () => {
            for (let i = 0; i < fate.copies; i++) {
              trace.call(`sendto(${pyBytes(reply, 40)}, ${from})`, `${reply.length} bytes`, i ? "simulated duplicate" : fate.delayMs ? `held back ${fate.delayMs} ms (simulated reordering)` : undefined);
              trace.wire("sent", reply);
              s.send(reply, port, addr);
            }
          };
          if (fate.delayMs) setTimeout(send, fate.delayMs);
          else send();
        },
        error(...args: unknown[]) {
          // ICMP errors for clients that left reach an unconnected socket too (Bun sets IP_RECVERR); they are not ours to die of
          const err = args[args.length - 1] as Error;
          trace.note(`ICMP error from the network: ${err?.message ?? String(err)} (a client went away before its reply)`);
        },
      },
    });
  } catch (e) {
    throw bindError(e, "udp", cfg.host, cfg.port);
  }
  trace.call(`bind(${pyAddr(cfg.host, cfg.port)})`, cfg.port === 0 ? `port ${sock.port} chosen by the system` : undefined);
  if (net.active) cfg.log(`simulating a lossy network: drop ${cfg.lossy.drop}, duplicate ${cfg.lossy.duplicate}${cfg.lossy.reorder ? ", reorder" : ""}`);
  let stopped!: () => void;
  const done = new Promise<void>((r) => (stopped = r));
  return {
    port: sock.port,
    done,
    stop() {
      sock.close();
      stopped();
    },
  };
}
