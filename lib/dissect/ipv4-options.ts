// IPv4 options (RFC 791 and friends): type/length walk, route and timestamp options, router alert.
import { ip, OPT_TYPE } from "./ipv4.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";

const EOL = 0, NOP = 1, RR = 7, LSRR = 131, SSRR = 137, TS = 68, RA = 148;

/** Walk the options between byte 20 and the header length. Bad lengths end the walk, as packet-ip.c does. */
export function dissectIpv4Options(t: Tvb, pkt: Packet, top: Node, hlen: number): void {
  const optTree = pkt.addText(top, t, 20, hlen - 20, `Options: (${hlen - 20} bytes)`);
  const names: string[] = [];
  let off = 20;
  while (off < hlen) {
    const type = t.u8(off);
    const name = OPT_TYPE.get(type) ?? `Unknown (0x${type.toString(16).padStart(2, "0")})`;
    if (type === EOL || type === NOP) {
      const o = pkt.addText(optTree, t, off, 1, `IP Option - ${name}`);
      addType(pkt, o, t, off, type);
      names.push(name);
      off++;
      if (type === EOL) {
        if (off < hlen) pkt.add(optTree, ip.f["opt.padding"], t, off, hlen - off, null);
        break;
      }
      continue;
    }
    if (off + 1 >= hlen) break;
    const len = t.u8(off + 1);
    if (len < 2 || off + len > hlen) {
      const o = pkt.addText(optTree, t, off, hlen - off, `IP Option - ${name}`);
      addType(pkt, o, t, off, type);
      pkt.add(o, ip.f["opt.len"], t, off + 1, 1, len).append(len < 2 ? " [BOGUS: must be at least 2]" : " [BOGUS: option goes past end of options]");
      break;
    }
    const o = pkt.addText(optTree, t, off, len, `IP Option - ${name} (${len} bytes)`);
    addType(pkt, o, t, off, type);
    pkt.add(o, ip.f["opt.len"], t, off + 1, 1, len);
    names.push(name);
    if (type === RR || type === LSRR || type === SSRR) addRoute(pkt, o, t, off, len, type);
    else if (type === RA && len === 4) pkt.add(o, ip.f["opt.ra"], t, off + 2, 2, t.u16(off + 2));
    else if (type === TS && len >= 4) addTimestamps(pkt, o, t, off, len);
    off += len;
  }
  if (pkt.full && names.length) optTree.label += `, ${names.join(", ")}`;
}

function addType(pkt: Packet, o: Node, t: Tvb, off: number, type: number): void {
  const n = pkt.add(o, ip.f["opt.type"], t, off, 1, type);
  pkt.add(n, ip.f["opt.type.copy"], t, off, 1, type >> 7);
  pkt.add(n, ip.f["opt.type.class"], t, off, 1, (type >> 5) & 3);
  pkt.add(n, ip.f["opt.type.number"], t, off, 1, type & 0x1f);
}

function addRoute(pkt: Packet, o: Node, t: Tvb, off: number, len: number, type: number): void {
  if (len < 3) return;
  const ptr = t.u8(off + 2);
  pkt.add(o, ip.f["opt.ptr"], t, off + 2, 1, ptr);
  for (let a = 3; a + 4 <= len; a += 4) {
    const f = type === RR ? (a + 1 < ptr ? ip.f.rec_rt : ip.f.empty_rt) : a + 1 < ptr ? ip.f.src_rt : ip.f.src_rt;
    pkt.add(o, f, t, off + a, 4, t.u32(off + a));
  }
}

function addTimestamps(pkt: Packet, o: Node, t: Tvb, off: number, len: number): void {
  pkt.add(o, ip.f["opt.ptr"], t, off + 2, 1, t.u8(off + 2));
  const ofl = t.u8(off + 3);
  pkt.add(o, ip.f["opt.overflow"], t, off + 3, 1, ofl >> 4);
  pkt.add(o, ip.f["opt.flag"], t, off + 3, 1, ofl & 0xf);
  const withAddr = (ofl & 0xf) !== 0;
  for (let a = 4; a + (withAddr ? 8 : 4) <= len; a += withAddr ? 8 : 4) {
    if (withAddr) pkt.add(o, ip.f["opt.time_stamp_addr"], t, off + a, 4, t.u32(off + a));
    pkt.add(o, ip.f["opt.time_stamp"], t, off + a + (withAddr ? 4 : 0), 4, t.u32(off + a + (withAddr ? 4 : 0)));
  }
}
