// Classic pcap (libpcap) records from a ByteCursor: micro- and nanosecond magics, either byte order.
import type { ByteCursor } from "./byte-cursor.ts";
import type { Frame } from "./frame.ts";
import { pcapIface, type IfaceInfo } from "./iface.ts";
import { isKnownLinktype, linktypeOfHeader } from "./linktypes.ts";
import { pseudoHeaderBytes, pseudoHeaderProblem } from "./pseudo-headers.ts";
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

/**
 * Every record after the header, in batches: all the complete records of the buffered chunk are
 * parsed synchronously and handed over together, so the consumer pays one await per chunk, not per
 * frame. When the file is damaged, the frames before the damage come first, then tshark's error.
 */
export async function* readPcapBatches(cur: ByteCursor, h: PcapHeader, path: string): AsyncGenerator<Frame[]> {
  const le = h.littleEndian;
  const scale = h.nano ? 1 : 1000;
  const linktype = h.iface.linktype;
  const phdr = pseudoHeaderBytes(linktype);
  for (;;) {
    const batch: Frame[] = [];
    const v = cur.view;
    const buf = cur.buf;
    const end = cur.end;
    let p = cur.pos;
    let failure: Error | undefined;
    while (end - p >= 16) {
      const caplen = v.getUint32(p + 8, le);
      if (caplen > MAX_RECORD_BYTES) {
        failure = readError(path, "bad-file", `pcap: File has ${caplen}-byte packet, bigger than maximum of ${MAX_RECORD_BYTES}`);
        break;
      }
      const start = p + 16;
      if (end - start < caplen) break;
      const len = v.getUint32(p + 12, le);
      // wiretap keeps the nanoseconds in a 32-bit signed field: a damaged fraction wraps the same way here.
      const nsec = (v.getUint32(p + 4, le) * scale) | 0;
      const sec = v.getUint32(p, le);
      if (phdr === 0) {
        batch.push(new TimedFrame(sec, nsec, caplen, len, linktype, buf.subarray(start, start + caplen), 0));
      } else {
        const problem = pseudoHeaderProblem(linktype, buf.subarray(start, start + caplen));
        if (problem) {
          failure = readError(path, "bad-file", problem);
          break;
        }
        batch.push(new TimedFrame(sec, nsec, caplen - phdr, Math.max(0, len - phdr), linktype, buf.subarray(start + phdr, start + caplen), 0, undefined, buf.subarray(start, start + phdr)));
      }
      p = start + caplen;
    }
    cur.pos = p;
    if (batch.length) yield batch;
    if (failure) throw failure;
    const need = cur.available >= 16 ? 16 + cur.view.getUint32(cur.pos + 8, le) : 16;
    if (!(await cur.fill(need))) {
      if (cur.available === 0) return;
      throw readError(path, "short-read");
    }
  }
}
