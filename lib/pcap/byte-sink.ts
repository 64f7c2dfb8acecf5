// A buffered, synchronous byte output to a file or stdout: records are copied into one 1 MiB buffer and written in bulk.
import { closeSync, openSync, writeSync } from "node:fs";

export interface ByteSink {
  /** bytes written so far, buffered ones included (what the file's size will be) */
  readonly size: number;
  /** Reserve `n` bytes and return the buffer and offset to fill them at. */
  reserve(n: number): { buf: Uint8Array; view: DataView; at: number };
  flush(): void;
  close(): void;
}

const BUFFER_BYTES = 1 << 20;

/** Write everything, retrying partial writes and a non-blocking stdout's EAGAIN. */
function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if ((e as { code?: string }).code !== "EAGAIN") throw e;
      Bun.sleepSync(1);
    }
  }
}

/** Open `path` for writing (truncating), or stdout for "-". */
export function openByteSink(path: string): ByteSink {
  const toStdout = path === "-";
  const fd = toStdout ? 1 : openSync(path, "w", 0o644);
  let buf = new Uint8Array(BUFFER_BYTES);
  let view = new DataView(buf.buffer);
  let used = 0;
  let flushed = 0;
  let closed = false;
  const flush = () => {
    if (used === 0) return;
    writeAll(fd, buf.subarray(0, used));
    flushed += used;
    used = 0;
  };
  return {
    get size() {
      return flushed + used;
    },
    reserve(n) {
      if (used + n > buf.length) {
        flush();
        if (n > buf.length) {
          buf = new Uint8Array(n);
          view = new DataView(buf.buffer);
        }
      }
      const at = used;
      used += n;
      return { buf, view, at };
    },
    flush,
    close() {
      if (closed) return;
      closed = true;
      flush();
      // No fsync: the data is in the kernel once written, which is what a reader after Ctrl-C needs,
      // and fsync fails on /dev/null and FIFOs.
      if (!toStdout) closeSync(fd);
    },
  };
}
