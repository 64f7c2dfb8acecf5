// The stdin <-> socket relay with nc 1.219's EOF and half-close rules (classic-tools.md §1.3), plus ncat's one-way modes.
//
// The rules, as nc's readwrite() states them:
//  - stdin at EOF and its bytes all sent: the net-out side is done; with -N (or -q N) we send a FIN first.
//  - net at EOF and its bytes all written: stdout is done.
//  - both done: finish. A listener also finishes once the net side is done, whatever stdin does.
//  - -q N waits N seconds after that before exiting; a UDP peer never sends EOF, so for UDP the wait starts at stdin EOF.
//  - -w N (not with -l): finish after N seconds with no traffic in either direction.
//  - -d: stdin is never read, so there is no stdin EOF and -N never sends a FIN (measured on nc 1.219).
import type { ByteStream } from "./stream.ts";
import type { ByteSink, ByteSource } from "./stdio.ts";
import { crlfConverter } from "./crlf.ts";
import { telnetReplies } from "./telnet.ts";

export interface RelayOptions {
  readonly noStdin: boolean; // -d, --recv-only
  readonly shutdownOnEof: boolean; // -N, -q
  readonly quitSec: number; // -q (negative: never)
  readonly idleMs?: number; // -w (client only) or --idle-timeout
  readonly intervalSec: number; // -i: pause after each line sent
  readonly crlf: boolean; // -C
  readonly telnet: boolean; // -t
  readonly recvLimit?: number; // -W: stop after this many reads
  readonly listen: boolean; // a listener ends when the net side ends
  readonly datagram: boolean; // UDP: no EOF from the net
  readonly sendOnly: boolean; // --send-only: discard what arrives, finish at stdin EOF
  readonly recvOnly: boolean; // --recv-only
}

export type RelayEnd = "done" | "idle" | "limit" | "error";

const LF = 10;


/** Split after each LF, so -i can pause between lines. */
function lines(chunk: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] === LF) (out.push(chunk.subarray(start, i + 1)), (start = i + 1));
  if (start < chunk.length) out.push(chunk.subarray(start));
  return out;
}

/** Relay until nc would stop; resolves with why. The caller closes the stream. */
export async function relay(stream: ByteStream, stdin: ByteSource, stdout: ByteSink, o: RelayOptions): Promise<RelayEnd> {
  let stdinDone = o.noStdin || o.recvOnly;
  let netDone = false;
  let finished = false;
  let quitting = false;
  let lastActivity = Date.now();
  let finish!: (why: RelayEnd) => void;
  const ended = new Promise<RelayEnd>((r) => (finish = (why) => ((finished = true), r(why))));

  const settle = () => {
    if (finished || quitting) return;
    const done = (stdinDone && netDone) || (o.listen && netDone) || (o.sendOnly && stdinDone) || (o.datagram && stdinDone && o.quitSec >= 0);
    if (!done) return;
    if (o.quitSec > 0) {
      quitting = true;
      setTimeout(() => finish("done"), o.quitSec * 1000);
    } else finish("done");
  };

  const toNet = async () => {
    // with -d nc never reads stdin, so it never meets the EOF that would trigger -N's shutdown
    if (stdinDone) return settle();
    const crlf = o.crlf ? crlfConverter() : undefined;
    while (!finished) {
      const chunk = await stdin.read();
      if (finished) return; // a read left pending is kept by the source for the next connection
      if (chunk === null) break;
      lastActivity = Date.now();
      const data = crlf ? crlf(chunk) : chunk;
      const parts = o.intervalSec > 0 ? lines(data) : [data];
      for (const part of parts) {
        try {
          await stream.write(part);
        } catch {
          return finish("error");
        }
        if (o.intervalSec > 0) await Bun.sleep(o.intervalSec * 1000);
      }
    }
    stdinDone = true;
    if (o.shutdownOnEof) await stream.shutdownWrite().catch(() => {});
    settle();
  };

  const toStdout = async () => {
    let reads = 0;
    for await (const chunk of stream.chunks()) {
      lastActivity = Date.now();
      if (o.telnet) {
        const answer = telnetReplies(chunk);
        if (answer.length > 0) await stream.write(answer).catch(() => {});
      }
      if (!o.sendOnly) {
        try {
          await stdout.write(chunk);
        } catch {
          return finish("error");
        }
      }
      if (o.recvLimit !== undefined && ++reads >= o.recvLimit) return finish("limit");
      if (finished) return;
    }
    netDone = true;
    settle();
  };

  // -w: one timer, re-armed for the moment the idle period would end if nothing moved since
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const idleMs = o.idleMs;
  if (idleMs !== undefined) {
    const check = () => {
      const left = lastActivity + idleMs - Date.now();
      if (left <= 0) finish("idle");
      else idleTimer = setTimeout(check, left);
    };
    idleTimer = setTimeout(check, idleMs);
  }
  void toNet();
  void toStdout();
  const why = await ended;
  if (idleTimer) clearTimeout(idleTimer);
  return why;
}
