// ByteStream over a Bun socket (Bun.connect, Bun.listen or an adopted libc fd): drain-driven writes, paused reads, half-close.
import type { Socket, SocketHandler } from "bun";
import type { ByteStream, Endpoint } from "./stream.ts";

/** Bytes buffered for a slow reader before we stop reading the socket (TCP flow control does the rest). */
const READ_HIGH_WATER = 1 << 20;

/** How a TLS handshake ended: `authorized` is false when the peer's certificate did not verify (with why). */
export interface TlsOutcome {
  readonly authorized: boolean;
  readonly error?: Error;
}

interface PendingWrite {
  readonly data: Uint8Array;
  offset: number;
  readonly done: () => void;
  readonly fail: (e: Error) => void;
}

/** "::ffff:127.0.0.1" -> "127.0.0.1": tools print IPv4 peers of a dual-stack socket as IPv4. */
export function unmapAddress(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

function endpointOf(family: string | undefined, address: string | undefined, port: number | undefined, path?: string): Endpoint {
  if (path !== undefined) return { family: "unix", address: "", port: 0, path };
  const addr = unmapAddress(address ?? "");
  return { family: addr.includes(":") ? "IPv6" : "IPv4", address: addr, port: port ?? 0 };
}

/** One Bun socket seen as a ByteStream. Created in `open` (listeners) or before connecting (clients). */
export class BunSocketStream implements ByteStream {
  private socket?: Socket<BunSocketStream>;
  private readonly writes: PendingWrite[] = [];
  private readonly received: Uint8Array[] = [];
  private receivedBytes = 0;
  private readEnded = false;
  private wake?: () => void;
  private closedFlag = false;
  private paused = false;
  private closeError?: Error;
  private resolveClosed!: (e: Error | undefined) => void;
  private shutdownRequested = false;
  private shutdownDone?: () => void;
  readonly closed: Promise<Error | undefined> = new Promise((r) => (this.resolveClosed = r));
  private resolveHandshake!: (r: TlsOutcome) => void;
  /** TLS only: settles when the handshake is over, with the certificate check's verdict. */
  readonly handshake: Promise<TlsOutcome> = new Promise((r) => (this.resolveHandshake = r));
  local: Endpoint = endpointOf(undefined, undefined, undefined);
  peer: Endpoint = endpointOf(undefined, undefined, undefined);

  /** @param unixPath set for unix sockets, so endpoints print the path instead of an address */
  constructor(private readonly unixPath?: string) {}

  attach(socket: Socket<BunSocketStream>): void {
    this.socket = socket;
    this.local = endpointOf(socket.localFamily, socket.localAddress, socket.localPort, this.unixPath);
    this.peer = endpointOf(socket.remoteFamily, socket.remoteAddress, socket.remotePort, this.unixPath);
  }

  onData(data: Uint8Array): void {
    this.received.push(data);
    this.receivedBytes += data.length;
    if (this.receivedBytes > READ_HIGH_WATER && !this.paused && this.socket) {
      this.paused = true;
      this.socket.pause();
    }
    this.wakeReader();
  }

  onEnd(): void {
    this.readEnded = true;
    this.wakeReader();
  }

  onDrain(): void {
    this.pump();
  }

  onClose(err?: Error): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.readEnded = true;
    this.closeError ??= err;
    const e = this.closeError ?? new Error("socket closed");
    for (const w of this.writes.splice(0)) w.fail(e);
    this.shutdownDone?.();
    this.wakeReader();
    this.resolveClosed(this.closeError);
    this.resolveHandshake({ authorized: false, error: this.closeError ?? new Error("closed during the TLS handshake") });
  }

  /** TLS only: the peer's certificate as node:tls describes it (subject, issuer, raw DER). */
  peerCertificate(): { subject?: Record<string, string | string[]>; issuer?: Record<string, string | string[]>; raw?: Uint8Array } | undefined {
    const cert = this.socket?.getPeerCertificate() as unknown as { subject?: Record<string, string>; issuer?: Record<string, string>; raw?: Uint8Array } | undefined;
    return cert && Object.keys(cert).length > 0 ? cert : undefined;
  }

  onHandshake(authorized: boolean, error: Error | null): void {
    // Bun's flag says the handshake completed; the certificate verdict is the authorization error
    this.resolveHandshake({ authorized: authorized && !error, error: error ?? undefined });
  }

  onError(err: Error): void {
    this.closeError ??= err;
  }

  private wakeReader(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closedFlag || this.shutdownRequested) return Promise.reject(this.closeError ?? new Error("socket closed"));
    if (data.length === 0) return Promise.resolve();
    return new Promise((done, fail) => {
      this.writes.push({ data, offset: 0, done, fail });
      if (this.writes.length === 1) this.pump();
    });
  }

  /** Hand queued bytes to the kernel until it pushes back; `drain` calls us again. */
  private pump(): void {
    const s = this.socket;
    if (!s) return;
    while (this.writes.length > 0) {
      const w = this.writes[0]!;
      const n = s.write(w.data, w.offset, w.data.length - w.offset);
      if (n < 0) return this.onClose(this.closeError ?? new Error("write failed"));
      w.offset += n;
      if (w.offset < w.data.length) return;
      this.writes.shift();
      w.done();
    }
    if (this.shutdownRequested && this.shutdownDone) {
      s.shutdown();
      const d = this.shutdownDone;
      this.shutdownDone = undefined;
      d();
    }
  }

  shutdownWrite(): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    if (this.shutdownRequested) return Promise.resolve();
    this.shutdownRequested = true;
    return new Promise((r) => {
      this.shutdownDone = r;
      if (this.writes.length === 0) this.pump();
    });
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    while (true) {
      if (this.received.length > 0) {
        const c = this.received.shift()!;
        this.receivedBytes -= c.length;
        if (this.paused && this.receivedBytes < READ_HIGH_WATER / 2) {
          this.paused = false;
          this.socket?.resume();
        }
        yield c;
        continue;
      }
      if (this.readEnded) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  async close(graceful = true): Promise<void> {
    if (this.closedFlag) return;
    if (graceful && this.writes.length > 0) {
      await new Promise<void>((r) => {
        const last = this.writes[this.writes.length - 1]!;
        const { done, fail } = last;
        this.writes[this.writes.length - 1] = { ...last, done: () => (done(), r()), fail: (e) => (fail(e), r()) };
      });
    }
    this.socket?.end();
    await this.closed;
  }

  reset(): void {
    this.socket?.terminate();
  }
}

/** The Bun handlers that forward every socket event to its BunSocketStream (kept in socket.data). */
export function streamHandlers(onOpen?: (stream: BunSocketStream) => void, unixPath?: string): SocketHandler<BunSocketStream> {
  return {
    open(s) {
      if (!s.data) s.data = new BunSocketStream(unixPath);
      s.data.attach(s);
      onOpen?.(s.data);
    },
    data: (s, d) => s.data.onData(d),
    drain: (s) => s.data.onDrain(),
    end: (s) => s.data.onEnd(),
    close: (s, err) => s.data?.onClose(err),
    error: (s, err) => s.data?.onError(err),
    connectError: (s, err) => s.data?.onError(err),
    handshake: (s, ok, err) => s.data?.onHandshake(ok, err),
  };
}
