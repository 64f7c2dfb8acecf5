// The load generator: N connections each send line requests (K in flight) to any line-echo server and time every reply.
import type { Socket } from "bun";
import { ToolError } from "../cli/error.ts";
import { familyOf, hostPort, pyAddr, unmapped } from "./endpoint.ts";
import type { BenchResult } from "./latency-report.ts";
import { codeOf, refused } from "./teach.ts";
import type { Trace } from "./trace.ts";
import { writeQueue } from "./write-queue.ts";

export interface BenchConfig {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  /** requests per connection (ignored when a duration is given) */
  readonly requests: number;
  /** bytes per request, newline included */
  readonly size: number;
  readonly pipeline: number;
  /** run for this many seconds instead of a request count; 0 = use the count */
  readonly durationS: number;
  readonly udp: boolean;
  /** UDP: a request with no reply after this long counts as lost */
  readonly timeoutMs: number;
  /** --trace: each connection's setup and close (not every request: that would drown the numbers) */
  readonly trace: Trace;
}

/** One request: size-1 lower-case letters and '\n', so an upper-casing server has work to do. */
export function requestBytes(size: number): Uint8Array {
  const b = new Uint8Array(size).fill(0x61);
  for (let i = 0; i < size; i++) b[i] = 0x61 + (i % 26);
  b[size - 1] = 0x0a;
  return b;
}

/** Latencies grow into a typed array, doubling as needed. */
function recorder() {
  let buf = new Float64Array(1 << 16);
  let n = 0;
  return {
    add(v: number) {
      if (n === buf.length) {
        const next = new Float64Array(buf.length * 2);
        next.set(buf);
        buf = next;
      }
      buf[n++] = v;
    },
    get count() {
      return n;
    },
    values: () => buf.subarray(0, n),
  };
}

export async function runBench(cfg: BenchConfig): Promise<BenchResult> {
  const lat = recorder();
  const req = requestBytes(cfg.size);
  const t0 = performance.now();
  const deadline = cfg.durationS > 0 ? t0 + cfg.durationS * 1000 : Infinity;
  const perConn = cfg.durationS > 0 ? Infinity : cfg.requests;
  const counts = { errors: 0, lost: 0, connects: 0 };
  await Promise.all(Array.from({ length: cfg.connections }, () => (cfg.udp ? udpWorker : tcpWorker)(cfg, req, perConn, deadline, lat, counts)));
  const seconds = (performance.now() - t0) / 1000;
  return {
    target: hostPort(cfg.host, cfg.port), transport: cfg.udp ? "udp" : "tcp", connections: cfg.connections, size: cfg.size,
    pipeline: cfg.pipeline, completed: lat.count, errors: counts.errors, lost: counts.lost, seconds, latenciesMs: lat.values(),
    connects: cfg.udp ? cfg.connections : counts.connects,
  };
}

type Recorder = ReturnType<typeof recorder>;

/**
 * One TCP client: keep `pipeline` requests in flight; every '\n' that comes back completes the oldest. A server that
 * closes after answering everything sent (the course's server answers once per connection) is connected to again.
 */
async function tcpWorker(cfg: BenchConfig, req: Uint8Array, total: number, deadline: number, lat: Recorder, counts: { errors: number; connects: number }): Promise<void> {
  let issued = 0;
  const t = cfg.trace;
  for (;;) {
    const outcome = await tcpSession(cfg, req, total - issued, deadline, lat);
    counts.connects++;
    issued += outcome.sent;
    t.call("close()", undefined, `after ${outcome.sent} request${outcome.sent === 1 ? "" : "s"}${outcome.end === "server-closed" ? ", closed by the server" : ""}`);
    if (outcome.end === "broken") return void counts.errors++;
    if (outcome.end === "finished" || issued >= total || performance.now() >= deadline) return;
  }
}

type SessionEnd = "finished" | "server-closed" | "broken";

