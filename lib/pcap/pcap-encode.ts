// Classic pcap encoding: the 24-byte file header and 16-byte record headers, little-endian.
import type { ByteSink } from "./byte-sink.ts";
import type { Frame } from "./frame.ts";

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

export function writePcapHeader(sink: ByteSink, linktype: number, snaplen: number, nano: boolean): void {
  const { view, at } = sink.reserve(24);
  view.setUint32(at, nano ? PCAP_MAGIC_NS : PCAP_MAGIC_US, true);
  view.setUint16(at + 4, 2, true);
  view.setUint16(at + 6, 4, true);
  view.setInt32(at + 8, 0, true);
  view.setUint32(at + 12, 0, true);
  view.setUint32(at + 16, snaplen, true);
  view.setUint32(at + 20, linktype, true);
}

/** Seconds and nanoseconds of a frame, without bigint when the source already split them. */
export function secNsec(f: Frame): { sec: number; nsec: number } {
  if (f.tsSec !== undefined && f.tsNsec !== undefined) return { sec: f.tsSec, nsec: f.tsNsec };
  const sec = f.ts / 1_000_000_000n;
  return { sec: Number(sec), nsec: Number(f.ts - sec * 1_000_000_000n) };
}

export function writePcapRecord(sink: ByteSink, f: Frame, nano: boolean): void {
  const ph = f.pseudoHeader?.length ?? 0;
  const { buf, view, at } = sink.reserve(16 + ph + f.caplen);
  const { sec, nsec } = secNsec(f);
  view.setUint32(at, sec >>> 0, true);
  view.setUint32(at + 4, (nano ? nsec : Math.trunc(nsec / 1000)) >>> 0, true);
  view.setUint32(at + 8, ph + f.caplen, true);
  view.setUint32(at + 12, ph + f.len, true);
  if (ph) buf.set(f.pseudoHeader!, at + 16);
  buf.set(f.data.subarray(0, f.caplen), at + 16 + ph);
}
