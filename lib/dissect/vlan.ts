// 802.1Q VLAN tags and 802.1ad (Q-in-Q) service tags, each handing on by ethertype.
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { dissectEthertype } from "./eth.ts";

const PRIORITIES = vals({ 0: "Best Effort (default)", 1: "Background", 2: "Excellent Effort", 3: "Critical Applications", 4: "Video, < 100ms latency and jitter", 5: "Voice, < 10ms latency and jitter", 6: "Internetwork Control", 7: "Network Control" });

export const vlan = defineProtocol({ abbrev: "vlan", name: "802.1Q Virtual LAN", short: "VLAN" }, {
  priority: { name: "Priority", type: "FT_UINT16", base: "BASE_DEC", mask: 0xe000, strings: PRIORITIES, blurb: "Descriptions are recommendations from IEEE standard 802.1D-2004" },
  cfi: { name: "CFI", type: "FT_BOOLEAN", base: 16, mask: 0x1000, blurb: "Canonical Format Identifier" },
  dei: { name: "DEI", type: "FT_BOOLEAN", base: 16, mask: 0x1000, tfs: { yes: "Eligible", no: "Ineligible" }, blurb: "Drop Eligible Indicator" },
  id: { name: "ID", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff, blurb: "VLAN ID" },
  id_name: { name: "Name", type: "FT_STRING", blurb: "VLAN ID Name" },
  etype: { name: "Type", type: "FT_UINT16", base: "BASE_HEX", blurb: "Ethertype", strings: ethertypeNames },
  len: { name: "Length", type: "FT_UINT16", base: "BASE_DEC" },
  trailer: { name: "Trailer", type: "FT_BYTES", blurb: "VLAN Trailer" },
  "len.past_end": { name: "Length field value goes past the end of the payload", type: "FT_NONE" },
  too_many_tags: { name: "Too many nested VLAN tags", type: "FT_NONE" },
});

export const ieee8021ad = defineProtocol({ abbrev: "ieee8021ad", name: "IEEE 802.1ad", short: "802.1ad" }, {
  priority: { name: "Priority", type: "FT_UINT16", base: "BASE_DEC", mask: 0xe000 },
  dei: { name: "DEI", type: "FT_UINT16", base: "BASE_DEC", mask: 0x1000, blurb: "Drop Eligibility" },
  id: { name: "ID", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff, blurb: "Vlan ID" },
  svid: { name: "ID", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff, blurb: "S-Vlan ID" },
  cvid: { name: "ID", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff, blurb: "C-Vlan ID" },
});

export const vlanDissector: Dissector = {
  proto: vlan,
  name: "vlan",
  handoff: [["ethertype", 0x8100], ["ethertype", 0x9100]],
  dissect(tvb: Tvb, pkt: Packet, parent: Node): number {
    const V = vlan.f;
    const tci = tvb.u16(0);
    const type = tvb.u16(2);
    const pri = tci >> 13, dei = (tci >> 12) & 1, id = tci & 0xfff;
    const c = pkt.cols;
    c?.setProtocol("VLAN");
    c?.setInfo(`PRI: ${pri}  DEI: ${dei}  ID: ${id}`);
    const top = pkt.addProto(parent, vlan, tvb, 0, 4);
    if (pkt.full) top.append(`, PRI: ${pri}, DEI: ${dei}, ID: ${id}`);
    pkt.add(top, V.priority, tvb, 0, 2, pri);
    pkt.add(top, V.dei, tvb, 0, 2, dei);
    pkt.add(top, V.id, tvb, 0, 2, id);
    if (type <= 1500) {
      pkt.add(top, V.len, tvb, 2, 2, type);
      const llc = pkt.session.tables.byDissectorName.get("llc");
      const payload = tvb.subset(4, type);
      if (llc) llc.dissect(payload, pkt, parent);
      else pkt.session.tables.data.dissect(payload, pkt, parent);
      return 4 + type;
    }
    pkt.add(top, V.etype, tvb, 2, 2, type);
    return 4 + dissectEthertype(pkt, type, tvb.subset(4), parent, top);
  },
};

export const ieee8021adDissector: Dissector = {
  proto: ieee8021ad,
  name: "ieee8021ad",
  handoff: [["ethertype", 0x88a8]],
  dissect(tvb: Tvb, pkt: Packet, parent: Node): number {
    const A = ieee8021ad.f;
    const tci = tvb.u16(0);
    const type = tvb.u16(2);
    const id = tci & 0xfff;
    pkt.cols?.setProtocol("802.1ad");
    const top = pkt.addProto(parent, ieee8021ad, tvb, 0, 4);
    if (pkt.full) top.append(`, ID: ${id}`);
    pkt.add(top, A.priority, tvb, 0, 2, tci >> 13);
    pkt.add(top, A.dei, tvb, 0, 2, (tci >> 12) & 1);
    pkt.add(top, A.id, tvb, 0, 2, id);
    pkt.add(top, vlan.f.etype, tvb, 2, 2, type);
    return 4 + dissectEthertype(pkt, type, tvb.subset(4), parent, top);
  },
};
