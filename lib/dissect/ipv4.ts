// IPv4 (RFC 791): header, options, fragments and reassembly, and the hand-off by protocol number.
import { defineProtocol, vals } from "./field.ts";
import { GEOIP_FIELDS } from "./geoip-fields.ts";
import { dispatchIpProto } from "./ip-handoff.ts";
import { ipProtoName, ipProtoNames } from "./values/ip-proto.ts";
import { CHECKSUM_STATUS, CHECKSUM_UNVERIFIED } from "./values/checksum.ts";
import { ADDR_IPV4, type Node, type Packet } from "./tree.ts";
import { Tvb } from "./tvb.ts";
import type { Dissector } from "./tables.ts";
import { ipv4Text } from "../format/address.ts";
import { reassembleIpv4 } from "../analysis/ip-reassembly.ts";
import { dissectIpv4Options } from "./ipv4-options.ts";

export const DSCP = vals({ 0: "Default", 1: "Lower Effort", 8: "Class Selector 1", 10: "Assured Forwarding 11", 12: "Assured Forwarding 12", 14: "Assured Forwarding 13", 16: "Class Selector 2", 18: "Assured Forwarding 21", 20: "Assured Forwarding 22", 22: "Assured Forwarding 23", 24: "Class Selector 3", 26: "Assured Forwarding 31", 28: "Assured Forwarding 32", 30: "Assured Forwarding 33", 32: "Class Selector 4", 34: "Assured Forwarding 41", 36: "Assured Forwarding 42", 38: "Assured Forwarding 43", 40: "Class Selector 5", 44: "Voice Admit", 46: "Expedited Forwarding", 48: "Class Selector 6", 56: "Class Selector 7" });
/** Short DSCP names for the "(DSCP: CS0, ECN: Not-ECT)" label. */
export const DSCP_SHORT = vals({ 0: "CS0", 1: "LE", 8: "CS1", 10: "AF11", 12: "AF12", 14: "AF13", 16: "CS2", 18: "AF21", 20: "AF22", 22: "AF23", 24: "CS3", 26: "AF31", 28: "AF32", 30: "AF33", 32: "CS4", 34: "AF41", 36: "AF42", 38: "AF43", 40: "CS5", 44: "VA", 46: "EF", 48: "CS6", 56: "CS7" });
export const ECN = vals({ 0: "Not ECN-Capable Transport", 1: "ECN-Capable Transport codepoint '01'", 2: "ECN-Capable Transport codepoint '10'", 3: "Congestion Experienced" });
export const ECN_SHORT = vals({ 0: "Not-ECT", 1: "ECT(1)", 2: "ECT(0)", 3: "CE" });
const PRECEDENCE = vals({ 0: "routine", 1: "priority", 2: "immediate", 3: "flash", 4: "flash override", 5: "CRITIC/ECP", 6: "internetwork control", 7: "network control" });
const OPT_CLASS = vals({ 0: "Control", 1: "Reserved for future use", 2: "Debugging and measurement", 3: "Reserved for future use" });
const OPT_NUMBER = vals({ 0: "End of Option List (EOL)", 1: "No-Operation (NOP)", 2: "Security", 3: "Loose source route", 4: "Time stamp", 5: "Extended security", 6: "Commercial IP security option", 7: "Record route", 8: "Stream identifier", 9: "Strict source route", 10: "Experimental Measurement", 11: "MTU probe", 12: "MTU Reply", 13: "Experimental Flow Control", 14: "Experimental Access Control", 15: "Ask Estrin", 16: "IMI Traffic Descriptor", 17: "Extended Internet Protocol", 18: "Traceroute", 19: "Address Extension", 20: "Router Alert", 21: "Selective Directed Broadcast", 22: "Unassigned", 23: "Dynamic Packet State", 24: "Upstream Multicast Packet", 25: "Quick-Start", 30: "RFC 3692-style experiment" });
/** Whole option type bytes (copy, class, number) with the names -V prints after "IP Option - ". */
export const OPT_TYPE = vals({ 0: "End of Options List (EOL)", 1: "No Operation (NOP)", 130: "Security", 131: "Loose Source Route", 68: "Time Stamp", 133: "Extended Security", 134: "Commercial Security", 7: "Record Route", 136: "Stream ID", 137: "Strict Source Route", 10: "Experimental Measurement", 11: "MTU Probe", 12: "MTU Reply", 205: "Experimental Flow Control", 142: "Experimental Access Control", 15: "ENCODE", 144: "IMI Traffic Descriptor", 145: "Extended Internet Protocol", 82: "Traceroute", 147: "Address Extension", 148: "Router Alert", 149: "Selective Directed Broadcast", 151: "Dynamic Packet State", 152: "Upstream Multicast Packet", 25: "Quick-Start" });

