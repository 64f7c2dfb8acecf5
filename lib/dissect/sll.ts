// Linux cooked captures (-i any): SLL v1 (LINKTYPE_LINUX_SLL) and v2 (LINKTYPE_LINUX_SLL2).
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import { ADDR_ETHER, ADDR_IPV4, type Node, type Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { dissectEthertype } from "./eth.ts";

const PKTTYPES = vals({ 0: "Unicast to us", 1: "Broadcast", 2: "Multicast", 3: "Unicast to another host", 4: "Sent by us" });

export const sll = defineProtocol({ abbrev: "sll", name: "Linux cooked-mode capture", short: "SLL" }, {
  pkttype: { name: "Packet type", type: "FT_UINT16", base: "BASE_DEC", strings: PKTTYPES },
  hatype: { name: "Link-layer address type", type: "FT_UINT16", base: "BASE_DEC" },
  halen: { name: "Link-layer address length", type: "FT_UINT16", base: "BASE_DEC" },
  "src.eth": { name: "Source", type: "FT_ETHER", blurb: "Source link-layer address" },
  "src.ipv4": { name: "Source", type: "FT_IPv4", blurb: "Source link-layer address" },
  "src.other": { name: "Source", type: "FT_BYTES", blurb: "Source link-layer address" },
  unused: { name: "Unused", type: "FT_BYTES", blurb: "Unused bytes" },
  ltype: { name: "Protocol", type: "FT_UINT16", base: "BASE_HEX", blurb: "Linux protocol type" },
  gretype: { name: "Protocol", type: "FT_UINT16", base: "BASE_HEX", blurb: "GRE protocol type" },
  etype: { name: "Protocol", type: "FT_UINT16", base: "BASE_HEX", blurb: "Ethernet protocol type", strings: ethertypeNames },
  trailer: { name: "Trailer", type: "FT_BYTES" },
  ifindex: { name: "Interface index", type: "FT_UINT32", base: "BASE_DEC" },
});

const S = sll.f;
const ARPHRD_IPGRE = 778, ARPHRD_NETLINK = 824;

/** The link-layer address (up to 8 bytes) as the Source column and its field. */
function addSource(pkt: Packet, top: Node, tvb: Tvb, off: number, hatype: number, halen: number): void {
  const c = pkt.cols;
  if (halen === 6 && hatype !== ARPHRD_NETLINK) {
    pkt.add(top, S["src.eth"], tvb, off, 6, null);
    c?.setAddr("src", ADDR_ETHER, tvb.data, tvb.start + off);
  } else if (halen === 4) {
    pkt.add(top, S["src.ipv4"], tvb, off, 4, tvb.u32(off));
    c?.setAddr("src", ADDR_IPV4, tvb.data, tvb.start + off);
  } else if (halen > 0) {
    pkt.add(top, S["src.other"], tvb, off, Math.min(halen, 8), null);
  }
  if (halen < 8) pkt.add(top, S.unused, tvb, off + halen, 8 - halen, null);
}

/** After the header: ethertype, or one of Linux's special protocol numbers below 0x0600. */
function handOff(pkt: Packet, top: Node, tvb: Tvb, off: number, proto: number, hatype: number, parent: Node): void {
  const payload = tvb.subset(off);
  if (hatype === ARPHRD_IPGRE) {
    pkt.add(top, S.gretype, tvb, off - 2, 2, proto);
    // GRE protocol types go straight to the "gre.proto" table: no ethertype layer in between
    dissectEthertype(pkt, proto, payload, parent, false);
    return;
  }
  if (proto <= 1536) {
    pkt.add(top, S.ltype, tvb, off - 2, 2, proto);
    // LINUX_SLL_P_802_2 (4) is LLC; everything else is shown as data
    const llc = proto === 4 ? pkt.session.tables.byDissectorName.get("llc") : undefined;
    if (llc) llc.dissect(payload, pkt, parent);
    else pkt.session.tables.data.dissect(payload, pkt, parent);
    return;
  }
  pkt.add(top, S.etype, tvb, off - 2, 2, proto);
  dissectEthertype(pkt, proto, payload, parent);
}

export const sllDissector: Dissector = {
  proto: sll,
  name: "sll",
  handoff: [["link", 113]],
  dissect(tvb, pkt, parent) {
    tvb.check(0, 16);
    const pkttype = tvb.u16(0), hatype = tvb.u16(2), halen = tvb.u16(4), proto = tvb.u16(14);
    pkt.cols?.setProtocol("SLL");
    const top = pkt.addProto(parent, sll, tvb, 0, 16);
    if (pkt.full) top.setLabel("Linux cooked capture v1");
    pkt.add(top, S.pkttype, tvb, 0, 2, pkttype);
    pkt.add(top, S.hatype, tvb, 2, 2, hatype);
    pkt.add(top, S.halen, tvb, 4, 2, halen);
    addSource(pkt, top, tvb, 6, hatype, halen);
    handOff(pkt, top, tvb, 16, proto, hatype, parent);
    return tvb.reported;
  },
};

export const sll2Dissector: Dissector = {
  proto: sll,
  name: "sll2",
  handoff: [["link", 276]],
  dissect(tvb, pkt, parent) {
    tvb.check(0, 20);
    const proto = tvb.u16(0), ifindex = tvb.u32(4), hatype = tvb.u16(8), pkttype = tvb.u8(10), halen = tvb.u8(11);
    pkt.cols?.setProtocol("SLL");
    const top = pkt.addProto(parent, sll, tvb, 0, 20);
    if (pkt.full) top.setLabel("Linux cooked capture v2");
    pkt.add(top, S.etype, tvb, 0, 2, proto);
    pkt.add(top, S.ifindex, tvb, 4, 4, ifindex);
    pkt.add(top, S.hatype, tvb, 8, 2, hatype);
    pkt.add(top, S.pkttype, tvb, 10, 1, pkttype);
    pkt.add(top, S.halen, tvb, 11, 1, halen);
    addSource(pkt, top, tvb, 12, hatype, halen);
    const payload = tvb.subset(20);
    if (proto <= 1536) {
      const llc = proto === 4 ? pkt.session.tables.byDissectorName.get("llc") : undefined;
      if (llc) llc.dissect(payload, pkt, parent);
      else pkt.session.tables.data.dissect(payload, pkt, parent);
    } else dissectEthertype(pkt, proto, payload, parent);
    return tvb.reported;
  },
};
