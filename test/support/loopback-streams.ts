// Loopback ByteStreams for module tests: a listener that hands each accepted connection over, and a client connect.
import type { TLSOptions } from "bun";
import { BunSocketStream, streamHandlers } from "../../lib/net/bun-stream.ts";
import type { ByteStream } from "../../lib/net/stream.ts";

/** A listener on 127.0.0.1:0 whose accepted connections arrive as ByteStreams, in order. */
export function listenStreams(o: { tls?: TLSOptions; hostname?: string } = {}) {
  const accepted: ByteStream[] = [];
  const waiters: ((s: ByteStream) => void)[] = [];
  const listener = Bun.listen<BunSocketStream>({
    hostname: o.hostname ?? "127.0.0.1",
    port: 0,
    allowHalfOpen: true,
    ...(o.tls ? { tls: o.tls } : {}),
    socket: streamHandlers((s) => {
      const w = waiters.shift();
      if (w) w(s);
      else accepted.push(s);
    }),
  });
  return {
    port: listener.port,
    /** The next accepted connection. */
    accept(): Promise<ByteStream> {
      const s = accepted.shift();
      return s ? Promise.resolve(s) : new Promise((r) => waiters.push(r));
    },
    stop(): void {
      listener.stop(true);
    },
  };
}

/** Connect to host:port and resolve once open (TLS: once the handshake is done). */
export async function connectStream(port: number, o: { tls?: TLSOptions | boolean; hostname?: string } = {}): Promise<ByteStream> {
  const stream = new BunSocketStream();
  let opened!: () => void;
  const ready = new Promise<void>((r) => (opened = r));
  const handlers = streamHandlers(() => opened());
  await Bun.connect<BunSocketStream>({
    hostname: o.hostname ?? "127.0.0.1",
    port,
    allowHalfOpen: true,
    data: stream,
    ...(o.tls ? { tls: o.tls } : {}),
    socket: handlers,
  });
  await ready;
  return stream;
}

/** Everything the stream receives until the peer's FIN, as one byte array. */
export async function readAll(stream: ByteStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of stream.chunks()) parts.push(c);
  return Buffer.concat(parts);
}

/** Read until `pred(text so far)` holds or the stream ends; returns the text. */
export async function readUntil(stream: ByteStream, pred: (text: string) => boolean): Promise<string> {
  let text = "";
  const it = stream.chunks()[Symbol.asyncIterator]();
  while (!pred(text)) {
    const r = await it.next();
    if (r.done) break;
    text += new TextDecoder().decode(r.value);
  }
  return text;
}
