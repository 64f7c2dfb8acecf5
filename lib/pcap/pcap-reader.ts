// Classic pcap (libpcap) records from a ByteCursor: micro- and nanosecond magics, either byte order.
import type { ByteCursor } from "./byte-cursor.ts";
import type { Frame } from "./frame.ts";
import { pcapIface, type IfaceInfo } from "./iface.ts";
import { isKnownLinktype, linktypeOfHeader, PSEUDO_HEADER_BYTES } from "./linktypes.ts";
import { MAX_RECORD_BYTES, readError } from "./read-errors.ts";
import { TimedFrame } from "./timed-frame.ts";

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

export interface PcapHeader {
  littleEndian: boolean;
  nano: boolean;
  iface: IfaceInfo;
}

/** True when the first four bytes are a pcap magic in either byte order. */
export function isPcapMagic(head: DataView): boolean {
  const le = head.getUint32(0, true);
  const be = head.getUint32(0, false);
  return le === MAGIC_US || le === MAGIC_NS || be === MAGIC_US || be === MAGIC_NS;
}

/** Parse the 24-byte file header (the cursor holds at least 4 bytes of it). */
export async function readPcapHeader(cur: ByteCursor, path: string): Promise<PcapHeader> {
  if (!(await cur.fill(24))) throw readError(path, "short-open");
  const v = cur.view;
  const p = cur.pos;
  const littleEndian = v.getUint32(p, true) === MAGIC_US || v.getUint32(p, true) === MAGIC_NS;
  const nano = v.getUint32(p, littleEndian) === MAGIC_NS;
  const major = v.getUint16(p + 4, littleEndian);
  if (major !== 2) throw readError(path, "unsupported", `pcap: major version ${major} unsupported`);
  const snaplen = v.getUint32(p + 16, littleEndian);
  const word = v.getUint32(p + 20, littleEndian);
  const linktype = linktypeOfHeader(word);
  // tshark names the whole word, FCS bits included, when it refuses it.
  if (!isKnownLinktype(linktype)) throw readError(path, "unsupported", `pcap: network type ${word} unknown or unsupported`);
  cur.skip(24);
  return { littleEndian, nano, iface: pcapIface(linktype, snaplen, nano) };
}

/** Every record after the header; throws tshark's error after the last good frame when the file is cut. */
export async function* readPcapRecords(cur: ByteCursor, h: PcapHeader, path: string): AsyncGenerator<Frame> {
  const le = h.littleEndian;
  const scale = h.nano ? 1 : 1000;
  const linktype = h.iface.linktype;
  const phdr = PSEUDO_HEADER_BYTES.get(linktype) ?? 0;
  for (;;) {
    if (cur.end - cur.pos < 16 && !(await cur.fill(16))) {
      if (cur.available === 0) return;
      throw readError(path, "short-read");
    }
    let v = cur.view;
    let p = cur.pos;
    const caplen = v.getUint32(p + 8, le);
    if (caplen > MAX_RECORD_BYTES) {
      throw readError(path, "bad-file", `pcap: File has ${caplen}-byte packet, bigger than maximum of ${MAX_RECORD_BYTES}`);
    }
    if (cur.end - p < 16 + caplen) {
      if (!(await cur.fill(16 + caplen))) throw readError(path, "short-read");
      v = cur.view;
      p = cur.pos;
    }
    const sec = v.getUint32(p, le);
    const frac = v.getUint32(p + 4, le);
    const len = v.getUint32(p + 12, le);
    const start = p + 16;
    cur.pos = start + caplen;
    // wiretap keeps the nanoseconds in a 32-bit signed field: a damaged fraction wraps the same way here.
    const nsec = (frac * scale) | 0;
    if (phdr === 0) {
      yield new TimedFrame(sec, nsec, caplen, len, linktype, cur.buf.subarray(start, start + caplen), 0);
      continue;
    }
    if (caplen < phdr) throw pseudoHeaderError(path, caplen);
    yield new TimedFrame(sec, nsec, caplen - phdr, Math.max(0, len - phdr), linktype, cur.buf.subarray(start + phdr, start + caplen), 0, undefined, cur.buf.subarray(start, start + phdr));
  }
}

export function pseudoHeaderError(path: string, caplen: number) {
  return readError(path, "bad-file", `pcap: file has a ${caplen}-byte packet, too small to have even a pseudo-header`);
}
