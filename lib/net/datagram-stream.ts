// A datagram socket seen as a ByteStream: each write is one datagram, each received datagram one chunk, and no EOF.
import type { ByteStream, Endpoint } from "./stream.ts";

/** The socket-specific half: send one datagram, close. Received datagrams are pushed with `deliver`. */
export interface DatagramPort {
  send(data: Uint8Array): boolean | Promise<boolean>;
  close(): void;
}

/** Biggest datagram we send at once: a stdin chunk larger than this is cut, as nc's 16 KiB reads cut it. */
const MAX_DATAGRAM = 65507;

export class DatagramStream implements ByteStream {
  private readonly received: Uint8Array[] = [];
  private wake?: () => void;
  private ended = false;
  private resolveClosed!: (e: Error | undefined) => void;
  readonly closed: Promise<Error | undefined> = new Promise((r) => (this.resolveClosed = r));

  constructor(
    private readonly port: DatagramPort,
    public local: Endpoint,
    public peer: Endpoint,
  ) {}

  /** A datagram arrived from the peer. */
  deliver(data: Uint8Array): void {
    this.received.push(data);
    this.wake?.();
  }

  /** The socket failed (an ICMP "port unreachable" shows up as ECONNREFUSED): no more input. */
  fail(err?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.wake?.();
    this.resolveClosed(err);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.ended) throw new Error("socket closed");
    for (let off = 0; off < data.length; off += MAX_DATAGRAM) {
      const part = data.subarray(off, off + MAX_DATAGRAM);
      // a full send buffer: wait a little and retry (UDP has no drain we can rely on for connected sends)
      for (let tries = 0; !(await this.port.send(part)); tries++) {
        if (this.ended) throw new Error("socket closed");
        await Bun.sleep(Math.min(1 + tries, 20));
      }
    }
  }

  /** Datagrams have no half-close. */
  shutdownWrite(): Promise<void> {
    return Promise.resolve();
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    while (true) {
      if (this.received.length > 0) {
        yield this.received.shift()!;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }

  async close(): Promise<void> {
    this.port.close();
    this.fail();
  }

  reset(): void {
    void this.close();
  }
}
