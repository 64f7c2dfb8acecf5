// A forward-only window over a byte stream (file, stdin, gunzip) that capture readers parse in place.
//
// Memory stays constant whatever the input size: the window holds one chunk (1 MiB, or one record
// when a record is bigger) plus the unparsed tail of the previous chunk. A new buffer is allocated
// for every refill instead of reusing the old one, so a Frame whose data is a view into an earlier
// chunk stays valid for as long as the consumer keeps it.
import { closeSync, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";

export const CHUNK_BYTES = 1 << 20;

/** Something that fills a buffer with the next bytes of the input; 0 means end of input. */
export interface ByteInput {
  read(into: Uint8Array): number | Promise<number>;
  close(): void;
}

/** A plain file read with synchronous reads: the fastest path, no promise per chunk. */
export function fileInput(path: string): ByteInput {
  const fd = openSync(path, "r");
  let open = true;
  return {
    read: (into) => readSync(fd, into, 0, into.length, null),
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Any async stream of byte chunks (stdin, a gunzip stream), copied into the cursor's buffers. */
export function streamInput(chunks: AsyncIterable<Uint8Array>, onClose: () => void = () => {}): ByteInput {
  const it = chunks[Symbol.asyncIterator]();
  let pending: Uint8Array | undefined;
  let done = false;
  return {
    async read(into) {
      let filled = 0;
      while (filled < into.length && !done) {
        if (!pending || pending.length === 0) {
          // Return what we have rather than wait for more: a live pipe must not stall a full record.
          if (filled > 0) break;
          const next = await it.next();
          if (next.done) {
            done = true;
            break;
          }
          pending = next.value;
          continue;
        }
        const n = Math.min(pending.length, into.length - filled);
        into.set(pending.subarray(0, n), filled);
        pending = pending.subarray(n);
        filled += n;
      }
      return filled;
    },
    close() {
      done = true;
      void it.return?.();
      onClose();
    },
  };
}

/** Decompress a gzip input on the fly. `head` holds bytes already read from `inner` (the sniffed magic). */
export function gunzipInput(inner: ByteInput, head: Uint8Array): ByteInput {
  async function* raw(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    for (;;) {
      const buf = new Uint8Array(CHUNK_BYTES);
      const n = await inner.read(buf);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  }
  const gunzip = Readable.from(raw()).pipe(createGunzip());
  return streamInput(gunzip as AsyncIterable<Uint8Array>, () => {
    gunzip.destroy();
    inner.close();
  });
}

export class ByteCursor {
  buf = new Uint8Array(0);
  view = new DataView(this.buf.buffer);
  /** first unparsed byte */
  pos = 0;
  /** end of valid bytes in buf */
  end = 0;
  /** bytes consumed before buf[0]: the file offset of buf[0] */
  base = 0;
  private eof = false;

  constructor(private readonly input: ByteInput) {}

  get available(): number {
    return this.end - this.pos;
  }

  /** The file offset of the next unparsed byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Make at least `n` bytes available from pos; false when the input ends first (what is there stays). */
  async fill(n: number): Promise<boolean> {
    while (this.end - this.pos < n) {
      if (this.eof) return false;
      // Reallocate only when the record cannot fit in what is left of this buffer; otherwise append
      // after `end`, which never touches bytes a Frame already points at.
      if (this.buf.length - this.pos < n) {
        const tail = this.end - this.pos;
        const next = new Uint8Array(Math.max(CHUNK_BYTES, n) + tail);
        next.set(this.buf.subarray(this.pos, this.end), 0);
        this.base += this.pos;
        this.buf = next;
        this.view = new DataView(next.buffer);
        this.pos = 0;
        this.end = tail;
      }
      const got = await this.input.read(this.buf.subarray(this.end));
      if (got === 0) this.eof = true;
      this.end += got;
    }
    return true;
  }

  /** Skip `n` bytes that are known to be available. */
  skip(n: number): void {
    this.pos += n;
  }

  /** True at the end of input with nothing left unparsed. */
  async atEnd(): Promise<boolean> {
    if (this.end > this.pos) return false;
    return !(await this.fill(1));
  }

  close(): void {
    this.input.close();
  }
}
