// Ethernet II and 802.3 framing, plus the "ethertype" hand-off with its padding and trailer.
import { defineProtocol, type TrueFalse } from "./field.ts";
import { callData, callDissector, tryTable, type Dissector } from "./tables.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { ADDR_ETHER, NOOP, type Node, type Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { macName } from "./names.ts";

const LG: TrueFalse = { yes: "Locally administered address (this is NOT the factory default)", no: "Globally unique address (factory default)" };
const IG: TrueFalse = { yes: "Group address (multicast/broadcast)", no: "Individual address (unicast)" };
const LG_BLURB = "Specifies if this is a locally administered or globally unique (IEEE assigned) address";
const IG_BLURB = "Specifies if this is an individual (unicast) or group (broadcast/multicast) address";

export const eth = defineProtocol({ abbrev: "eth", name: "Ethernet", short: "Ethernet" }, {
  dst: { name: "Destination", type: "FT_ETHER", blurb: "Destination Hardware Address" },
  dst_resolved: { name: "Destination (resolved)", type: "FT_STRING", blurb: "Destination Hardware Address (resolved)" },
  "dst.oui": { name: "Destination OUI", type: "FT_UINT24", base: "BASE_OUI", blurb: "Destination Organizationally Unique Identifier" },
  "dst.oui_resolved": { name: "Destination OUI (resolved)", type: "FT_STRING", blurb: "Destination Organizationally Unique Identifier (resolved)" },
  src: { name: "Source", type: "FT_ETHER", blurb: "Source Hardware Address" },
  src_resolved: { name: "Source (resolved)", type: "FT_STRING", blurb: "Source Hardware Address (resolved)" },
  "src.oui": { name: "Source OUI", type: "FT_UINT24", base: "BASE_OUI", blurb: "Source Organizationally Unique Identifier" },
  "src.oui_resolved": { name: "Source OUI (resolved)", type: "FT_STRING", blurb: "Source Organizationally Unique Identifier (resolved)" },
  len: { name: "Length", type: "FT_UINT16", base: "BASE_DEC" },
  type: { name: "Type", type: "FT_UINT16", base: "BASE_HEX", strings: ethertypeNames },
  invalid_lentype: { name: "Invalid length/type", type: "FT_UINT16", base: "BASE_HEX_DEC" },
  addr: { name: "Address", type: "FT_ETHER", blurb: "Source or Destination Hardware Address" },
  addr_resolved: { name: "Address (resolved)", type: "FT_STRING", blurb: "Source or Destination Hardware Address (resolved)" },
  "addr.oui": { name: "Address OUI", type: "FT_UINT24", base: "BASE_OUI", blurb: "Address Organizationally Unique Identifier" },
  "addr.oui_resolved": { name: "Address OUI (resolved)", type: "FT_STRING", blurb: "Address Organizationally Unique Identifier (resolved)" },
  padding: { name: "Padding", type: "FT_BYTES", blurb: "Ethernet Padding" },
  trailer: { name: "Trailer", type: "FT_BYTES", blurb: "Ethernet Trailer or Checksum" },
  fcs: { name: "Frame check sequence", type: "FT_UINT32", base: "BASE_HEX", blurb: "Ethernet checksum" },
  "dst.lg": { name: "LG bit", type: "FT_BOOLEAN", base: 24, mask: 0x20000, tfs: LG, blurb: LG_BLURB },
  "dst.ig": { name: "IG bit", type: "FT_BOOLEAN", base: 24, mask: 0x10000, tfs: IG, blurb: IG_BLURB },
  "src.lg": { name: "LG bit", type: "FT_BOOLEAN", base: 24, mask: 0x20000, tfs: LG, blurb: LG_BLURB },
  "src.ig": { name: "IG bit", type: "FT_BOOLEAN", base: 24, mask: 0x10000, tfs: IG, blurb: IG_BLURB },
  lg: { name: "LG bit", type: "FT_BOOLEAN", base: 24, mask: 0x20000, tfs: LG, blurb: LG_BLURB },
  ig: { name: "IG bit", type: "FT_BOOLEAN", base: 24, mask: 0x10000, tfs: IG, blurb: IG_BLURB },
});

/** Wireshark's "ethertype" pseudo-protocol: it shows up in frame.protocols between eth and the payload. */
export const ethertype = defineProtocol({ abbrev: "ethertype", name: "Ethertype", short: "Ethertype" }, {});

const F = eth.f;

