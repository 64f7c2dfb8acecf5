// A synchronous pcap/pcapng file reader for tsshark's file path (plain and pcapng; both byte orders, us/ns).
//
// The capture engineer's lib/capture/open.ts (openCapture) is the general source (live capture, stdin,
// gzip); this reader serves -r FILE for the dissection engine, the tests and the benchmark, and gives the
// per-frame timestamp precision the Time column needs.
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import type { Frame } from "../pcap/frame.ts";

export interface FrameFile {
  frames(): Iterable<Frame>;
  /** fraction digits of this frame's timestamps (6 for microsecond files, 9 for nanosecond ones) */
  digits(f: Frame): number;
  readonly interfaceNames: readonly string[];
}

const CHUNK = 4 << 20;

export async function openFrameFile(path: string): Promise<FrameFile> {
  if (path === "-") return fromBuffer(new Uint8Array(await new Response(Bun.stdin.stream()).arrayBuffer()), path);
  if (!existsSync(path)) throw new ToolError(`The file "${path}" doesn't exist.`, 2);
  const fd = openSync(path, "r");
  const head = new Uint8Array(24);
  const got = readSync(fd, head, 0, 24, 0);
  const dv = new DataView(head.buffer);
  const magic = got >= 4 ? dv.getUint32(0, true) : 0;
  const pcap = got >= 24 && [0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1].includes(magic);
  if (!pcap) {
    closeSync(fd);
    return fromBuffer(readFileSync(path), path);
  }
  closeSync(fd);
  return pcapFile(path, head);
}

function notCapture(path: string): ToolError {
  return new ToolError(`The file "${path}" isn't a capture file in a format TShark understands.`, 2);
}

function fromBuffer(buf: Uint8Array, path: string): FrameFile {
  if (buf.length < 4) throw notCapture(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(0, true) === 0x0a0d0d0a) return readPcapng(buf, dv);
  if (buf.length < 24) throw notCapture(path);
  const magic = dv.getUint32(0, true);
  if (![0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1].includes(magic)) throw notCapture(path);
  return pcapRecords(buf.subarray(0, 24), () => {
    let done = false;
    return () => (done ? null : ((done = true), buf.subarray(24)));
  });
}

/** A pcap file read in 4 MiB chunks, so a large file never sits in memory whole. */
function pcapFile(path: string, head: Uint8Array): FrameFile {
  return pcapRecords(head, () => {
    const fd = openSync(path, "r");
    let pos = 24;
    return () => {
      const chunk = new Uint8Array(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, pos);
      if (n <= 0) {
        closeSync(fd);
        return null;
      }
      pos += n;
      return chunk.subarray(0, n);
    };
  });
}

/** pcap records from a sequence of byte chunks (a record may straddle two chunks). */
function pcapRecords(head: Uint8Array, open: () => () => Uint8Array | null): FrameFile {
  const hv = new DataView(head.buffer, head.byteOffset, 24);
  const magic = hv.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  // the upper bits carry the FCS length (LINKTYPE_* itself fits in 16 bits)
  const linktype = hv.getUint32(20, little) & 0xffff;
  const digits = nano ? 9 : 6;
  return {
    interfaceNames: [],
    digits: () => digits,
    *frames() {
      const next = open();
      let buf: Uint8Array = new Uint8Array(0);
      let off = 0;
      let lastSec = -1;
      let secNs = 0n;
      for (;;) {
        if (buf.length - off < 16 || buf.length - off < 16 + recordLen(buf, off, little)) {
          const more = next();
          if (!more) return;
          const rest = buf.subarray(off);
          if (rest.length) {
            const joined = new Uint8Array(rest.length + more.length);
            joined.set(rest);
            joined.set(more, rest.length);
            buf = joined;
          } else buf = more;
          off = 0;
          continue;
        }
        const dv = new DataView(buf.buffer, buf.byteOffset + off, 16);
        const sec = dv.getUint32(0, little);
        const frac = dv.getUint32(4, little);
        const caplen = dv.getUint32(8, little);
        const len = dv.getUint32(12, little);
        off += 16;
        // consecutive frames mostly share their second: one BigInt multiply per second, not per frame
        if (sec !== lastSec) {
          lastSec = sec;
          secNs = BigInt(sec) * 1_000_000_000n;
        }
        const ts = secNs + BigInt(nano ? frac : frac * 1000);
        yield { ts, caplen, len, linktype, data: buf.subarray(off, off + caplen) };
        off += caplen;
      }
    },
  };
}

function recordLen(buf: Uint8Array, off: number, little: boolean): number {
  const p = off + 8;
  return little
    ? (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0
    : ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
}

interface Idb {
  linktype: number;
  /** ticks per second */
  tsresol: bigint;
  digits: number;
  name?: string;
}

function readPcapng(buf: Uint8Array, dv: DataView): FrameFile {
  const idbs: Idb[] = [];
  const names: string[] = [];
  const digitsOf = new WeakMap<Frame, number>();
  return {
    interfaceNames: names,
    digits: (f) => digitsOf.get(f) ?? 6,
    *frames() {
      let off = 0;
      let little = true;
      while (off + 12 <= buf.length) {
        let type = dv.getUint32(off, little);
        if (type === 0x0a0d0d0a) {
          little = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
          idbs.length = 0;
          type = 0x0a0d0d0a;
        }
        const blen = dv.getUint32(off + 4, little);
        if (blen < 12 || off + blen > buf.length) return;
        if (type === 1) {
          const linktype = dv.getUint16(off + 8, little);
          const idb: Idb = { linktype, tsresol: 1_000_000n, digits: 6 };
          let o = off + 16;
          while (o + 4 <= off + blen - 4) {
            const code = dv.getUint16(o, little), olen = dv.getUint16(o + 2, little);
            if (code === 0) break;
            if (code === 9 && olen >= 1) {
              const r = buf[o + 4]!;
              idb.tsresol = r & 0x80 ? 1n << BigInt(r & 0x7f) : 10n ** BigInt(r);
              idb.digits = r & 0x80 ? Math.ceil((r & 0x7f) * 0.30103) : r;
            }
            if (code === 2) idb.name = new TextDecoder().decode(buf.subarray(o + 4, o + 4 + olen));
            o += 4 + ((olen + 3) & ~3);
          }
          idbs.push(idb);
          names.push(idb.name ?? "unknown");
        } else if (type === 6 || type === 3) {
          const epb = type === 6;
          const iface = epb ? dv.getUint32(off + 8, little) : 0;
          const idb = idbs[iface];
          if (idb) {
            const caplen = epb ? dv.getUint32(off + 20, little) : Math.min(blen - 16, dv.getUint32(off + 8, little));
            const len = epb ? dv.getUint32(off + 24, little) : dv.getUint32(off + 8, little);
            const dataOff = off + (epb ? 28 : 12);
            if (dataOff + caplen <= off + blen) {
              let ts = 0n;
              if (epb) {
                const ticks = (BigInt(dv.getUint32(off + 12, little)) << 32n) | BigInt(dv.getUint32(off + 16, little));
                ts = (ticks * 1_000_000_000n) / idb.tsresol;
              }
              const f: Frame = { ts, caplen, len, linktype: idb.linktype, data: buf.subarray(dataOff, dataOff + caplen), iface };
              digitsOf.set(f, idb.digits);
              yield f;
            }
          }
        }
        off += blen;
      }
    },
  };
}
