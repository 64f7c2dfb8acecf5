// The reliable UDP client's sequence header: "#<seq> " in front of the text, which an upper-casing server leaves intact.

const enc = new TextEncoder();

/** Put "#12 " in front of a payload. */
export function withSeq(seq: number, payload: Uint8Array): Uint8Array {
  const head = enc.encode(`#${seq} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** Split "#12 HELLO" into 12 and "HELLO"; undefined when the datagram carries no header. */
export function splitSeq(datagram: Uint8Array): { seq: number; payload: Uint8Array; head: Uint8Array } | undefined {
  if (datagram[0] !== 0x23) return undefined; // '#'
  let i = 1;
  let seq = 0;
  while (i < datagram.length && i < 11 && datagram[i]! >= 0x30 && datagram[i]! <= 0x39) seq = seq * 10 + datagram[i++]! - 0x30;
  if (i === 1 || datagram[i] !== 0x20) return undefined;
  return { seq, payload: datagram.subarray(i + 1), head: datagram.subarray(0, i + 1) };
}
