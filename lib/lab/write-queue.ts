// Bun's TCP sockets keep no write buffer: every write goes through this queue, which retries the unwritten tail on drain.
import type { Socket } from "bun";

/** The queue of one socket; `drain` must be called from the socket's drain handler. */
export interface WriteQueue {
  /** queue bytes; returns the bytes still waiting (0 when the kernel took everything now) */
  write(data: Uint8Array): number;
  drain(): void;
  /** resolves when everything queued so far has been handed to the kernel (or the socket closed) */
  flushed(): Promise<void>;
  readonly pending: number;
  /** the socket closed: release waiters */
  closed(): void;
}

export function writeQueue(socket: Socket<unknown>): WriteQueue {
  const chunks: Uint8Array[] = [];
  let pending = 0;
  let dead = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (pending > 0 && !dead) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const pump = () => {
    while (chunks.length && !dead) {
      const head = chunks[0]!;
      const n = socket.write(head);
      if (n < 0) {
        dead = true;
        break;
      }
      pending -= n;
      if (n < head.length) {
        chunks[0] = head.subarray(n);
        return;
      }
      chunks.shift();
    }
    settle();
  };
  return {
    write(data) {
      if (dead || !data.length) return pending;
      if (!chunks.length) {
        // the usual case: nothing queued, the kernel takes it all at once and nothing needs keeping
        const n = socket.write(data);
        if (n === data.length) return 0;
        if (n < 0) {
          dead = true;
          settle();
          return pending;
        }
        data = data.subarray(n);
      }
      // the queue keeps its own copy: the caller's bytes may be a receive buffer that Bun reuses
      chunks.push(data.slice());
      pending += data.length;
      if (chunks.length === 1) pump();
      return pending;
    },
    drain: pump,
    flushed: () => (pending === 0 || dead ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    get pending() {
      return pending;
    },
    closed() {
      dead = true;
      settle();
    },
  };
}
