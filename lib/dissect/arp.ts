// ARP and RARP (RFC 826, RFC 903): requests, replies, probes, announcements and gratuitous ARP as tshark words them.
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { hexColon } from "./names.ts";
import { ipv4At } from "../format/address.ts";

const OPCODES = vals({ 1: "request", 2: "reply", 3: "reverse request", 4: "reverse reply", 5: "drarp request", 6: "drarp reply", 7: "drarp error", 8: "inverse request", 9: "inverse reply", 10: "arp nak", 11: "mars request", 12: "mars multi", 13: "mars mserv", 14: "mars join", 15: "mars leave", 16: "mars nak", 17: "mars unserv", 18: "mars sjoin", 19: "mars sleave", 20: "mars grouplist request", 21: "mars grouplist reply", 22: "mars redirect map", 23: "mapos unarp", 24: "experimental 1", 25: "experimental 2", 0: "reserved", 65535: "reserved" });
const HW_TYPES = vals({ 0: "NET/ROM pseudo", 1: "Ethernet", 2: "Experimental Ethernet", 3: "AX.25", 4: "ProNET", 5: "Chaos", 6: "IEEE 802", 7: "ARCNET", 8: "Hyperchannel", 9: "Lanstar", 10: "Autonet Short Address", 11: "Localtalk", 12: "LocalNet", 13: "Ultra link", 14: "SMDS", 15: "Frame Relay DLCI", 16: "ATM", 17: "HDLC", 18: "Fibre Channel", 19: "ATM (RFC 2225)", 20: "Serial Line", 21: "ATM", 24: "IEEE 1394.1995", 27: "EUI-64", 32: "InfiniBand" });

