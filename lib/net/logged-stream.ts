// A ByteStream that reports every byte sent and received to observers (session logs), whoever drives it (relay or exec).
import type { ByteStream } from "./stream.ts";

export interface StreamObserver {
  sent(data: Uint8Array): void;
  received(data: Uint8Array): void;
}

/** `stream`, with each written chunk passed to `log.sent` (before it is queued) and each received one to `log.received`. */
export function withObserver(stream: ByteStream, log: StreamObserver): ByteStream {
  return {
    get local() {
      return stream.local;
    },
    get peer() {
      return stream.peer;
    },
    closed: stream.closed,
    write(d) {
      log.sent(d);
      return stream.write(d);
    },
    shutdownWrite: () => stream.shutdownWrite(),
    close: (g) => stream.close(g),
    reset: () => stream.reset(),
    async *chunks() {
      for await (const c of stream.chunks()) {
        log.received(c);
        yield c;
      }
    },
  };
}