export const ip = defineProtocol({ abbrev: "ip", name: "Internet Protocol Version 4", short: "IPv4" }, {
  version: { name: "Version", type: "FT_UINT8", base: "BASE_DEC" },
  hdr_len: { name: "Header Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Header length in 32-bit words" },
  dsfield: { name: "Differentiated Services Field", type: "FT_UINT8", base: "BASE_HEX" },
  "dsfield.dscp": { name: "Differentiated Services Codepoint", type: "FT_UINT8", base: "BASE_DEC", mask: 0xfc, strings: DSCP },
  "dsfield.ecn": { name: "Explicit Congestion Notification", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3, strings: ECN },
  tos: { name: "Type of Service", type: "FT_UINT8", base: "BASE_DEC" },
  "tos.precedence": { name: "Precedence", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe0, strings: PRECEDENCE },
  "tos.delay": { name: "Delay", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "tos.throughput": { name: "Throughput", type: "FT_BOOLEAN", base: 8, mask: 0x8 },
  "tos.reliability": { name: "Reliability", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "tos.cost": { name: "Cost", type: "FT_BOOLEAN", base: 8, mask: 0x2 },
  len: { name: "Total Length", type: "FT_UINT16", base: "BASE_DEC" },
  id: { name: "Identification", type: "FT_UINT16", base: "BASE_HEX_DEC" },
  dst: { name: "Destination Address", type: "FT_IPv4" },
  dst_host: { name: "Destination Host", type: "FT_STRING" },
  src: { name: "Source Address", type: "FT_IPv4" },
  src_host: { name: "Source Host", type: "FT_STRING" },
  addr: { name: "Source or Destination Address", type: "FT_IPv4" },
  host: { name: "Source or Destination Host", type: "FT_STRING" },
  ...GEOIP_FIELDS,
  flags: { name: "Flags", type: "FT_UINT8", base: "BASE_HEX", mask: 0xe0, blurb: "Flags (3 bits)" },
  "flags.sf": { name: "Security flag", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Security flag (RFC 3514)" },
  "flags.rb": { name: "Reserved bit", type: "FT_BOOLEAN", base: 8, mask: 0x80 },
  "flags.df": { name: "Don't fragment", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "flags.mf": { name: "More fragments", type: "FT_BOOLEAN", base: 8, mask: 0x20 },
  frag_offset: { name: "Fragment Offset", type: "FT_UINT16", base: "BASE_DEC", mask: 0x1fff, blurb: "Fragment offset (13 bits)" },
  ttl: { name: "Time to Live", type: "FT_UINT8", base: "BASE_DEC" },
  proto: { name: "Protocol", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  checksum: { name: "Header Checksum", type: "FT_UINT16", base: "BASE_HEX" },
  checksum_calculated: { name: "Calculated Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "The expected IP checksum field as calculated from the IP datagram" },
  "checksum.status": { name: "Header checksum status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
  "opt.type": { name: "Type", type: "FT_UINT8", base: "BASE_DEC", strings: OPT_TYPE },
  "opt.type.copy": { name: "Copy on fragmentation", type: "FT_BOOLEAN", base: 8, mask: 0x80 },
  "opt.type.class": { name: "Class", type: "FT_UINT8", base: "BASE_DEC", mask: 0x60, strings: OPT_CLASS },
  "opt.type.number": { name: "Number", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1f, strings: OPT_NUMBER },
  "opt.len": { name: "Length", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ptr": { name: "Pointer", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.sid": { name: "Stream Identifier", type: "FT_UINT16", base: "BASE_DEC", blurb: "SATNET stream identifier" },
  "opt.mtu": { name: "MTU", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.id_number": { name: "ID Number", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.ohc": { name: "Outbound Hop Count", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.rhc": { name: "Return Hop Count", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.originator": { name: "Originator IP Address", type: "FT_IPv4" },
  "opt.ra": { name: "Router Alert", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.addr": { name: "IP Address", type: "FT_IPv4" },
  "opt.padding": { name: "Padding", type: "FT_BYTES" },
  "opt.qs_func": { name: "Function", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0 },
  "opt.qs_rate": { name: "Rate", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "opt.qs_ttl": { name: "QS TTL", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_ttl_diff": { name: "TTL Diff", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_unused": { name: "Not Used", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_nonce": { name: "QS Nonce", type: "FT_UINT32", base: "BASE_HEX", mask: 0xfffffffc },
  "opt.qs_reserved": { name: "Reserved", type: "FT_UINT32", base: "BASE_HEX", mask: 0x3 },
  "opt.sec_rfc791_sec": { name: "Security", type: "FT_UINT16", base: "BASE_HEX" },
  "opt.sec_rfc791_comp": { name: "Compartments", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.sec_rfc791_hr": { name: "Handling Restrictions", type: "FT_STRING" },
  "opt.sec_rfc791_tcc": { name: "Transmission Control Code", type: "FT_STRING" },
  "opt.sec_cl": { name: "Classification Level", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.sec_prot_auth_flags": { name: "Protection Authority Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.sec_prot_auth_genser": { name: "GENSER", type: "FT_BOOLEAN", base: 8, mask: 0x80 },
  "opt.sec_prot_auth_siop_esi": { name: "SIOP-ESI", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "opt.sec_prot_auth_sci": { name: "SCI", type: "FT_BOOLEAN", base: 8, mask: 0x20 },
  "opt.sec_prot_auth_nsa": { name: "NSA", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "opt.sec_prot_auth_doe": { name: "DOE", type: "FT_BOOLEAN", base: 8, mask: 0x8 },
  "opt.sec_prot_auth_unassigned": { name: "Unassigned", type: "FT_UINT8", base: "BASE_HEX", mask: 0x6 },
  "opt.sec_prot_auth_fti": { name: "Field Termination Indicator", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "opt.ext_sec_add_sec_info_format_code": { name: "Additional Security Info Format Code", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.ext_sec_add_sec_info": { name: "Additional Security Info", type: "FT_BYTES" },
  rec_rt: { name: "Recorded Route", type: "FT_IPv4" },
  rec_rt_host: { name: "Recorded Route Host", type: "FT_STRING" },
  cur_rt: { name: "Current Route", type: "FT_IPv4" },
  cur_rt_host: { name: "Current Route Host", type: "FT_STRING" },
  src_rt: { name: "Source Route", type: "FT_IPv4" },
  src_rt_host: { name: "Source Route Host", type: "FT_STRING" },
  empty_rt: { name: "Empty Route", type: "FT_IPv4" },
  empty_rt_host: { name: "Empty Route Host", type: "FT_STRING" },
  "cipso.tag_type": { name: "Tag Type", type: "FT_UINT8", base: "BASE_DEC" },
  "fragment.overlap": { name: "Fragment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Fragment overlaps with other fragments" },
  "fragment.overlap.conflict": { name: "Conflicting data in fragment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Overlapping fragments contained conflicting data" },
  "fragment.multipletails": { name: "Multiple tail fragments found", type: "FT_BOOLEAN", base: 0, blurb: "Several tails were found when defragmenting the packet" },
  "fragment.toolongfragment": { name: "Fragment too long", type: "FT_BOOLEAN", base: 0, blurb: "Fragment contained data past end of packet" },
  "fragment.error": { name: "Defragmentation error", type: "FT_FRAMENUM", blurb: "Defragmentation error due to illegal fragments" },
  "fragment.count": { name: "Fragment count", type: "FT_UINT32", base: "BASE_DEC" },
  fragment: { name: "IPv4 Fragment", type: "FT_FRAMENUM" },
  fragments: { name: "IPv4 Fragments", type: "FT_BYTES" },
  reassembled_in: { name: "Reassembled IPv4 in frame", type: "FT_FRAMENUM", blurb: "This IPv4 packet is reassembled in this frame" },
  "reassembled.length": { name: "Reassembled IPv4 length", type: "FT_UINT32", base: "BASE_DEC", blurb: "The total length of the reassembled payload" },
  "reassembled.data": { name: "Reassembled IPv4 data", type: "FT_BYTES", blurb: "The reassembled payload" },
  "cipso.doi": { name: "DOI", type: "FT_UINT32", base: "BASE_DEC" },
  "cipso.sensitivity_level": { name: "Sensitivity Level", type: "FT_UINT8", base: "BASE_DEC" },
  "cipso.categories": { name: "Categories", type: "FT_STRING" },
  "cipso.tag_data": { name: "Tag data", type: "FT_BYTES" },
  "opt.overflow": { name: "Overflow", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0 },
  "opt.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX", mask: 0xf },
  "opt.time_stamp": { name: "Time stamp", type: "FT_UINT32", base: "BASE_DEC" },
  "opt.time_stamp_addr": { name: "Address", type: "FT_IPv4" },
  "opt.len.invalid": { name: "Invalid length for option", type: "FT_NONE" },
  "opt.ptr.before_address": { name: "Pointer points before first address", type: "FT_NONE" },
  "opt.ptr.middle_address": { name: "Pointer points to middle of address", type: "FT_NONE" },
  subopt_too_long: { name: "Suboption would go past end of option", type: "FT_NONE" },
  nop: { name: "4 NOP in a row - a router may have removed some options", type: "FT_NONE" },
  bogus_ip_length: { name: "Bogus IP length", type: "FT_NONE" },
  evil_packet: { name: "Packet has evil intent", type: "FT_NONE" },
  "checksum_bad.expert": { name: "Bad checksum", type: "FT_NONE" },
  "ttl.lncb": { name: "Time To Live", type: "FT_NONE" },
  "ttl.too_small": { name: "Time To Live", type: "FT_NONE" },
  "cipso.malformed": { name: "Malformed CIPSO tag", type: "FT_NONE" },
  bogus_ip_version: { name: "Bogus IP version", type: "FT_NONE" },
  bogus_header_length: { name: "Bogus IP header length", type: "FT_NONE" },
});

const F = ip.f;
const MF = 0x2000;
const OFFSET = 0x1fff;

export const ipv4Dissector: Dissector = {
  proto: ip,
  name: "ip",
  handoff: [["ethertype", 0x0800], ["link", 228], ["ip.proto", 4], ["ppp.protocol", 0x21]],
  dissect: dissectIpv4,
};

/** Dissect an IPv4 packet; returns the bytes its total length covers. */
export function dissectIpv4(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.cols;
  c?.setProtocol("IPv4");
  c?.clearInfo();
  const b0 = tvb.u8(0);
  const version = b0 >> 4;
  const hlen = (b0 & 0x0f) * 4;
  if (version !== 4) {
    // packet-ip.c passes version 6 on to IPv6 (captures labelled IPv4 that carry IPv6)
    if (version === 6) {
      const v6 = pkt.session.tables.byDissectorName.get("ipv6");
      if (v6) {
        pkt.addLayer(ip.abbrev);
        return v6.dissect(tvb, pkt, parent);
      }
    }
    const top = pkt.addProto(parent, ip, tvb, 0, 1);
    pkt.add(top, F.version, tvb, 0, 1, version);
    c?.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
    // unlike IPv6, packet-ip.c keeps the packet (no fallback to Data)
    return tvb.reported;
  }
  const top = pkt.addProto(parent, ip, tvb, 0, Math.max(hlen, 1));
  if (hlen < 20) {
    pkt.add(top, F.version, tvb, 0, 1, version);
    pkt.add(top, F.hdr_len, tvb, 0, 1, hlen).setLabel(`.... ${(b0 & 0xf).toString(2).padStart(4, "0")} = Header Length: ${hlen} bytes (${b0 & 0xf})`);
    c?.setInfo(`Bogus IP header length (${hlen}, must be at least 20)`);
    return tvb.reported;
  }
  let ipLen = tvb.u16(2);
  let tso = false;
  if (ipLen === 0) {
    tso = true;
    ipLen = tvb.reported;
  } else if (ipLen < hlen) {
    pkt.add(top, F.version, tvb, 0, 1, version);
    pkt.add(top, F.hdr_len, tvb, 0, 1, hlen);
    pkt.add(top, F.dsfield, tvb, 1, 1, tvb.u8(1));
    pkt.add(top, F.len, tvb, 2, 2, ipLen);
    c?.setInfo(`Bogus IP length (${ipLen}, less than header length ${hlen})`);
    return tvb.reported;
  }
  // The datagram is as long as it says (the rest of the frame is link-layer padding or trailer).
  const dg = ipLen < tvb.reported ? tvb.subset(0, ipLen) : tvb;
  const ds = dg.u8(1);
  const id = dg.u16(4);
  const fragWord = dg.u16(6);
  const ttl = dg.u8(8);
  const proto = dg.u8(9);
  const sum = dg.u16(10);
  const src = dg.u32(12);
  const dst = dg.u32(16);
  const info = pkt.info;
  info.netSrc = dg.start + 12;
  info.netDst = dg.start + 16;
  info.netLen = 4;
  info.netData = dg.data;
  info.ttl = ttl;
  info.ipProto = proto;
  if (c) {
    c.setAddr("src", ADDR_IPV4, dg.data, dg.start + 12);
    c.setAddr("dst", ADDR_IPV4, dg.data, dg.start + 16);
  }
  if (pkt.full || pkt.want) addHeaderFields(pkt, top, dg, { b0, hlen, ipLen, tso, ds, id, fragWord, ttl, proto, sum, src, dst });
  if (hlen > 20) dissectIpv4Options(dg, pkt, top, hlen);

  const fragOff = (fragWord & OFFSET) * 8;
  const payload = dg.subset(hlen);
  const isFragment = (fragWord & MF) !== 0 || fragOff !== 0;
  // packet-ip.c reassembles only fragments whose bytes are all captured; a cut first fragment is
  // dissected as it is (flagged fragmented), a cut later one is shown as a fragment.
  const cut = payload.captured < payload.reported || ipLen <= hlen;
  if (isFragment && cut && fragOff === 0) {
    info.fragmented = (fragWord & MF) !== 0;
    dispatchIpProto(pkt, proto, payload, parent);
    return ipLen;
  }
  if (isFragment) {
    const whole = cut ? undefined : reassembleIpv4(pkt, top, payload, { src, dst, id, proto, offset: fragOff, more: (fragWord & MF) !== 0 });
    if (!whole) {
      info.fragmented = true;
      if (c) {
        c.setInfo(`Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${fragOff}, ID=${id.toString(16).padStart(4, "0")})`);
        const inFrame = pkt.notes.get("ip.reassembled_in") as number | undefined;
        if (inFrame !== undefined && inFrame !== pkt.num) c.appendInfo(` [Reassembled in #${inFrame}]`);
      }
      pkt.session.tables.data.dissect(payload, pkt, parent);
      return ipLen;
    }
    dispatchIpProto(pkt, proto, whole, parent);
    return ipLen;
  }
  dispatchIpProto(pkt, proto, payload, parent);
  return ipLen;
}

interface Ipv4Header {
  b0: number; hlen: number; ipLen: number; tso: boolean; ds: number; id: number; fragWord: number;
  ttl: number; proto: number; sum: number; src: number; dst: number;
}

/** The header's nodes, in packet-ip.c's order, with the labels -V prints. */
function addHeaderFields(pkt: Packet, top: Node, t: Tvb, h: Ipv4Header): void {
  if (pkt.full) top.append(`, Src: ${ipv4Text(h.src)}, Dst: ${ipv4Text(h.dst)}`);
  pkt.add(top, F.version, t, 0, 1, 4).setLabel("0100 .... = Version: 4");
  const hl = pkt.add(top, F.hdr_len, t, 0, 1, h.hlen);
  if (pkt.full) hl.setLabel(`.... ${(h.b0 & 0xf).toString(2).padStart(4, "0")} = Header Length: ${h.hlen} bytes (${h.b0 & 0xf})`);
  const dsn = pkt.add(top, F.dsfield, t, 1, 1, h.ds);
  if (pkt.full) dsn.append(` (DSCP: ${DSCP_SHORT.get(h.ds >> 2) ?? "Unknown"}, ECN: ${ECN_SHORT.get(h.ds & 3)})`);
  pkt.add(dsn, F["dsfield.dscp"], t, 1, 1, h.ds >> 2);
  pkt.add(dsn, F["dsfield.ecn"], t, 1, 1, h.ds & 3);
  const lenNode = pkt.add(top, F.len, t, 2, 2, h.ipLen);
  if (h.tso) {
    lenNode.generated();
    if (pkt.full) lenNode.setLabel(`Total Length: ${h.ipLen} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))`);
  }
  pkt.add(top, F.id, t, 4, 2, h.id);
  const flags = h.fragWord >> 13;
  const fl = pkt.add(top, F.flags, t, 6, 1, flags);
  if (pkt.full) {
    const names = [flags & 4 ? "Reserved bit" : "", flags & 2 ? "Don't fragment" : "", flags & 1 ? "More fragments" : ""].filter(Boolean);
    if (names.length) fl.append(`, ${names.join(", ")}`);
  }
  pkt.add(fl, F["flags.rb"], t, 6, 1, (flags >> 2) & 1);
  pkt.add(fl, F["flags.df"], t, 6, 1, (flags >> 1) & 1);
  pkt.add(fl, F["flags.mf"], t, 6, 1, flags & 1);
  pkt.add(top, F.frag_offset, t, 6, 2, (h.fragWord & OFFSET) * 8);
  const ttlNode = pkt.add(top, F.ttl, t, 8, 1, h.ttl);
  // packet-ip.c: a unicast datagram with a TTL under 5 gets a note (224.0.0.0/24 wants exactly 1)
  const multicast = h.dst >>> 28 === 0xe;
  if (pkt.full && !multicast && h.ttl < 5 && h.proto !== 103) {
    ttlNode.expert = [{ abbrev: "ip.ttl.too_small", severity: "Note", group: "Sequence", message: `"Time To Live" only ${h.ttl}` }];
  }
  pkt.add(top, F.proto, t, 9, 1, h.proto);
  const cs = pkt.add(top, F.checksum, t, 10, 2, h.sum);
  if (pkt.full) cs.append(" [validation disabled]");
  pkt.add(top, F["checksum.status"], t, 10, 2, CHECKSUM_UNVERIFIED).generated();
  for (const [off, which, host] of [[12, F.src, F.src_host], [16, F.dst, F.dst_host]] as const) {
    const v = off === 12 ? h.src : h.dst;
    pkt.add(top, which, t, off, 4, v);
    pkt.add(top, F.addr, t, off, 4, v).hide();
    if (pkt.wants(host) || pkt.wants(F.host)) {
      const name = ipv4Text(v);
      pkt.add(top, host, t, off, 4, name).hide();
      pkt.add(top, F.host, t, off, 4, name).hide();
    }
  }
}