export const arp = defineProtocol({ abbrev: "arp", name: "Address Resolution Protocol", short: "ARP" }, {
  "hw.type": { name: "Hardware type", type: "FT_UINT16", base: "BASE_DEC", strings: HW_TYPES },
  "proto.type": { name: "Protocol type", type: "FT_UINT16", base: "BASE_HEX", strings: ethertypeNames },
  "hw.size": { name: "Hardware size", type: "FT_UINT8", base: "BASE_DEC" },
  "src.htype": { name: "Sender ATM number type", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "src.hlen": { name: "Sender ATM number length", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "src.stype": { name: "Sender ATM subaddress type", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "src.slen": { name: "Sender ATM subaddress length", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "proto.size": { name: "Protocol size", type: "FT_UINT8", base: "BASE_DEC" },
  opcode: { name: "Opcode", type: "FT_UINT16", base: "BASE_DEC", strings: OPCODES },
  isgratuitous: { name: "Is gratuitous", type: "FT_BOOLEAN", base: 0 },
  isprobe: { name: "Is probe", type: "FT_BOOLEAN", base: 0 },
  isannouncement: { name: "Is announcement", type: "FT_BOOLEAN", base: 0 },
  "src.pln": { name: "Sender protocol size", type: "FT_UINT8", base: "BASE_DEC" },
  "dst.htype": { name: "Target ATM number type", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "dst.hlen": { name: "Target ATM number length", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "dst.stype": { name: "Target ATM subaddress type", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "dst.slen": { name: "Target ATM subaddress length", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "dst.pln": { name: "Target protocol size", type: "FT_UINT8", base: "BASE_DEC" },
  "src.hw": { name: "Sender hardware address", type: "FT_BYTES" },
  "src.hw_mac": { name: "Sender MAC address", type: "FT_ETHER" },
  "src.hw_ax25": { name: "Sender AX.25 address", type: "FT_AX25" },
  "src.atm_num_e164": { name: "Sender ATM number (E.164)", type: "FT_STRING" },
  "src.atm_num_nsap": { name: "Sender ATM number (NSAP)", type: "FT_BYTES" },
  "src.atm_subaddr": { name: "Sender ATM subaddress", type: "FT_BYTES" },
  "src.proto": { name: "Sender protocol address", type: "FT_BYTES" },
  "src.proto_ipv4": { name: "Sender IP address", type: "FT_IPv4" },
  "dst.hw": { name: "Target hardware address", type: "FT_BYTES" },
  "dst.hw_mac": { name: "Target MAC address", type: "FT_ETHER" },
  "dst.hw_ax25": { name: "Target AX.25 address", type: "FT_AX25" },
  "dst.atm_num_e164": { name: "Target ATM number (E.164)", type: "FT_STRING" },
  "dst.atm_num_nsap": { name: "Target ATM number (NSAP)", type: "FT_BYTES" },
  "dst.atm_subaddr": { name: "Target ATM subaddress", type: "FT_BYTES" },
  "dst.proto": { name: "Target protocol address", type: "FT_BYTES" },
  "dst.proto_ipv4": { name: "Target IP address", type: "FT_IPv4" },
  "dst.drarp_error_status": { name: "DRARP error status", type: "FT_UINT16", base: "BASE_DEC" },
  "duplicate-address-frame": { name: "Frame showing earlier use of IP address", type: "FT_FRAMENUM" },
  "seconds-since-duplicate-address-frame": { name: "Seconds since earlier frame seen", type: "FT_UINT32", base: "BASE_DEC" },
  "src.atm_data_country_code": { name: "Data Country Code", type: "FT_UINT16", base: "BASE_HEX" },
  "src.atm_data_country_code_group": { name: "Data Country Code (group)", type: "FT_UINT16", base: "BASE_HEX" },
  "src.atm_high_order_dsp": { name: "High Order DSP", type: "FT_BYTES" },
  "src.atm_end_system_identifier": { name: "End System Identifier", type: "FT_BYTES" },
  "src.atm_selector": { name: "Selector", type: "FT_UINT8", base: "BASE_HEX" },
  "src.atm_international_code_designator": { name: "International Code Designator", type: "FT_UINT16", base: "BASE_HEX" },
  "src.atm_international_code_designator_group": { name: "International Code Designator (group)", type: "FT_UINT16", base: "BASE_HEX" },
  "src.atm_e.164_isdn": { name: "E.164 ISDN", type: "FT_BYTES" },
  "src.atm_e.164_isdn_group": { name: "E.164 ISDN", type: "FT_BYTES" },
  "src.atm_rest_of_address": { name: "Rest of address", type: "FT_BYTES" },
  "src.atm_afi": { name: "AFI", type: "FT_UINT8", base: "BASE_HEX" },
  "duplicate-address-detected": { name: "Duplicate IP address configured", type: "FT_NONE" },
  "packet-storm-detected": { name: "ARP packet storm detected", type: "FT_NONE" },
  "src.atm_afi.unknown": { name: "Unknown AFI", type: "FT_NONE" },
});

const F = arp.f;
const REQUEST = 1, REPLY = 2, RREQUEST = 3, RREPLY = 4;

/** Protocol column per opcode family. */
function columnProtocol(op: number): string {
  if (op === RREQUEST || op === RREPLY) return "RARP";
  if (op >= 5 && op <= 7) return "DRARP";
  if (op === 8 || op === 9) return "Inverse ARP";
  if (op >= 11 && op <= 22) return "MARS";
  return "ARP";
}

export const arpDissector: Dissector = {
  proto: arp,
  name: "arp",
  handoff: [["ethertype", 0x0806], ["ethertype", 0x8035]],
  dissect: dissectArp,
};

const isZero = (d: Uint8Array, off: number, n: number) => {
  for (let i = 0; i < n; i++) if (d[off + i] !== 0) return false;
  return true;
};
const same = (d: Uint8Array, a: number, b: number, n: number) => {
  for (let i = 0; i < n; i++) if (d[a + i] !== d[b + i]) return false;
  return true;
};

function dissectArp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const hrd = tvb.u16(0), pro = tvb.u16(2), hln = tvb.u8(4), pln = tvb.u8(5), op = tvb.u16(6);
  const c = pkt.cols;
  c?.setProtocol(columnProtocol(op));
  c?.clearInfo();
  const total = 8 + 2 * (hln + pln);
  const top = pkt.addProto(parent, arp, tvb, 0, total);
  const sha = 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  tvb.check(0, total);
  const d = tvb.data, base = tvb.start;
  const ipv4 = pro === 0x0800 && pln === 4;
  const ether = hln === 6;
  const hw = (o: number) => (hln ? hexColon(d, base + o, hln) : "<No address>");
  const pa = (o: number) => (ipv4 ? ipv4At(d, base + o) : pln ? hexColon(d, base + o, pln) : "<No address>");
  const gratuitous = (op === REQUEST || op === REPLY) && pln > 0 && same(d, base + spa, base + tpa, pln);
  const probe = op === REQUEST && pln > 0 && isZero(d, base + spa, pln) && !gratuitous;
  const announce = op === REQUEST && gratuitous && isZero(d, base + tha, hln);
  if (c) {
    let s: string;
    if (op === REQUEST) s = probe ? `Who has ${pa(tpa)}? (ARP Probe)` : announce ? `ARP Announcement for ${pa(spa)}` : gratuitous ? `Gratuitous ARP for ${pa(spa)} (Request)` : `Who has ${pa(tpa)}? Tell ${pa(spa)}`;
    else if (op === REPLY) s = gratuitous ? `Gratuitous ARP for ${pa(spa)} (Reply)` : `${pa(spa)} is at ${hw(sha)}`;
    else if (op === RREQUEST) s = `Who is ${hw(tha)}? Tell ${hw(sha)}`;
    else if (op === RREPLY) s = `${hw(tha)} is at ${pa(tpa)}`;
    else if (op === 8) s = `Who is ${hw(tha)}? Tell ${hw(sha)}`;
    else if (op === 9) s = `${hw(sha)} is at ${pa(spa)}`;
    else s = `Unknown ARP opcode 0x${op.toString(16).padStart(4, "0")}`;
    c.setInfo(s);
  }
  if (pkt.full) {
    const kind = OPCODES.get(op) ?? "Unknown";
    top.setLabel(`Address Resolution Protocol (${kind}${announce ? "/gratuitous ARP" : probe ? "/ARP probe" : gratuitous ? "/gratuitous ARP" : ""})`);
  }
  pkt.add(top, F["hw.type"], tvb, 0, 2, hrd);
  pkt.add(top, F["proto.type"], tvb, 2, 2, pro);
  pkt.add(top, F["hw.size"], tvb, 4, 1, hln);
  pkt.add(top, F["proto.size"], tvb, 5, 1, pln);
  pkt.add(top, F.opcode, tvb, 6, 2, op);
  if (op === REQUEST || op === REPLY) {
    if (gratuitous) pkt.add(top, F.isgratuitous, tvb, 0, 0, 1).generated();
    if (probe) pkt.add(top, F.isprobe, tvb, 0, 0, 1).generated();
    if (announce) pkt.add(top, F.isannouncement, tvb, 0, 0, 1).generated();
  }
  const addHw = (o: number, mac: typeof F["src.hw_mac"], other: typeof F["src.hw"]) =>
    hln && pkt.add(top, ether ? mac : other, tvb, o, hln, null);
  const addPa = (o: number, v4: typeof F["src.proto_ipv4"], other: typeof F["src.proto"]) =>
    pln && pkt.add(top, ipv4 ? v4 : other, tvb, o, pln, ipv4 ? tvb.u32(o) : null);
  addHw(sha, F["src.hw_mac"], F["src.hw"]);
  addPa(spa, F["src.proto_ipv4"], F["src.proto"]);
  addHw(tha, F["dst.hw_mac"], F["dst.hw"]);
  addPa(tpa, F["dst.proto_ipv4"], F["dst.proto"]);
  return total;
}
