import { read } from "node:fs";
const STDIN_CHUNK = 256 << 10;
// tsnc's ends of the pipe: stdin as a pull source that survives across -k connections, stdout as an awaited sink.

/**
 * A byte source read one chunk at a time; null means EOF. A chunk is valid until the next read() (stdin reuses
 * its buffer). A read left pending by a finished relay is kept for the next.
 */
export interface ByteSource {
  read(): Promise<Uint8Array | null>;
}

/** A byte sink whose write resolves once the bytes are handed to the OS (so memory stays bounded). */
export interface ByteSink {
  write(data: Uint8Array): Promise<void>;
}

let stdinSource: ByteSource | undefined;

/** Process stdin, opened on first use (never with -d). */
export function stdinReader(): ByteSource {
  if (stdinSource) return stdinSource;
  const buf = new Uint8Array(STDIN_CHUNK);
  // one reused buffer: the relay writes each chunk out completely before asking for the next
  const reader = {
    read: (): Promise<{ done: boolean; value: Uint8Array }> =>
      new Promise((res, rej) =>
        read(0, buf, 0, buf.length, null, (e, n) => {
          // a non-blocking stdin (inherited from a parent) says EAGAIN: wait for data instead of calling it EOF
          if (e && (e as NodeJS.ErrnoException).code === "EAGAIN") return void setTimeout(() => reader.read().then(res, rej), 5);
          if (e) rej(e);
          else res({ done: n === 0, value: buf.subarray(0, n) });
        }),
      ),
  };
  let pending: Promise<Uint8Array | null> | undefined;
  let eof = false;
  stdinSource = {
    read() {
      if (eof) return Promise.resolve(null);
      pending ??= reader.read().then(
        (r) => {
          pending = undefined;
          if (r.done) eof = true;
          return r.done ? null : r.value;
        },
        () => {
          pending = undefined;
          eof = true;
          return null;
        },
      );
      return pending;
    },
  };
  return stdinSource;
}

let stdoutSink: ByteSink | undefined;
let stdoutFlush: (() => Promise<unknown>) | undefined;

/** Resolve once everything written through stdoutWriter() reached the kernel (before exiting). */
export async function flushOutput(): Promise<void> {
  await stdoutFlush?.();
}

/** Process stdout; a write resolves when the chunk reached the kernel, so a slow reader slows the socket down. */
export function stdoutWriter(): ByteSink {
  if (stdoutSink) return stdoutSink;
  const sink = Bun.stdout.writer({ highWaterMark: 1 << 20 });
  stdoutFlush = async () => sink.flush();
  stdoutSink = {
    async write(data) {
      sink.write(data);
      await sink.flush();
    },
  };
  return stdoutSink;
}
