// IPv6 extension headers: hop-by-hop and destination options, routing, and fragments (with reassembly).
import { defineProtocol } from "./field.ts";
import type { Dissector } from "./tables.ts";
import { ADDR_IPV6, type Node, type Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { dispatchIpv6Payload, ipv6 } from "./ipv6.ts";
import { ipProtoNames } from "./values/ip-proto.ts";
import { reassembleIpv4 } from "../analysis/ip-reassembly.ts";

export const hopopts = defineProtocol({ abbrev: "ipv6.hopopts", name: "IPv6 Hop-by-Hop Option", short: "IPv6 Hop-by-Hop Option" }, {
  nxt: { name: "Next Header", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  len: { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Extension header length in 8-octet words (minus 1)" },
  len_oct: { name: "Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Extension header length in octets", unit: "bytes" },
  not_first: { name: "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header", type: "FT_NONE" },
});
export const dstopts = defineProtocol({ abbrev: "ipv6.dstopts", name: "Destination Options for IPv6", short: "Destination Options for IPv6" }, {
  nxt: { name: "Next Header", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  len: { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Extension header length in 8-octet words (minus 1)" },
  len_oct: { name: "Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Extension header length in octets", unit: "bytes" },
});
export const routing = defineProtocol({ abbrev: "ipv6.routing", name: "Routing Header for IPv6", short: "Routing Header for IPv6" }, {
  nxt: { name: "Next Header", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  len: { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Extension header length in 8-octet words (minus 1)" },
  len_oct: { name: "Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Extension header length in octets", unit: "bytes" },
  type: { name: "Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "Routing Header Type" },
  segleft: { name: "Segments Left", type: "FT_UINT8", base: "BASE_DEC", blurb: "Routing Header Segments Left" },
  unknown_data: { name: "Type-Specific Data", type: "FT_BYTES", blurb: "Unknown routing header type-specific data" },
  "src.reserved": { name: "Reserved", type: "FT_BYTES", blurb: "Must be zero" },
  "src.addr": { name: "Address", type: "FT_IPv6", blurb: "Source Routing Header Address" },
  "mipv6.reserved": { name: "Reserved", type: "FT_BYTES", blurb: "Must be zero" },
  "mipv6.home_address": { name: "Home Address", type: "FT_IPv6" },
  "rpl.cmprI": { name: "Compressed Internal Octets (CmprI)", type: "FT_UINT32", base: "BASE_DEC", mask: 0xf0000000, blurb: "Elided octets from all but last segment" },
  "rpl.cmprE": { name: "Compressed Final Octets (CmprE)", type: "FT_UINT32", base: "BASE_DEC", mask: 0xf000000, blurb: "Elided octets from last segment address" },
  "rpl.pad": { name: "Padding Bytes", type: "FT_UINT32", base: "BASE_DEC", mask: 0xf00000 },
  "rpl.reserved": { name: "Reserved", type: "FT_UINT32", base: "BASE_DEC", mask: 0xfffff, blurb: "Must be zero" },
  "rpl.addr_count": { name: "Total Address Count", type: "FT_INT32", base: "BASE_DEC" },
  "rpl.address": { name: "Address", type: "FT_BYTES" },
  "rpl.full_address": { name: "Full Address", type: "FT_IPv6", blurb: "Uncompressed IPv6 Address" },
  "srh.last_entry": { name: "Last Entry", type: "FT_UINT8", base: "BASE_DEC", blurb: "Index (zero based) of the last element of the Segment List" },
  "srh.flags": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX", blurb: "Unused, 8 bits of flags" },
  "srh.tag": { name: "Tag", type: "FT_BYTES", blurb: "Tag a packet as part of a class or group of packets" },
  "srh.addr": { name: "Address", type: "FT_IPv6", blurb: "Segment address" },
  "crh16.current_sid": { name: "Current SID", type: "FT_UINT16", base: "BASE_DEC", blurb: "Value of the current Segment ID" },
  "crh32.current_sid": { name: "Current SID", type: "FT_UINT32", base: "BASE_DEC", blurb: "Value of the current Segment ID" },
  "crh16.sid": { name: "Segment ID", type: "FT_UINT16", base: "BASE_DEC", blurb: "Segment address" },
  "crh32.sid": { name: "Segment ID", type: "FT_UINT32", base: "BASE_DEC", blurb: "Segment address" },
  "ipv6.dst_addr.not_multicast": { name: "Destination address must not be a multicast address", type: "FT_NONE", abbrev: "ipv6.dst_addr.not_multicast" },
  "ipv6.src_route_list.mult_inst_same_addr": { name: "Multiple instances of the same address must not appear in the source route list", type: "FT_NONE", abbrev: "ipv6.src_route_list.mult_inst_same_addr" },
  "ipv6.src_route_list.src_addr": { name: "Source address must not appear in the source route list", type: "FT_NONE", abbrev: "ipv6.src_route_list.src_addr" },
  "ipv6.src_route_list.dst_addr": { name: "Destination address must not appear in the source route list", type: "FT_NONE", abbrev: "ipv6.src_route_list.dst_addr" },
  "ipv6.src_route_list.multicast_addr": { name: "Multicast addresses must not appear in the source route list", type: "FT_NONE", abbrev: "ipv6.src_route_list.multicast_addr" },
  "rpl.cmprI_cmprE_pad": { name: "When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was X", type: "FT_NONE" },
  "rpl.addr_count_ge0": { name: "Calculated total address count must be greater than or equal to 0, instead was X", type: "FT_NONE" },
  "rpl.reserved_not0": { name: "Reserved field must equal 0 but instead was X", type: "FT_NONE" },
  invalid_length: { name: "Invalid IPv6 Routing header length", type: "FT_NONE" },
  invalid_segleft: { name: "IPv6 Routing Header segments left field must not exceed address count", type: "FT_NONE" },
  undecoded: { name: "Undecoded IPv6 routing header field", type: "FT_NONE" },
  deprecated: { name: "Routing header type is deprecated", type: "FT_NONE" },
});
export const fraghdr = defineProtocol({ abbrev: "ipv6.fraghdr", name: "Fragment Header for IPv6", short: "Fragment Header for IPv6" }, {
  nxt: { name: "Next header", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  reserved_octet: { name: "Reserved octet", type: "FT_UINT8", base: "BASE_HEX", blurb: "Should always be 0" },
  offset: { name: "Offset", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff8, blurb: "Fragment Offset" },
  reserved_bits: { name: "Reserved bits", type: "FT_UINT16", base: "BASE_DEC", mask: 0x6 },
  more: { name: "More Fragments", type: "FT_BOOLEAN", base: 16, mask: 0x1 },
  ident: { name: "Identification", type: "FT_UINT32", base: "BASE_HEX", blurb: "Fragment Identification" },
});

type OptsProto = typeof hopopts | typeof dstopts;

/** Hop-by-hop and destination options share one layout: next header, length, then TLV options. */
function dissectOptions(p: OptsProto, info: string) {
  return (tvb: Tvb, pkt: Packet, parent: Node): number => {
    const nxt = tvb.u8(0);
    const len = (tvb.u8(1) + 1) * 8;
    pkt.cols?.setInfo(info);
    const top = pkt.addProto(parent, p, tvb, 0, len);
    pkt.add(top, p.f.nxt, tvb, 0, 1, nxt);
    const ln = pkt.add(top, p.f.len, tvb, 1, 1, tvb.u8(1));
    if (pkt.full) ln.append(` (${len} bytes)`);
    pkt.add(top, p.f.len_oct, tvb, 1, 1, len).generated();
    let off = 2;
    const O = ipv6.f;
    while (off < len) {
      const type = tvb.u8(off);
      if (type === 0) {
        const o = pkt.add(top, O.opt, tvb, off, 1, null).setLabel("Pad1");
        pkt.add(o, O["opt.type"], tvb, off, 1, 0);
        off++;
        continue;
      }
      const olen = tvb.u8(off + 1);
      tvb.check(off, 2 + olen);
      const o = pkt.add(top, O.opt, tvb, off, 2 + olen, null);
      pkt.add(o, O["opt.type"], tvb, off, 1, type);
      pkt.add(o, O["opt.length"], tvb, off + 1, 1, olen);
      off += 2 + olen;
    }
    tvb.check(0, len);
    dispatchIpv6Payload(pkt, nxt, tvb.subset(len), parent);
    return tvb.reported;
  };
}

export const hopoptsDissector: Dissector = { proto: hopopts, name: "ipv6.hopopts", handoff: [["ip.proto", 0]], dissect: dissectOptions(hopopts, "IPv6 hop-by-hop options") };
export const dstoptsDissector: Dissector = { proto: dstopts, name: "ipv6.dstopts", handoff: [["ip.proto", 60]], dissect: dissectOptions(dstopts, "IPv6 destination options") };

export const routingDissector: Dissector = {
  proto: routing,
  name: "ipv6.routing",
  handoff: [["ip.proto", 43]],
  dissect(tvb, pkt, parent) {
    const R = routing.f;
    pkt.cols?.setInfo("IPv6 routing");
    const nxt = tvb.u8(0);
    const len = (tvb.u8(1) + 1) * 8;
    const top = pkt.addProto(parent, routing, tvb, 0, len);
    pkt.add(top, R.nxt, tvb, 0, 1, nxt);
    pkt.add(top, R.len, tvb, 1, 1, tvb.u8(1));
    pkt.add(top, R.len_oct, tvb, 1, 1, len).generated();
    pkt.add(top, R.type, tvb, 2, 1, tvb.u8(2));
    pkt.add(top, R.segleft, tvb, 3, 1, tvb.u8(3));
    if (tvb.u8(2) === 0) {
      for (let a = 8; a + 16 <= len; a += 16) pkt.add(top, R["src.addr"], tvb, a, 16, null);
      // a source route still to be followed ends at its last address: that is the packet's destination
      const last = len - 16;
      if (tvb.u8(3) > 0 && last >= 8) {
        tvb.check(last, 16);
        pkt.cols?.setAddr("dst", ADDR_IPV6, tvb.data, tvb.start + last);
        pkt.info.netDst = tvb.start + last;
        pkt.info.netData = tvb.data;
      }
    }
    tvb.check(0, len);
    dispatchIpv6Payload(pkt, nxt, tvb.subset(len), parent);
    return tvb.reported;
  },
};

export const fraghdrDissector: Dissector = {
  proto: fraghdr,
  name: "ipv6.fraghdr",
  handoff: [["ip.proto", 44]],
  dissect(tvb, pkt, parent) {
    const H = fraghdr.f;
    const nxt = tvb.u8(0);
    const offWord = tvb.u16(2);
    const ident = tvb.u32(4);
    const offset = offWord & 0xfff8;
    const more = offWord & 1;
    const top = pkt.addProto(parent, fraghdr, tvb, 0, 8);
    pkt.add(top, H.nxt, tvb, 0, 1, nxt);
    pkt.add(top, H.reserved_octet, tvb, 1, 1, tvb.u8(1));
    pkt.add(top, H.offset, tvb, 2, 2, offset >> 3);
    pkt.add(top, H.reserved_bits, tvb, 2, 2, (offWord >> 1) & 3);
    pkt.add(top, H.more, tvb, 2, 2, more);
    pkt.add(top, H.ident, tvb, 4, 4, ident);
    if (pkt.full) top.append(`, off=${offset} more=${more ? "y" : "n"} ident=0x${ident.toString(16).padStart(8, "0")} nxt=${nxt}`);
    const payload = tvb.subset(8);
    const i = pkt.info;
    const key = { src: srcKey(pkt), dst: dstKey(pkt), id: ident, proto: nxt, offset, more: more !== 0 };
    const whole = offset === 0 && !more ? payload : reassembleIpv4(pkt, top, payload, key);
    if (whole) {
      dispatchIpv6Payload(pkt, nxt, whole, parent);
      return tvb.reported;
    }
    i.fragmented = true;
    const c = pkt.cols;
    if (c) {
      // unlike IPv4, packet-ipv6.c names no reassembling frame in the Info column
      c.setInfo(`IPv6 fragment (off=${offset} more=${more ? "y" : "n"} ident=0x${ident.toString(16).padStart(8, "0")} nxt=${nxt})`);
    }
    pkt.session.tables.data.dissect(payload, pkt, parent);
    return tvb.reported;
  },
};

function srcKey(pkt: Packet): string {
  const i = pkt.info;
  return String.fromCharCode(...i.netData.subarray(i.netSrc, i.netSrc + i.netLen));
}
function dstKey(pkt: Packet): string {
  const i = pkt.info;
  return String.fromCharCode(...i.netData.subarray(i.netDst, i.netDst + i.netLen));
}
