// Sending and receiving on a stream socket the way the lesson shows it: send in --chunk pieces, recv(bufsize) at most, framing notes.
import { pyBytes } from "./bytes-view.ts";
import { frame, LENGTH_PREFIX, type Deframer, type FramingName } from "./framing.ts";
import type { Trace } from "./trace.ts";
import type { WriteQueue } from "./write-queue.ts";

/** How one side of a stream connection reads and writes. */
export interface StreamIo {
  readonly framing: FramingName;
  /** the sender writes in pieces of this many bytes (--chunk); 0 = the whole message in one send */
  readonly chunk: number;
  /** the receiver reads at most this many bytes per recv: recv(1024) in the course, --chunk when given */
  readonly bufsize: number;
  /** the longest line or length-framed message accepted (--max-line) */
  readonly maxLength: number;
}

/** Frame a message and send it, in --chunk pieces when asked, tracing each send call. */
export function sendMessage(io: StreamIo, q: WriteQueue, trace: Trace, msg: Uint8Array, framed = true): void {
  // a piece of an overlong line goes out unframed: the line goes on, and its newline comes with its last piece
  const bytes = framed ? frame(io.framing, msg) : msg;
  if (!trace.calls && !trace.hex && (io.chunk === 0 || io.chunk >= bytes.length)) return void q.write(bytes); // the hot path
  const piece = io.chunk > 0 ? io.chunk : bytes.length;
  for (let off = 0; off < bytes.length || (off === 0 && bytes.length === 0); off += piece) {
    const part = bytes.subarray(off, off + piece);
    if (trace.calls) trace.call(`send(${pyBytes(part, 40)})`, `${part.length} byte${part.length === 1 ? "" : "s"}`, off === 0 && framed ? framingNote(io.framing, msg) : undefined);
    if (trace.hex) trace.wire("sent", part);
    q.write(part);
    if (!bytes.length) break;
  }
}

function framingNote(framing: FramingName, msg: Uint8Array): string | undefined {
  if (framing === "line") return "a '\\n' marks where the message ends";
  if (framing === "length") return `a ${LENGTH_PREFIX}-byte length prefix (${msg.length}) goes first`;
  return undefined;
}

/** What arrived, split into the recv(bufsize) calls a program would make, fed through the deframer. */
export function receiveBytes(io: StreamIo, d: Deframer, trace: Trace, data: Uint8Array): ReturnType<Deframer["push"]> {
  if (data.length <= io.bufsize && !trace.calls && !trace.hex) return d.push(data); // the hot path: one recv, nothing to show
  const out: ReturnType<Deframer["push"]> = [];
  for (let off = 0; off < data.length; off += io.bufsize) {
    const part = data.subarray(off, off + io.bufsize);
    if (trace.calls) trace.call(`recv(${io.bufsize})`, `${part.length} byte${part.length === 1 ? "" : "s"} ${pyBytes(part, 40)}`);
    if (trace.hex) trace.wire("received", part);
    const got = d.push(part);
    if (io.framing !== "none" && (trace.calls || trace.hex)) {
      for (const m of got) {
        if (m.kind === "message") {
          if (io.framing === "length" && trace.hex) {
            const prefix = new Uint8Array(LENGTH_PREFIX);
            new DataView(prefix.buffer).setUint32(0, m.data.length, false);
            trace.lengthPrefix(prefix, m.data.length);
          }
          trace.note(`message complete: ${pyBytes(m.data, 40)}`);
        }
      }
      if (!got.length && d.pending()) {
        const n = d.pending();
        const want = d.announced();
        trace.note(
          `${n} byte${n === 1 ? "" : "s"} kept: the message is not complete yet` +
            (want === undefined ? "" : ` (the length prefix announced ${want} bytes; ${want + LENGTH_PREFIX - n} still to come)`),
        );
      }
    }
    out.push(...got);
  }
  return out;
}
