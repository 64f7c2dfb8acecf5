// Builders for small pcap and pcapng files in tests: any byte order, resolution, block mix.

export interface RecordSpec {
  sec: number;
  frac: number;
  data: Uint8Array;
  /** on-the-wire length; defaults to data.length */
  len?: number;
}

/** A classic pcap file. */
export function pcapFile(o: { littleEndian?: boolean; nano?: boolean; linktype?: number; snaplen?: number; records: RecordSpec[] }): Uint8Array {
  const le = o.littleEndian ?? true;
  const size = 24 + o.records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, o.snaplen ?? 65535, le);
  v.setUint32(20, o.linktype ?? 1, le);
  let p = 24;
  for (const r of o.records) {
    v.setUint32(p, r.sec, le);
    v.setUint32(p + 4, r.frac, le);
    v.setUint32(p + 8, r.data.length, le);
    v.setUint32(p + 12, r.len ?? r.data.length, le);
    out.set(r.data, p + 16);
    p += 16 + r.data.length;
  }
  return out;
}

/** One pcapng block: type, body (already padded) and options as [code, bytes] pairs. */
export function ngBlock(le: boolean, type: number, body: Uint8Array, options: [number, Uint8Array][] = []): Uint8Array {
  const optBytes = options.length ? options.reduce((n, [, b]) => n + 4 + ((b.length + 3) & ~3), 4) : 0;
  const total = 12 + body.length + optBytes;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, total, le);
  out.set(body, 8);
  let p = 8 + body.length;
  for (const [code, b] of options) {
    v.setUint16(p, code, le);
    v.setUint16(p + 2, b.length, le);
    out.set(b, p + 4);
    p += 4 + ((b.length + 3) & ~3);
  }
  if (options.length) p += 4;
  v.setUint32(total - 4, total, le);
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

export function shb(le: boolean): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x1a2b3c4d, le);
  v.setUint16(4, 1, le);
  v.setBigInt64(8, -1n, le);
  return ngBlock(le, 0x0a0d0d0a, body, [[4, text("test")]]);
}

export function idb(le: boolean, linktype: number, o: { name?: string; tsresol?: number; snaplen?: number } = {}): Uint8Array {
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, linktype, le);
  v.setUint32(4, o.snaplen ?? 0, le);
  const opts: [number, Uint8Array][] = [];
  if (o.name) opts.push([2, text(o.name)]);
  if (o.tsresol !== undefined) opts.push([9, new Uint8Array([o.tsresol])]);
  return ngBlock(le, 1, body, opts);
}

export function epb(le: boolean, iface: number, units: bigint, data: Uint8Array, comment?: string, len?: number): Uint8Array {
  const body = new Uint8Array(20 + ((data.length + 3) & ~3));
  const v = new DataView(body.buffer);
  v.setUint32(0, iface, le);
  v.setUint32(4, Number(units >> 32n), le);
  v.setUint32(8, Number(units & 0xffffffffn), le);
  v.setUint32(12, data.length, le);
  v.setUint32(16, len ?? data.length, le);
  body.set(data, 20);
  return ngBlock(le, 6, body, comment ? [[1, text(comment)]] : []);
}

export function spb(le: boolean, data: Uint8Array, len?: number): Uint8Array {
  const body = new Uint8Array(4 + ((data.length + 3) & ~3));
  new DataView(body.buffer).setUint32(0, len ?? data.length, le);
  body.set(data, 4);
  return ngBlock(le, 3, body);
}

/** An ISB reporting `ifdrop` drops, and an NRB naming one address: blocks a reader must step over. */
export function isb(le: boolean, iface: number, ifdrop: bigint): Uint8Array {
  const body = new Uint8Array(12);
  new DataView(body.buffer).setUint32(0, iface, le);
  const drop = new Uint8Array(8);
  new DataView(drop.buffer).setBigUint64(0, ifdrop, le);
  return ngBlock(le, 5, body, [[5, drop]]);
}

export function nrb(le: boolean): Uint8Array {
  const rec = new Uint8Array(4 + 4 + 12);
  const v = new DataView(rec.buffer);
  v.setUint16(0, 1, le); // nrb_record_ipv4
  v.setUint16(2, 4 + 9, le);
  rec.set([127, 0, 0, 1], 4);
  rec.set(text("localhost"), 8);
  return ngBlock(le, 4, new Uint8Array([...rec, 0, 0, 0, 0]));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

export const bytes = (n: number, seed = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
