// Shared by tsnc's differential tests: run nc and tsnc on the same input, normalise the prefix, and small loopback peers.
import { ours, run, type RunOptions, type RunResult } from "../support/proc.ts";

export const tsnc = (...args: string[]) => [...ours("tsnc"), ...args];
export const nc = (...args: string[]) => ["nc", ...args];

/** stderr as nc would have printed it: our prefix back to nc's, our hint lines (extra by design) dropped. */
export function asNc(stderr: string): string {
  return stderr
    .split("\n")
    .filter((l) => !l.startsWith("tsnc: hint:"))
    .map((l) => l.replace(/^tsnc: /, "nc: ").replace(/^usage: tsnc /, "usage: nc "))
    .join("\n");
}

/** Run the same arguments under nc and tsnc (one after the other, so ports and peers see the same thing). */
export async function both(args: string[], o: RunOptions = {}): Promise<{ theirs: RunResult; mine: RunResult }> {
  const theirs = await run(nc(...args), o);
  const mine = await run(tsnc(...args), o);
  return { theirs, mine };
}

/** What a peer saw from one connection. */
export interface Seen {
  bytes: Uint8Array;
  gotEof: boolean;
}

/**
 * A loopback TCP server for tests. `reply` decides what to send back for everything received so far;
 * `closeOnEof` closes after answering the client's FIN, otherwise the connection stays open.
 */
export function tcpPeer(o: { reply?: (all: Uint8Array) => Uint8Array; closeOnEof?: boolean; greet?: Uint8Array; closeAfterGreet?: boolean } = {}) {
  const seen: Seen[] = [];
  const listener = Bun.listen<{ chunks: Uint8Array[]; seen: Seen }>({
    hostname: "127.0.0.1",
    port: 0,
    allowHalfOpen: true,
    socket: {
      open(s) {
        s.data = { chunks: [], seen: { bytes: new Uint8Array(), gotEof: false } };
        seen.push(s.data.seen);
        if (o.greet) s.write(o.greet);
        if (o.closeAfterGreet) s.end();
      },
      data(s, d) {
        s.data.chunks.push(new Uint8Array(d));
        s.data.seen.bytes = Buffer.concat(s.data.chunks);
      },
      end(s) {
        s.data.seen.gotEof = true;
        if (o.reply) s.write(o.reply(s.data.seen.bytes));
        if (o.closeOnEof) s.end();
      },
    },
  });
  return { port: listener.port, seen, stop: () => listener.stop(true) };
}

export const upper = (b: Uint8Array) => new TextEncoder().encode(new TextDecoder().decode(b).toUpperCase());

/** A unique path under /tmp for a unix socket of this test process. */
export const sockPath = (tag: string) => `/tmp/tsnc-test-${process.pid}-${tag}-${Math.random().toString(36).slice(2, 8)}.sock`;
