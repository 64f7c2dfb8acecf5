// A ByteStream that first yields bytes already read from it (what a proxy sent right after its handshake reply).
import type { ByteStream } from "./stream.ts";

/** `stream`, with `head` delivered before anything else it receives. */
export function withPrefix(stream: ByteStream, head: Uint8Array): ByteStream {
  if (head.length === 0) return stream;
  return {
    get local() {
      return stream.local;
    },
    get peer() {
      return stream.peer;
    },
    closed: stream.closed,
    write: (d) => stream.write(d),
    shutdownWrite: () => stream.shutdownWrite(),
    close: (g) => stream.close(g),
    reset: () => stream.reset(),
    async *chunks() {
      yield head;
      yield* stream.chunks();
    },
  };
}
