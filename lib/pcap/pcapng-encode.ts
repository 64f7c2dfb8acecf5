// pcapng encoding: SHB, IDB (name, description, tsresol, filter) and EPB (with comments), little-endian.
import type { ByteSink } from "./byte-sink.ts";
import type { Frame } from "./frame.ts";
import type { IfaceInfo } from "./iface.ts";
import { secNsec } from "./pcap-encode.ts";

const encoder = new TextEncoder();
const pad4 = (n: number): number => (n + 3) & ~3;

interface Opt {
  code: number;
  value: Uint8Array;
}

const textOpt = (code: number, s: string): Opt => ({ code, value: encoder.encode(s) });
const optsBytes = (opts: readonly Opt[]): number => (opts.length ? opts.reduce((n, o) => n + 4 + pad4(o.value.length), 4) : 0);

function putOpts(buf: Uint8Array, view: DataView, at: number, opts: readonly Opt[]): number {
  if (!opts.length) return at;
  for (const o of opts) {
    view.setUint16(at, o.code, true);
    view.setUint16(at + 2, o.value.length, true);
    buf.set(o.value, at + 4);
    buf.fill(0, at + 4 + o.value.length, at + 4 + pad4(o.value.length));
    at += 4 + pad4(o.value.length);
  }
  view.setUint32(at, 0, true); // opt_endofopt
  return at + 4;
}

/** Reserve a block of `bodyBytes` (after type and length), write its frame, return where the body starts. */
function block(sink: ByteSink, type: number, bodyBytes: number): { buf: Uint8Array; view: DataView; body: number } {
  const total = 12 + bodyBytes;
  const { buf, view, at } = sink.reserve(total);
  view.setUint32(at, type, true);
  view.setUint32(at + 4, total, true);
  view.setUint32(at + total - 4, total, true);
  return { buf, view, body: at + 8 };
}

export function writeShb(sink: ByteSink, userappl: string): void {
  const opts = [textOpt(4, userappl)]; // shb_userappl
  const { buf, view, body } = block(sink, 0x0a0d0d0a, 16 + optsBytes(opts));
  view.setUint32(body, 0x1a2b3c4d, true);
  view.setUint16(body + 4, 1, true);
  view.setUint16(body + 6, 0, true);
  view.setBigInt64(body + 8, -1n, true); // section length unknown
  putOpts(buf, view, body + 16, opts);
}

/** The if_tsresol digits an interface's frames are written with: 6 (microseconds) or 9 (nanoseconds). */
export function writtenDigits(i: IfaceInfo): number {
  return i.tsresolNs >= 1000n ? 6 : 9;
}

export function writeIdb(sink: ByteSink, i: IfaceInfo): void {
  const opts: Opt[] = [];
  if (i.name) opts.push(textOpt(2, i.name));
  if (i.description) opts.push(textOpt(3, i.description));
  if (i.filter !== undefined) opts.push({ code: 11, value: new Uint8Array([0, ...encoder.encode(i.filter)]) });
  if (i.os) opts.push(textOpt(12, i.os));
  opts.push({ code: 9, value: new Uint8Array([writtenDigits(i)]) });
  const { buf, view, body } = block(sink, 1, 8 + optsBytes(opts));
  view.setUint16(body, i.linktype, true);
  view.setUint16(body + 2, 0, true);
  view.setUint32(body + 4, i.snaplen, true);
  putOpts(buf, view, body + 8, opts);
}

export function writeEpb(sink: ByteSink, f: Frame, ifaceId: number, digits: number): void {
  const opts = f.comments?.map((c) => textOpt(1, c)) ?? [];
  const ph = f.pseudoHeader?.length ?? 0;
  const caplen = ph + f.caplen;
  const dataBytes = pad4(caplen);
  const { buf, view, body } = block(sink, 6, 20 + dataBytes + optsBytes(opts));
  const { sec, nsec } = secNsec(f);
  let hi: number;
  let lo: number;
  if (digits === 6) {
    const units = sec * 1e6 + Math.floor(nsec / 1000); // < 2^53 for any 32-bit-era second count
    hi = Math.floor(units / 0x100000000);
    lo = units >>> 0;
  } else {
    const units = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    hi = Number(units >> 32n);
    lo = Number(units & 0xffffffffn);
  }
  view.setUint32(body, ifaceId, true);
  view.setUint32(body + 4, hi, true);
  view.setUint32(body + 8, lo, true);
  view.setUint32(body + 12, caplen, true);
  view.setUint32(body + 16, ph + f.len, true);
  if (ph) buf.set(f.pseudoHeader!, body + 20);
  buf.set(f.data.subarray(0, f.caplen), body + 20 + ph);
  buf.fill(0, body + 20 + caplen, body + 20 + dataBytes);
  putOpts(buf, view, body + 20 + dataBytes, opts);
}
