// pcapng blocks from a ByteCursor: several sections (either byte order), interfaces, EPB/SPB/OPB
// packets, comments; NRB, ISB, DSB and unknown blocks are skipped by their length.
import type { ByteCursor } from "./byte-cursor.ts";
import type { Frame } from "./frame.ts";
import type { IfaceInfo } from "./iface.ts";
import { pseudoHeaderBytes, pseudoHeaderProblem } from "./pseudo-headers.ts";
import { MAX_RECORD_BYTES, readError } from "./read-errors.ts";
import { TimedFrame } from "./timed-frame.ts";

export const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_OPB = 2;
const BT_SPB = 3;
const BT_EPB = 6;
const BT_ISB = 5;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** wiretap refuses blocks over 16 MiB (plus a margin for the block's own fields) */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024 + 1024;

const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FILTER = 11;
const IF_OS = 12;
const IF_TSOFFSET = 14;
const ISB_IFDROP = 5;

/** How one interface's timestamp units become seconds and nanoseconds. */
interface Clock {
  /** units per second */
  perSecond: number;
  perSecondBig: bigint;
  offsetSec: number;
}

interface SectionIface {
  global: number;
  info: IfaceInfo;
  clock: Clock;
}

/** What the reader learns besides frames: interface drops from ISBs. */
export interface PcapngCounters {
  ifDropped: number;
}

const decoder = new TextDecoder();

interface Option {
  code: number;
  at: number;
  len: number;
}

/** The options of a block body, from `start` to `stop` (exclusive), in the section's byte order. */
function options(v: DataView, start: number, stop: number, le: boolean): Option[] {
  const out: Option[] = [];
  let p = start;
  while (p + 4 <= stop) {
    const code = v.getUint16(p, le);
    const len = v.getUint16(p + 2, le);
    if (code === 0) break;
    if (p + 4 + len > stop) break;
    out.push({ code, at: p + 4, len });
    p += 4 + ((len + 3) & ~3);
  }
  return out;
}

function text(buf: Uint8Array, o: Option): string {
  return decoder.decode(buf.subarray(o.at, o.at + o.len)).replace(/\0+$/, "");
}

function clockOf(resolByte: number | undefined, offsetSec: number): Clock {
  const r = resolByte ?? 6;
  const exp = r & 0x7f;
  const perSecond = r & 0x80 ? 2 ** exp : 10 ** exp;
  const perSecondBig = r & 0x80 ? 1n << BigInt(exp) : 10n ** BigInt(exp);
  return { perSecond, perSecondBig, offsetSec };
}

/** The bigint nanoseconds one timestamp unit lasts, at least 1n; and the fraction digits tshark shows. */
function resolutionOf(resolByte: number | undefined): { tsresolNs: bigint; tsDigits: number } {
  const r = resolByte ?? 6;
  const exp = r & 0x7f;
  if (r & 0x80) {
    const digits = Math.min(9, Math.ceil(exp * Math.log10(2)));
    return { tsresolNs: exp >= 30 ? 1n : BigInt(Math.max(1, Math.round(1e9 / 2 ** exp))), tsDigits: digits };
  }
  return { tsresolNs: exp >= 9 ? 1n : 10n ** BigInt(9 - exp), tsDigits: Math.min(9, exp) };
}

/**
 * Every packet of every section. `ifaces` is the session's interface list: it grows as IDBs appear,
 * and frame.iface indexes it (interfaces of later sections follow those of earlier ones).
 */
export async function* readPcapngBatches(
  cur: ByteCursor,
  path: string,
  ifaces: IfaceInfo[],
  counters: PcapngCounters,
): AsyncGenerator<Frame[]> {
  // Frames of complete blocks gather in `pending` and are handed over before the cursor has to wait
  // for more input, and before an error: one await per chunk, and nothing read is lost.
  const pending: Pending = { batch: [] };
  try {
    yield* blockLoop(cur, path, ifaces, counters, pending);
  } catch (e) {
    if (pending.batch.length) yield pending.batch;
    throw e;
  }
  if (pending.batch.length) yield pending.batch;
}

interface Pending {
  batch: Frame[];
}

async function* blockLoop(cur: ByteCursor, path: string, ifaces: IfaceInfo[], counters: PcapngCounters, pending: Pending): AsyncGenerator<Frame[]> {
  let le = true;
  let section: SectionIface[] = [];
  let first = true;
  for (;;) {
    if (cur.end - cur.pos < 12 && pending.batch.length) {
      yield pending.batch;
      pending.batch = [];
    }
    if (cur.end - cur.pos < 12 && !(await cur.fill(12))) {
      if (cur.available === 0 && !first) return;
      throw readError(path, first ? "short-open" : "short-read");
    }
    let v = cur.view;
    let p = cur.pos;
    let type = v.getUint32(p, le);
    if (type === BT_SHB) {
      const bom = v.getUint32(p + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (v.getUint32(p + 8, false) === BYTE_ORDER_MAGIC) le = false;
      else throw readError(path, first ? "not-capture" : "bad-file", first ? undefined : `pcapng: unknown byte-order magic number 0x${bom.toString(16).padStart(8, "0")}`);
      section = [];
    } else if (first) {
      throw readError(path, "not-capture");
    }
    first = false;
    const blen = v.getUint32(p + 4, le);
    if (blen < 12 || blen % 4 !== 0 || blen > MAX_BLOCK_BYTES) {
      throw readError(path, "bad-file", blen < 12
        ? `pcapng: total block length ${blen} of block is too small (< 12)`
        : blen % 4 !== 0
          ? `pcapng: total block length ${blen} is not a multiple of 4`
          : `pcapng: total block length ${blen} is too large (> ${MAX_BLOCK_BYTES})`);
    }
    if (cur.end - p < blen) {
      if (pending.batch.length) {
        yield pending.batch;
        pending.batch = [];
      }
      if (!(await cur.fill(blen))) throw readError(path, "short-read");
      v = cur.view;
      p = cur.pos;
      type = v.getUint32(p, le);
    }
    const body = p + 8;
    const stop = p + blen - 4;
    if (v.getUint32(stop, le) !== blen) {
      throw readError(path, "bad-file", `pcapng: total block lengths (first ${blen} and second ${v.getUint32(stop, le)}) don't match`);
    }
    cur.pos = p + blen;
    switch (type) {
      case BT_IDB: {
        if (blen < 20) throw readError(path, "bad-file", `pcapng: block length ${blen} of an IDB is too small`);
        const linktype = v.getUint16(body, le);
        const snaplen = v.getUint32(body + 4, le);
        const info: IfaceInfo = { name: "", linktype, snaplen, tsresolNs: 1000n, tsDigits: 6 };
        let resol: number | undefined;
        let offsetSec = 0;
        for (const o of options(v, body + 8, stop, le)) {
          if (o.code === IF_NAME) info.name = text(cur.buf, o);
          else if (o.code === IF_DESCRIPTION) info.description = text(cur.buf, o);
          else if (o.code === IF_TSRESOL && o.len >= 1) resol = cur.buf[o.at];
          else if (o.code === IF_FILTER && o.len >= 1) info.filter = decoder.decode(cur.buf.subarray(o.at + 1, o.at + o.len));
          else if (o.code === IF_OS) info.os = text(cur.buf, o);
          else if (o.code === IF_TSOFFSET && o.len >= 8) offsetSec = Number(v.getBigInt64(o.at, le));
        }
        Object.assign(info, resolutionOf(resol));
        section.push({ global: ifaces.length, info, clock: clockOf(resol, offsetSec) });
        ifaces.push(info);
        break;
      }
      case BT_EPB:
      case BT_OPB: {
        if (blen < 32) throw readError(path, "bad-file", `pcapng: block length ${blen} of a packet block is too small`);
        const id = type === BT_EPB ? v.getUint32(body, le) : v.getUint16(body, le);
        const iface = section[id];
        if (!iface) throw readError(path, "bad-file", `pcapng: interface index ${id} is not less than section interface count ${section.length}`);
        const hi = v.getUint32(body + 4, le);
        const lo = v.getUint32(body + 8, le);
        const caplen = v.getUint32(body + 12, le);
        const len = v.getUint32(body + 16, le);
        const data = body + 20;
        if (caplen > stop - data) throw readError(path, "bad-file", `pcapng: cap_len ${caplen} is larger than the packet data in the block`);
        if (caplen > MAX_RECORD_BYTES * 4) throw readError(path, "bad-file", `pcapng: cap_len ${caplen} is larger than maximum supported length ${MAX_RECORD_BYTES * 4}`);
        let comments: string[] | undefined;
        const optStart = data + ((caplen + 3) & ~3);
        if (optStart < stop) {
          for (const o of options(v, optStart, stop, le)) {
            if (o.code === OPT_COMMENT) (comments ??= []).push(text(cur.buf, o));
          }
        }
        timeOf(hi, lo, iface.clock);
        const sec = splitSec;
        const nsec = splitNsec;
        const phdr = pseudoHeaderBytes(iface.info.linktype);
        if (phdr === 0) {
          pending.batch.push(new TimedFrame(sec, nsec, caplen, len, iface.info.linktype, cur.buf.subarray(data, data + caplen), iface.global, comments));
        } else {
          const problem = pseudoHeaderProblem(iface.info.linktype, cur.buf.subarray(data, data + caplen));
          if (problem) throw readError(path, "bad-file", problem);
          pending.batch.push(new TimedFrame(sec, nsec, caplen - phdr, Math.max(0, len - phdr), iface.info.linktype, cur.buf.subarray(data + phdr, data + caplen), iface.global, comments, cur.buf.subarray(data, data + phdr)));
        }
        break;
      }
      case BT_SPB: {
        const iface = section[0];
        if (!iface) throw readError(path, "bad-file", "pcapng: simple packet block in a section without interfaces");
        const len = v.getUint32(body, le);
        const room = stop - (body + 4);
        let caplen = Math.min(len, room);
        if (iface.info.snaplen > 0) caplen = Math.min(caplen, iface.info.snaplen);
        const data = body + 4;
        pending.batch.push(new TimedFrame(0, 0, caplen, len, iface.info.linktype, cur.buf.subarray(data, data + caplen), iface.global));
        break;
      }
      case BT_ISB: {
        for (const o of options(v, body + 12, stop, le)) {
          if (o.code === ISB_IFDROP && o.len >= 8) counters.ifDropped += Number(v.getBigUint64(o.at, le));
        }
        break;
      }
      default:
        break; // SHB (handled above), NRB, DSB, custom and unknown blocks
    }
  }
}

// timeOf's results: two module variables instead of an object per packet on the hot path.
let splitSec = 0;
let splitNsec = 0;

/** Split a 64-bit unit count into seconds and nanoseconds, exactly (bigint only past 2^53 units). */
function timeOf(hi: number, lo: number, c: Clock): void {
  if (hi < 0x200000) {
    const units = hi * 0x100000000 + lo;
    const sec = Math.floor(units / c.perSecond);
    const rem = units - sec * c.perSecond;
    // 1e9 / perSecond is a whole number for decimal resolutions up to nanoseconds, so this stays exact.
    const nsPerUnit = 1e9 / c.perSecond;
    const nsec = Number.isInteger(nsPerUnit) ? rem * nsPerUnit : Math.floor(rem * nsPerUnit);
    splitSec = sec + c.offsetSec;
    splitNsec = nsec;
    return;
  }
  const units = (BigInt(hi) << 32n) | BigInt(lo);
  const sec = units / c.perSecondBig;
  const rem = units % c.perSecondBig;
  splitSec = Number(sec) + c.offsetSec;
  splitNsec = Number((rem * 1_000_000_000n) / c.perSecondBig);
}
