// BSD loopback encapsulation (LINKTYPE_NULL, LINKTYPE_LOOP): a 4-byte address family, then IP or IPv6.
import { defineProtocol, vals } from "./field.ts";
import { callData, tryTable, type Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";

const FAMILIES = vals({ 2: "IP", 7: "OSI", 16: "Appletalk", 23: "Netware IPX/SPX", 24: "IPv6", 28: "IPv6", 30: "IPv6" });

export const nul = defineProtocol({ abbrev: "null", name: "Null/Loopback", short: "NULL" }, {
  type: { name: "Type", type: "FT_UINT16", base: "BASE_HEX" },
  family: { name: "Family", type: "FT_UINT32", base: "BASE_DEC", strings: FAMILIES },
});

/** AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD) or 30 (macOS), 10 on Linux. */
function familyEthertype(family: number): number {
  if (family === 2) return 0x0800;
  if (family === 24 || family === 28 || family === 30 || family === 10) return 0x86dd;
  return -1;
}

function dissectNull(bigEndianOnly: boolean) {
  return (tvb: Tvb, pkt: Packet, parent: Node): number => {
    tvb.check(0, 4);
    let family = tvb.u32(0);
    // LINKTYPE_NULL stores the family in the capturing host's byte order: a value that only fits swapped is swapped.
    if (!bigEndianOnly && (family & 0xffff0000) !== 0) family = tvb.u32le(0);
    pkt.cols?.setProtocol("NULL");
    const top = pkt.addProto(parent, nul, tvb, 0, 4);
    pkt.add(top, nul.f.family, tvb, 0, 4, family);
    const et = familyEthertype(family);
    const payload = tvb.subset(4);
    if (et < 0 || !tryTable(pkt, "ethertype", et, payload, parent)) callData(payload, pkt, parent);
    return tvb.reported;
  };
}

export const nullDissector: Dissector = { proto: nul, name: "null", handoff: [["link", 0]], dissect: dissectNull(false) };
export const loopDissector: Dissector = { proto: nul, name: "loop", handoff: [["link", 108]], dissect: dissectNull(true) };
