// Linux cooked captures (-i any): SLL v1 (LINKTYPE_LINUX_SLL) and v2 (LINKTYPE_LINUX_SLL2).
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import { ADDR_ETHER, ADDR_IPV4, type Node, type Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { dissectEthertype } from "./eth.ts";

const HATYPES = vals({ 0: "NET/ROM pseudo", 1: "Ethernet", 2: "Experimental Ethernet", 3: "AX.25", 4: "ProNET", 5: "Chaos", 6: "IEEE 802", 7: "ARCNET", 8: "Hyperchannel", 9: "Lanstar", 10: "Autonet Short Address", 11: "Localtalk", 12: "LocalNet", 13: "Ultra link", 14: "SMDS", 15: "Frame Relay DLCI", 16: "ATM", 17: "HDLC", 18: "Fibre Channel", 19: "ATM (RFC 2225)", 20: "Serial Line", 21: "ATM", 22: "MIL-STD-188-220", 23: "Metricom STRIP", 24: "IEEE 1394.1995", 25: "MAPOS", 26: "Twinaxial", 27: "EUI-64", 28: "HIPARP", 29: "IP and ARP over ISO 7816-3", 30: "ARPSec", 31: "IPsec tunnel", 32: "InfiniBand", 33: "TIA-102 Project 25 CAI", 34: "Wiegand Interface", 35: "Pure IP", 36: "Experimental 1", 37: "HFI", 256: "Experimental 2", 257: "AEthernet", 260: "Notional KISS type", 264: "ADAPT", 270: "ROSE", 271: "CCITT X.25", 272: "Boards with X.25 in firmware", 280: "Controller Area Network", 512: "PPP", 513: "Cisco HDLC", 516: "LAPB", 517: "Digital's DDCMP protocol", 518: "Raw HDLC", 519: "Raw IP", 768: "IPIP tunnel", 769: "IP6IP6 tunnel", 770: "Frame Relay Access Device", 771: "SKIP vif", 772: "Loopback", 774: "Fiber Distributed Data Interface", 775: "AP1000 BIF", 776: "sit0 device - IPv6-in-IPv4", 777: "IP over DDP tunneller", 778: "GRE over IP", 779: "PIMSM register interface", 780: "High Performance Parallel Interface", 781: "Nexus 64Mbps Ash", 782: "Acorn Econet", 783: "Linux-IrDA", 784: "Point to point fibrechannel", 785: "Fibrechannel arbitrated loop", 786: "Fibrechannel public loop", 787: "Fibrechannel fabric", 800: "Magic type ident for TR", 801: "IEEE 802.11", 802: "IEEE 802.11 + Prism2 header", 803: "IEEE 802.11 + radiotap header", 804: "IEEE 802.15.4", 805: "IEEE 802.15.4 network monitor", 820: "PhoNet media type", 821: "PhoNet pipe header", 822: "CAIF media type", 823: "GRE over IPv6", 824: "Netlink", 825: "IPv6 over LoWPAN", 826: "Vsock monitor header", 65535: "Void type, nothing is known", 65534: "zero header length" });
const PKTTYPES = vals({ 0: "Unicast to us", 1: "Broadcast", 2: "Multicast", 3: "Unicast to another host", 4: "Sent by us" });

export const sll = defineProtocol({ abbrev: "sll", name: "Linux cooked-mode capture", short: "SLL" }, {
  pkttype: { name: "Packet type", type: "FT_UINT16", base: "BASE_DEC", strings: PKTTYPES },
  hatype: { name: "Link-layer address type", type: "FT_UINT16", base: "BASE_DEC", strings: HATYPES },
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
    dissectEthertype(pkt, proto, payload, parent, top, false);
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
  dissectEthertype(pkt, proto, payload, parent, top);
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
    } else dissectEthertype(pkt, proto, payload, parent, top);
    return tvb.reported;
  },
};
