// tsnc's ends of the pipe: stdin as a pull source that survives across -k connections, stdout as an awaited sink.

/** A byte source read one chunk at a time; null means EOF. A read left pending by a finished relay is kept for the next. */
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
  const reader = Bun.stdin.stream().getReader();
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

/** Process stdout; a write resolves when the chunk reached the kernel, so a slow reader slows the socket down. */
export function stdoutWriter(): ByteSink {
  if (stdoutSink) return stdoutSink;
  const sink = Bun.stdout.writer({ highWaterMark: 1 << 20 });
  stdoutSink = {
    async write(data) {
      sink.write(data);
      await sink.flush();
    },
  };
  return stdoutSink;
}