/** One MAC address with its hidden resolved/OUI companions and the LG/IG bits (as packet-eth.c adds them). */
function addMac(pkt: Packet, top: Node, tvb: Tvb, off: number, which: "dst" | "src"): void {
  const main = pkt.add(top, which === "dst" ? F.dst : F.src, tvb, off, 6, null);
  if (!pkt.full && !pkt.want) return;
  const oui = tvb.u24(off);
  const resolved = pkt.wants(F[`${which}_resolved`]) || pkt.wants(F.addr_resolved);
  const name = resolved ? macName(tvb.data, tvb.start + off, pkt.session.resolve.mac) : "";
  pkt.add(main, F[`${which}_resolved`], tvb, off, 6, name).hide().generated();
  pkt.add(main, F[`${which}.oui`], tvb, off, 3, oui).hide().generated();
  pkt.add(main, F.addr, tvb, off, 6, null);
  pkt.add(main, F.addr_resolved, tvb, off, 6, name).hide().generated();
  pkt.add(main, F["addr.oui"], tvb, off, 3, oui).hide().generated();
  pkt.add(main, F[`${which}.lg`], tvb, off, 3, (oui >> 17) & 1);
  pkt.add(main, F.lg, tvb, off, 3, (oui >> 17) & 1).hide();
  pkt.add(main, F[`${which}.ig`], tvb, off, 3, (oui >> 16) & 1);
  pkt.add(main, F.ig, tvb, off, 3, (oui >> 16) & 1).hide();
}

export const ethDissector: Dissector = {
  proto: eth,
  name: "eth_withoutfcs",
  handoff: [["link", 1]],
  dissect(tvb, pkt, parent) {
    // the layer counts before the first read, as Wireshark records it when the dissector is called
    const top = pkt.addProto(parent, eth, tvb, 0, 14);
    pkt.cols?.setProtocol("Ethernet");
    tvb.check(0, 14);
    const lenType = tvb.u16(12);
    const is8023 = lenType <= 1500;
    const c = pkt.cols;
    if (c) {
      c.setAddr("src", ADDR_ETHER, tvb.data, tvb.start + 6);
      c.setAddr("dst", ADDR_ETHER, tvb.data, tvb.start);
      c.setInfo("Ethernet II"); // both columns are replaced by the payload's dissector
    }
    if (pkt.full) {
      const r = pkt.session.resolve.mac;
      const mac = (o: number) => {
        const raw = macName(tvb.data, tvb.start + o, false);
        return r ? `${macName(tvb.data, tvb.start + o, true)} (${raw})` : raw;
      };
      top.setLabel(`${is8023 ? "IEEE 802.3 Ethernet" : "Ethernet II"}, Src: ${mac(6)}, Dst: ${mac(0)}`);
    }
    addMac(pkt, top, tvb, 0, "dst");
    addMac(pkt, top, tvb, 6, "src");
    if (is8023) {
      pkt.add(top, F.len, tvb, 12, 2, lenType);
      // 802.3 length: the LLC payload is exactly that long; the rest is padding/trailer
      const payload = tvb.subset(14, lenType);
      const llc = pkt.session.tables.byDissectorName.get("llc");
      const used = llc ? callDissector(llc, payload, pkt, parent) : callData(payload, pkt, parent);
      addTrailer(pkt, top, tvb, 14 + (used || lenType));
      return tvb.reported;
    }
    pkt.add(top, F.type, tvb, 12, 2, lenType);
    dissectEthertype(pkt, lenType, tvb.subset(14), parent, top);
    return tvb.reported;
  },
};

/**
 * Hand a payload to the ethertype table (Data when unknown). Bytes after what the payload used are the
 * link layer's padding and trailer, shown in the subtree of the protocol that named the ethertype (`owner`,
 * the innermost VLAN tag when there are tags). Returns the whole payload length: nothing is left over.
 */
export function dissectEthertype(pkt: Packet, type: number, payload: Tvb, parent: Node, ownerOrLayer: Node | boolean = true, asLayer = true): number {
  // (pkt, type, payload, parent, asLayer) is the older form: no owner for the trailer
  const owner = typeof ownerOrLayer === "boolean" ? NOOP : ownerOrLayer;
  if (typeof ownerOrLayer === "boolean") asLayer = ownerOrLayer;
  if (asLayer) pkt.addLayer(ethertype.abbrev);
  let used = tryTable(pkt, "ethertype", type, payload, parent);
  if (!used) {
    const c = pkt.cols;
    if (c) {
      // packet-ethertype.c: the number as protocol, its name (when it has one) as Info
      c.setProtocol(`0x${type.toString(16).padStart(4, "0")}`);
      const name = ethertypeNames.get(type);
      if (name !== undefined) c.setInfo(name);
    }
    used = callData(payload, pkt, parent);
  }
  addTrailer(pkt, owner, payload, used);
  return payload.reported;
}

/**
 * Bytes after the payload: up to the 60-byte minimum frame they are padding, past it a trailer
 * (Wireshark's add_ethernet_trailer with its default "assume padding" preference).
 */
function addTrailer(pkt: Packet, top: Node, tvb: Tvb, end: number): void {
  const left = tvb.captured - end;
  if (left <= 0 || (!pkt.full && !pkt.want)) return;
  const frameEnd = tvb.start + end;
  const pad = frameEnd < 60 ? Math.min(left, 60 - frameEnd) : 0;
  if (pad > 0) pkt.add(top, F.padding, tvb, end, pad, null);
  if (left > pad) pkt.add(top, F.trailer, tvb, end + pad, left - pad, null);
}
