// Message boundaries over a byte stream: none (each recv is a message), line (\n ends one) or a 4-byte big-endian length prefix.

export type FramingName = "none" | "line" | "length";
export const FRAMINGS: readonly FramingName[] = ["none", "line", "length"];

/** Bytes put in front of a length-framed message: its length as an unsigned 32-bit big-endian (network order) integer. */
export const LENGTH_PREFIX = 4;

/** One message as the sender puts it on the wire. */
export function frame(framing: FramingName, msg: Uint8Array): Uint8Array {
  if (framing === "none") return msg;
  if (framing === "line") {
    const out = new Uint8Array(msg.length + 1);
    out.set(msg);
    out[msg.length] = 0x0a;
    return out;
  }
  const out = new Uint8Array(LENGTH_PREFIX + msg.length);
  new DataView(out.buffer).setUint32(0, msg.length, false);
  out.set(msg, LENGTH_PREFIX);
  return out;
}

/** What a deframer found in the bytes it was given. */
export type Deframed =
  | { readonly kind: "message"; readonly data: Uint8Array }
  /** line mode: `maxLength` bytes arrived with no newline; they are passed on as a piece (never dropped) */
  | { readonly kind: "overlong-piece"; readonly data: Uint8Array }
  /** length mode: a prefix announced more than allowed; the stream cannot be resynchronised */
  | { readonly kind: "bad-length"; readonly length: number; readonly prefix: Uint8Array };

/**
 * Turns arriving bytes into messages. Memory stays bounded by maxLength: a line with no newline is passed
 * on in maxLength pieces, and a length prefix over maxLength stops the stream.
 */
export interface Deframer {
  push(bytes: Uint8Array): Deframed[];
  /** the peer closed: a last line with no newline is still a message (nothing received is lost) */
  end(): Uint8Array | undefined;
  /** bytes held back waiting for the rest of a message */
  pending(): number;
  /** length framing: the length the held-back prefix announces, once all 4 bytes of it are here */
  announced(): number | undefined;
}

export function deframer(framing: FramingName, maxLength: number): Deframer {
  if (framing === "none") return { push: (bytes) => (bytes.length ? [{ kind: "message", data: bytes }] : []), end: () => undefined, pending: () => 0, announced: () => undefined };
  let pending = new Uint8Array(0);
  const take = (bytes: Uint8Array) => {
    if (!pending.length) return bytes;
    const all = new Uint8Array(pending.length + bytes.length);
    all.set(pending);
    all.set(bytes, pending.length);
    return all;
  };
  const end = () => (framing === "line" && pending.length ? pending : undefined);
  if (framing === "line") {
    const push = (bytes: Uint8Array): Deframed[] => {
      const buf = take(bytes);
      const out: Deframed[] = [];
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl >= 0 && nl - start <= maxLength) {
          out.push({ kind: "message", data: buf.slice(start, nl) });
          start = nl + 1;
        } else if (buf.length - start >= maxLength) {
          out.push({ kind: "overlong-piece", data: buf.slice(start, start + maxLength) });
          start += maxLength;
        } else break;
      }
      pending = buf.slice(start);
      return out;
    };
    return { push, end, pending: () => pending.length, announced: () => undefined };
  }
  let broken = false;
  const push = (bytes: Uint8Array): Deframed[] => {
    if (broken) return [];
    const buf = take(bytes);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const out: Deframed[] = [];
    let start = 0;
    while (buf.length - start >= LENGTH_PREFIX) {
      const length = view.getUint32(start, false);
      if (length > maxLength) {
        broken = true;
        out.push({ kind: "bad-length", length, prefix: buf.slice(start, start + LENGTH_PREFIX) });
        pending = new Uint8Array(0);
        return out;
      }
      if (buf.length - start - LENGTH_PREFIX < length) break;
      out.push({ kind: "message", data: buf.slice(start + LENGTH_PREFIX, start + LENGTH_PREFIX + length) });
      start += LENGTH_PREFIX + length;
    }
    pending = buf.slice(start);
    return out;
  };
  const announced = () => (pending.length >= LENGTH_PREFIX ? new DataView(pending.buffer, pending.byteOffset).getUint32(0, false) : undefined);
  return { push, end, pending: () => pending.length, announced };
}