/** One connection's life: how many requests it used up (answered, when the server closed it), and how it ended. */
async function tcpSession(cfg: BenchConfig, req: Uint8Array, budget: number, deadline: number, lat: Recorder): Promise<{ sent: number; end: SessionEnd }> {
  const sentAt: number[] = [];
  let head = 0;
  let sent = 0;
  /** requests answered before the last pruning of sentAt */
  let pruned = 0;
  let weEnded = false;
  let done!: (end: SessionEnd) => void;
  const finished = new Promise<SessionEnd>((r) => (done = r));
  let q: ReturnType<typeof writeQueue>;
  const finish = (s: Socket<undefined>) => {
    weEnded = true;
    s.end();
  };
  const more = (s: Socket<undefined>) => {
    const now = performance.now();
    while (pruned + sent < budget && sent - head < cfg.pipeline && now < deadline) {
      sentAt.push(performance.now());
      sent++;
      q.write(req);
    }
    if (sent - head === 0) finish(s);
  };
  let socket: Socket<undefined>;
  try {
    socket = await Bun.connect({
      hostname: cfg.host,
      port: cfg.port,
      allowHalfOpen: true,
      socket: {
        data(s, data) {
          const now = performance.now();
          for (let i = data.indexOf(0x0a); i >= 0; i = data.indexOf(0x0a, i + 1)) {
            if (head < sentAt.length) lat.add(now - sentAt[head++]!);
          }
          if (head > 4096) {
            sentAt.splice(0, head);
            sent -= head;
            pruned += head;
            head = 0;
          }
          if (!weEnded) more(s);
        },
        drain: () => q.drain(),
        // a server that answered and then closed (the course's, once per connection) may have crossed our next request
        close: () => done(weEnded ? "finished" : pruned + head > 0 ? "server-closed" : "broken"),
        error: () => {},
      },
    });
  } catch (e) {
    if (codeOf(e) === "ECONNREFUSED") throw refused(cfg.host, cfg.port, "tcp");
    throw new ToolError(`cannot connect to ${hostPort(cfg.host, cfg.port)}: ${codeOf(e) ?? (e as Error).message}`, 1);
  }
  socket.setNoDelay(true);
  const t = cfg.trace;
  if (t.calls) {
    t.call(`socket(${familyOf(cfg.host)}, SOCK_STREAM)`);
    t.call(`connect(${pyAddr(cfg.host, cfg.port)})`, `connected from ${pyAddr(unmapped(socket.localAddress), socket.localPort)}`);
  }
  q = writeQueue(socket as Socket<unknown>);
  more(socket);
  const end = await finished;
  // requests the server never answered before closing are sent again on the next connection
  return { sent: end === "server-closed" ? pruned + head : pruned + sent, end };
}

/** One UDP socket: datagrams of `size` bytes; a reply completes the oldest request, silence past the timeout loses it. */
async function udpWorker(cfg: BenchConfig, req: Uint8Array, total: number, deadline: number, lat: Recorder, counts: { lost: number }): Promise<void> {
  const sentAt: number[] = [];
  let sent = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const v6 = cfg.host.includes(":");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sock = await Bun.udpSocket({
    hostname: v6 ? "::" : "0.0.0.0",
    port: 0,
    binaryType: "uint8array",
    connect: { hostname: cfg.host, port: cfg.port },
    socket: {
      data() {
        const t = sentAt.shift();
        if (t !== undefined) lat.add(performance.now() - t);
        pump();
      },
      error() {},
    },
  });
  const expire = () => {
    const now = performance.now();
    while (sentAt.length && now - sentAt[0]! >= cfg.timeoutMs) {
      sentAt.shift();
      counts.lost++;
    }
    pump();
  };
  function pump() {
    const now = performance.now();
    while (sent < total && sentAt.length < cfg.pipeline && now < deadline) {
      sentAt.push(now);
      sent++;
      sock.send(req);
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!sentAt.length) {
      sock.close();
      done();
      return;
    }
    timer = setTimeout(expire, cfg.timeoutMs);
  }
  if (cfg.trace.calls) {
    cfg.trace.call(`socket(${familyOf(cfg.host)}, SOCK_DGRAM)`);
    cfg.trace.call(`connect(${pyAddr(cfg.host, cfg.port)})`, `from ${pyAddr(unmapped(sock.address.address), sock.port)}`, "a connected UDP socket: send() needs no address, and only the server's datagrams arrive");
  }
  pump();
  await finished;
  cfg.trace.call("close()", undefined, `after ${sent} requests`);
}
