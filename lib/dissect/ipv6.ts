// IPv6 (RFC 8200): the fixed header, payload length rules, and the hand-off through extension headers.
import { defineProtocol } from "./field.ts";
import { GEOIP_FIELDS } from "./geoip-fields.ts";
import { dispatchIpProto } from "./ip-handoff.ts";
import { ipProtoNames } from "./values/ip-proto.ts";
import { ADDR_IPV6, type Node, type Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ReportedBoundsError } from "./tvb.ts";
import type { Dissector } from "./tables.ts";
import { ipv6At } from "../format/address.ts";
import { DSCP, DSCP_SHORT, ECN, ECN_SHORT } from "./ipv4.ts";

export const ipv6 = defineProtocol({ abbrev: "ipv6", name: "Internet Protocol Version 6", short: "IPv6" }, {
  version: { name: "Version", type: "FT_UINT8", base: "BASE_DEC" },
  tclass: { name: "Traffic Class", type: "FT_UINT32", base: "BASE_HEX", mask: 0xff00000 },
  "tclass.dscp": { name: "Differentiated Services Codepoint", type: "FT_UINT32", base: "BASE_DEC", mask: 0xfc00000, strings: DSCP },
  "tclass.ecn": { name: "Explicit Congestion Notification", type: "FT_UINT32", base: "BASE_DEC", mask: 0x300000, strings: ECN },
  flow: { name: "Flow Label", type: "FT_UINT24", base: "BASE_HEX", mask: 0xfffff },
  plen: { name: "Payload Length", type: "FT_UINT16", base: "BASE_DEC" },
  nxt: { name: "Next Header", type: "FT_UINT8", base: "BASE_DEC", strings: ipProtoNames },
  hlim: { name: "Hop Limit", type: "FT_UINT8", base: "BASE_DEC" },
  src: { name: "Source Address", type: "FT_IPv6", blurb: "Source IPv6 Address" },
  src_host: { name: "Source Host", type: "FT_STRING", blurb: "Source IPv6 Host" },
  src_slaac_mac: { name: "Source SLAAC MAC", type: "FT_ETHER", blurb: "Source IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier" },
  src_isatap_ipv4: { name: "Source ISATAP IPv4", type: "FT_IPv4", blurb: "Source IPv6 ISATAP Encapsulated IPv4 Address" },
  src_6to4_gw_ipv4: { name: "Source 6to4 Gateway IPv4", type: "FT_IPv4", blurb: "Source IPv6 6to4 Gateway IPv4 Address" },
  src_6to4_sla_id: { name: "Source 6to4 SLA ID", type: "FT_UINT16", base: "BASE_DEC", blurb: "Source IPv6 6to4 SLA ID" },
  src_ts_ipv4: { name: "Source Teredo Server IPv4", type: "FT_IPv4", blurb: "Source IPv6 Teredo Server Encapsulated IPv4 Address" },
  src_tc_port: { name: "Source Teredo Port", type: "FT_UINT16", base: "BASE_DEC", blurb: "Source IPv6 Teredo Client Mapped Port" },
  src_tc_ipv4: { name: "Source Teredo Client IPv4", type: "FT_IPv4", blurb: "Source IPv6 Teredo Client Encapsulated IPv4 Address" },
  src_embed_ipv4: { name: "Source Embedded IPv4", type: "FT_IPv4", blurb: "Source IPv4-Embedded IPv6 Address" },
  dst: { name: "Destination Address", type: "FT_IPv6", blurb: "Destination IPv6 Address" },
  dst_host: { name: "Destination Host", type: "FT_STRING", blurb: "Destination IPv6 Host" },
  dst_slaac_mac: { name: "Destination SLAAC MAC", type: "FT_ETHER", blurb: "Destination IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier" },
  dst_isatap_ipv4: { name: "Destination ISATAP IPv4", type: "FT_IPv4", blurb: "Destination IPv6 ISATAP Encapsulated IPv4 Address" },
  dst_6to4_gw_ipv4: { name: "Destination 6to4 Gateway IPv4", type: "FT_IPv4", blurb: "Destination IPv6 6to4 Gateway IPv4 Address" },
  dst_6to4_sla_id: { name: "Destination 6to4 SLA ID", type: "FT_UINT16", base: "BASE_DEC", blurb: "Destination IPv6 6to4 SLA ID" },
  dst_ts_ipv4: { name: "Destination Teredo Server IPv4", type: "FT_IPv4", blurb: "Destination IPv6 Teredo Server Encapsulated IPv4 Address" },
  dst_tc_port: { name: "Destination Teredo Port", type: "FT_UINT16", base: "BASE_DEC", blurb: "Destination IPv6 Teredo Client Mapped Port" },
  dst_tc_ipv4: { name: "Destination Teredo Client IPv4", type: "FT_IPv4", blurb: "Destination IPv6 Teredo Client Encapsulated IPv4 Address" },
  dst_embed_ipv4: { name: "Destination Embedded IPv4", type: "FT_IPv4", blurb: "Destination IPv4-Embedded IPv6 Address" },
  addr: { name: "Source or Destination Address", type: "FT_IPv6" },
  host: { name: "Source or Destination Host", type: "FT_STRING" },
  slaac_mac: { name: "SLAAC MAC", type: "FT_ETHER", blurb: "IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier" },
  isatap_ipv4: { name: "ISATAP IPv4", type: "FT_IPv4", blurb: "IPv6 ISATAP Encapsulated IPv4 Address" },
  "6to4_gw_ipv4": { name: "6to4 Gateway IPv4", type: "FT_IPv4", blurb: "IPv6 6to4 Gateway IPv4 Address" },
  "6to4_sla_id": { name: "6to4 SLA ID", type: "FT_UINT16", base: "BASE_DEC", blurb: "IPv6 6to4 SLA ID" },
  ts_ipv4: { name: "Teredo Server IPv4", type: "FT_IPv4", blurb: "IPv6 Teredo Server Encapsulated IPv4 Address" },
  tc_port: { name: "Teredo Port", type: "FT_UINT16", base: "BASE_DEC", blurb: "IPv6 Teredo Client Mapped Port" },
  tc_ipv4: { name: "Teredo Client IPv4", type: "FT_IPv4", blurb: "IPv6 Teredo Client Encapsulated IPv4 Address" },
  embed_ipv4_prefix: { name: "Embedded IPv4 Prefix", type: "FT_BYTES", blurb: "IPv4-Embedded IPv6 Address Prefix" },
  embed_ipv4: { name: "Embedded IPv4", type: "FT_IPv4", blurb: "IPv4-Embedded IPv6 Address" },
  embed_ipv4_u: { name: "Embedded IPv4 u field", type: "FT_BYTES", blurb: "IPv4-Embedded IPv6 Address u field" },
  embed_ipv4_suffix: { name: "Embedded IPv4 Suffix", type: "FT_BYTES", blurb: "IPv4-Embedded IPv6 Address Suffix" },
  ...GEOIP_FIELDS,
  opt: { name: "IPv6 Option", type: "FT_NONE", blurb: "Option" },
  "opt.type": { name: "Type", type: "FT_UINT8", base: "BASE_HEX", blurb: "Option type" },
  "opt.type.action": { name: "Action", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0, blurb: "Action for unrecognized option type" },
  "opt.type.change": { name: "May Change", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "Whether the option data may change en-route" },
  "opt.type.rest": { name: "Low-Order Bits", type: "FT_UINT8", base: "BASE_HEX", mask: 0x1f, blurb: "Remaining low-order bits" },
  "opt.length": { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Option length in octets" },
  "opt.pad1": { name: "Pad1", type: "FT_NONE", blurb: "Pad1 Option" },
  "opt.padn": { name: "PadN", type: "FT_BYTES", blurb: "PadN Option" },
  "opt.pmtu.min": { name: "Minimum Reported PMTU", type: "FT_UINT16", base: "BASE_DEC", blurb: "The minimum reported PMTU in octets" },
  "opt.pmtu.rtn": { name: "Return Minimum PMTU", type: "FT_UINT16", base: "BASE_DEC", blurb: "The Return Min-PMTU in octets" },
  "opt.pmtu.r_flag": { name: "Return Flag", type: "FT_BOOLEAN", base: 0, blurb: "Destination should include the received reported PMTU" },
  "opt.router_alert": { name: "Router Alert", type: "FT_UINT16", base: "BASE_DEC", blurb: "Router Alert Option" },
  "opt.tel": { name: "Tunnel Encapsulation Limit", type: "FT_UINT8", base: "BASE_DEC", blurb: "How many further levels of encapsulation are permitted" },
  "opt.jumbo": { name: "Payload Length", type: "FT_UINT32", base: "BASE_DEC", blurb: "IPv6 (Jumbo) Payload Length" },
  "opt.calipso.doi": { name: "CALIPSO Domain of Interpretation", type: "FT_UINT32", base: "BASE_DEC" },
  "opt.calipso.cmpt.length": { name: "Compartment Length", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.calipso.sens_level": { name: "Sensitivity Level", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.calipso.checksum": { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX" },
  "opt.calipso.cmpt_bitmap": { name: "Compartment Bitmap", type: "FT_BYTES" },
  "opt.smf_dpd.hash_bit": { name: "H-bit", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Hash indicator" },
  "opt.smf_dpd.tid_type": { name: "TaggerID Type", type: "FT_UINT8", base: "BASE_DEC", mask: 0x70 },
  "opt.smf_dpd.tid_len": { name: "TaggerID Length", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "opt.smf_dpd.tagger_id": { name: "TaggerID", type: "FT_BYTES" },
  "opt.smf_dpd.ident": { name: "Identifier", type: "FT_BYTES" },
  "opt.smf_dpd.hav": { name: "Hash Assist Value", type: "FT_BYTES" },
  "opt.pdm.scale_dtlr": { name: "Scale DTLR", type: "FT_UINT8", base: "BASE_DEC", blurb: "Scale for Delta Time Last Received" },
  "opt.pdm.scale_dtls": { name: "Scale DTLS", type: "FT_UINT8", base: "BASE_DEC", blurb: "Scale for Delta Time Last Sent" },
  "opt.pdm.psn_this_pkt": { name: "PSN This Packet", type: "FT_UINT16", base: "BASE_DEC", blurb: "Packet Sequence Number This Packet" },
  "opt.pdm.psn_last_recv": { name: "PSN Last Received", type: "FT_UINT16", base: "BASE_DEC", blurb: "Packet Sequence Number Last Received" },
  "opt.pdm.delta_last_recv": { name: "Delta Time Last Received", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.pdm.delta_last_sent": { name: "Delta Time Last Sent", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.qs_func": { name: "Function", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0 },
  "opt.qs_rate": { name: "Rate", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "opt.qs_ttl": { name: "QS TTL", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_ttl_diff": { name: "TTL Diff", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_unused": { name: "Not Used", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.qs_nonce": { name: "QS Nonce", type: "FT_UINT32", base: "BASE_HEX", mask: 0xfffffffc },
  "opt.qs_reserved": { name: "Reserved", type: "FT_UINT32", base: "BASE_HEX", mask: 0x3 },
  "opt.ioam.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", blurb: "Reserved (must be zero)" },
  "opt.ioam.opt_type": { name: "Option-Type", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ioam.trace.ns": { name: "Namespace ID", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.ioam.trace.nodelen": { name: "Node Length", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ioam.trace.flags": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0x780 },
  "opt.ioam.trace.flag.o": { name: "Overflow", type: "FT_BOOLEAN", base: 16, mask: 0x400, blurb: "Not enough free space" },
  "opt.ioam.trace.flag.l": { name: "Loopback", type: "FT_BOOLEAN", base: 16, mask: 0x200, blurb: "Send a copy of the packet back towards the source" },
  "opt.ioam.trace.flag.a": { name: "Active", type: "FT_BOOLEAN", base: 16, mask: 0x100, blurb: "Active measurement packet" },
  "opt.ioam.trace.flag.rsv": { name: "Reserved", type: "FT_BOOLEAN", base: 16, mask: 0x80, blurb: "Reserved (must be zero)" },
  "opt.ioam.trace.remlen": { name: "Remaining Length", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ioam.trace.type": { name: "Trace Type", type: "FT_UINT24", base: "BASE_HEX" },
  "opt.ioam.trace.type.bit0": { name: "Hop_Lim and Node ID (short)", type: "FT_BOOLEAN", base: 24, mask: 0x800000 },
  "opt.ioam.trace.type.bit1": { name: "Ingress and Egress IDs (short)", type: "FT_BOOLEAN", base: 24, mask: 0x400000 },
  "opt.ioam.trace.type.bit2": { name: "Timestamp seconds", type: "FT_BOOLEAN", base: 24, mask: 0x200000 },
  "opt.ioam.trace.type.bit3": { name: "Timestamp fraction", type: "FT_BOOLEAN", base: 24, mask: 0x100000 },
  "opt.ioam.trace.type.bit4": { name: "Transit delay", type: "FT_BOOLEAN", base: 24, mask: 0x80000 },
  "opt.ioam.trace.type.bit5": { name: "IOAM-Namespace specific data (short)", type: "FT_BOOLEAN", base: 24, mask: 0x40000 },
  "opt.ioam.trace.type.bit6": { name: "Queue depth", type: "FT_BOOLEAN", base: 24, mask: 0x20000 },
  "opt.ioam.trace.type.bit7": { name: "Checksum complement", type: "FT_BOOLEAN", base: 24, mask: 0x10000 },
  "opt.ioam.trace.type.bit8": { name: "Hop_Lim and Node ID (wide)", type: "FT_BOOLEAN", base: 24, mask: 0x8000 },
  "opt.ioam.trace.type.bit9": { name: "Ingress and Egress IDs (wide)", type: "FT_BOOLEAN", base: 24, mask: 0x4000 },
  "opt.ioam.trace.type.bit10": { name: "IOAM-Namespace specific data (wide)", type: "FT_BOOLEAN", base: 24, mask: 0x2000 },
  "opt.ioam.trace.type.bit11": { name: "Buffer occupancy", type: "FT_BOOLEAN", base: 24, mask: 0x1000 },
  "opt.ioam.trace.type.undef": { name: "Undefined", type: "FT_BOOLEAN", base: 24, mask: 0xffc },
  "opt.ioam.trace.type.bit22": { name: "Opaque State Snapshot", type: "FT_BOOLEAN", base: 24, mask: 0x2 },
  "opt.ioam.trace.type.rsv": { name: "Reserved", type: "FT_BOOLEAN", base: 24, mask: 0x1 },
  "opt.ioam.trace.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", blurb: "Reserved (must be zero)" },
  "opt.ioam.trace.free_space": { name: "Free space", type: "FT_BYTES" },
  "opt.ioam.trace.node.hlim": { name: "Hop Limit", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ioam.trace.node.id": { name: "ID", type: "FT_UINT24", base: "BASE_HEX" },
  "opt.ioam.trace.node.iif": { name: "Ingress ID", type: "FT_UINT16", base: "BASE_HEX" },
  "opt.ioam.trace.node.eif": { name: "Egress ID", type: "FT_UINT16", base: "BASE_HEX" },
  "opt.ioam.trace.node.tss": { name: "Timestamp Seconds", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.tsf": { name: "Timestamp Fraction", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.trdelay": { name: "Transit Delay", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.nsdata": { name: "Namespace Data (short)", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.qdepth": { name: "Queue Depth", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.csum": { name: "Checksum Complement", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.id_wide": { name: "ID", type: "FT_UINT56", base: "BASE_HEX" },
  "opt.ioam.trace.node.iif_wide": { name: "Ingress ID", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.eif_wide": { name: "Egress ID", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.nsdata_wide": { name: "Namespace Data (wide)", type: "FT_UINT64", base: "BASE_HEX" },
  "opt.ioam.trace.node.bufoccup": { name: "Buffer Occupancy", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.undefined": { name: "Undefined bit", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.ioam.trace.node.oss.len": { name: "Length", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ioam.trace.node.oss.scid": { name: "Schema ID", type: "FT_UINT24", base: "BASE_HEX" },
  "opt.ioam.trace.node.oss.data": { name: "Data", type: "FT_BYTES" },
  "opt.tpf_information": { name: "TPF Information", type: "FT_UINT32", base: "BASE_HEX", blurb: "Tunnel Payload Forwarding Information" },
  "opt.mipv6.home_address": { name: "MIPv6 Home Address", type: "FT_IPv6" },
  "opt.rpl.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.rpl.flag.o": { name: "Down", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "The packet is expected to progress Up or Down" },
  "opt.rpl.flag.r": { name: "Rank Error", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "Whether a rank error was detected" },
  "opt.rpl.flag.f": { name: "Forwarding Error", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "Set if the node cannot forward the packet further towards the destination" },
  "opt.rpl.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0x1f, blurb: "Reserved (must be zero)" },
  "opt.rpl.instance_id": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_HEX", blurb: "The DODAG instance along which the packet is sent" },
  "opt.rpl.sender_rank": { name: "Sender Rank", type: "FT_UINT16", base: "BASE_HEX", blurb: "Set to zero by the source and to DAGRank(rank) by a router that forwards inside the RPL network" },
  "opt.ilnp_nonce": { name: "ILNP Nonce", type: "FT_BYTES" },
  "opt.lio.length": { name: "LineIDLen", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.lio.line_id": { name: "Line ID", type: "FT_STRING" },
  "opt.mpl.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.mpl.flag.s": { name: "Seed ID Length", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0, blurb: "Identifies the length of Seed ID" },
  "opt.mpl.flag.m": { name: "Largest Sequence", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "Indicates Sequence is known to be the largest sequence number" },
  "opt.mpl.flag.v": { name: "Version", type: "FT_BOOLEAN", base: 8, mask: 0x10, blurb: "0 indicates this option conforms to RFC<TBC>" },
  "opt.mpl.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0xf, blurb: "Reserved (must be zero)" },
  "opt.mpl.sequence": { name: "Sequence", type: "FT_UINT8", base: "BASE_HEX", blurb: "Identifies relative ordering of MPL Data Messages from the MPL Seed identified by Seed ID" },
  "opt.mpl.seed_id": { name: "Seed ID", type: "FT_BYTES", blurb: "Uniquely identifies the MPL Seed that initiated dissemination of the MPL Data Message" },
  "opt.dff.flags": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.dff.flag.ver": { name: "Version (VER)", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0, blurb: "The version of DFF that is used" },
  "opt.dff.flag.dup": { name: "Duplicate (DUP)", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "Indicates the packet is being retransmitted" },
  "opt.dff.flag.ret": { name: "Return (RET)", type: "FT_BOOLEAN", base: 8, mask: 0x10, blurb: "Must be set to 1 prior to sending the packet back to the Previous Hop" },
  "opt.dff.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0xf, blurb: "Reserved (must be zero)" },
  "opt.dff.sequence_number": { name: "Sequence Number", type: "FT_UINT16", base: "BASE_DEC_HEX" },
  "opt.experimental": { name: "Experimental Option", type: "FT_BYTES" },
  opt_unknown_data: { name: "Unknown Data", type: "FT_BYTES", blurb: "Not interpreted data" },
  "opt.unknown": { name: "Unknown Option Payload", type: "FT_BYTES" },
  fragment: { name: "IPv6 Fragment", type: "FT_FRAMENUM" },
  "fragment.overlap": { name: "Fragment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Fragment overlaps with other fragments" },
  "fragment.overlap.conflict": { name: "Conflicting data in fragment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Overlapping fragments contained conflicting data" },
  "fragment.multipletails": { name: "Multiple tail fragments found", type: "FT_BOOLEAN", base: 0, blurb: "Several tails were found when defragmenting the packet" },
  "fragment.toolongfragment": { name: "Fragment too long", type: "FT_BOOLEAN", base: 0, blurb: "Fragment contained data past end of packet" },
  "fragment.error": { name: "Defragmentation error", type: "FT_FRAMENUM", blurb: "Defragmentation error due to illegal fragments" },
  "fragment.count": { name: "Fragment count", type: "FT_UINT32", base: "BASE_DEC" },
  fragments: { name: "IPv6 Fragments", type: "FT_NONE" },
  "reassembled.in": { name: "Reassembled IPv6 in frame", type: "FT_FRAMENUM", blurb: "This IPv6 packet is reassembled in this frame" },
  "reassembled.length": { name: "Reassembled IPv6 length", type: "FT_UINT32", base: "BASE_DEC", blurb: "The total length of the reassembled payload" },
  "reassembled.data": { name: "Reassembled IPv6 data", type: "FT_BYTES", blurb: "The reassembled payload" },
  "opt.jumbo.missing": { name: "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing", type: "FT_NONE" },
  "opt.jumbo.prohibited": { name: "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present", type: "FT_NONE" },
  "opt.jumbo.truncated": { name: "Jumbo Payload option present and jumbo length < 65536", type: "FT_NONE" },
  "opt.jumbo.fragment": { name: "Jumbo Payload option cannot be used with a fragment header", type: "FT_NONE" },
  "opt.invalid_len": { name: "Invalid IPv6 option length", type: "FT_NONE" },
  "opt.unknown_data.expert": { name: "Unknown Data (not interpreted)", type: "FT_NONE" },
  plen_exceeds_framing: { name: "IPv6 payload length does not match expected framing length", type: "FT_NONE" },
  plen_zero: { name: "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))", type: "FT_NONE" },
  bogus_ipv6_version: { name: "Bogus IP version", type: "FT_NONE" },
  invalid_header: { name: "Invalid IPv6 header", type: "FT_NONE" },
  "opt.header_mismatch": { name: "Wrong options extension header for type", type: "FT_NONE" },
  "opt.deprecated": { name: "Option type is deprecated", type: "FT_NONE" },
  "opt.mpl.ipv6_src_seed_id": { name: "Seed ID is the IPv6 Source Address", type: "FT_NONE" },
  "opt.ioam.trace.invalid_nodelen": { name: "Invalid \"NodeLen\" value: cannot be 0", type: "FT_NONE" },
  "opt.ioam.trace.invalid_remlen": { name: "Invalid \"RemLen\" value", type: "FT_NONE" },
  "opt.ioam.trace.invalid_type": { name: "Mismatch between Trace Type and NodeLen", type: "FT_NONE" },
  "embed_ipv4.u.nonzero": { name: "IPv4-Embedded IPv6 address bit 64 to 71 must be zero", type: "FT_NONE" },
});

const F = ipv6.f;

export const ipv6Dissector: Dissector = {
  proto: ipv6,
  name: "ipv6",
  handoff: [["ethertype", 0x86dd], ["link", 229], ["ip.proto", 41], ["ppp.protocol", 0x57]],
  dissect: dissectIpv6,
};

const MALFORMED = new ReportedBoundsError("invalid IPv6 header");

function dissectIpv6(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.info.inError ? null : pkt.cols;
  c?.setProtocol("IPv6");
  c?.clearInfo();
  const version = tvb.u8(0) >> 4;
  const top = pkt.addProto(parent, ipv6, tvb, 0, 40);
  // A version other than 6 is rejected: the item stays, the layer goes, and a caller with a fallback
  // (the ethertype table) shows the bytes as data (packet-ipv6.c returns 0).
  if (version !== 6) {
    pkt.layers.pop();
    pkt.add(top, F.version, tvb, 0, 1, version);
    c?.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
    return 0;
  }
  if (tvb.reported < 40) {
    c?.setInfo(`Invalid IPv6 header (${tvb.reported} bytes, need exactly 40)`);
    throw MALFORMED;
  }
  const w0 = tvb.u32(0);
  const plenRaw = tvb.u16(4);
  const nxt = tvb.u8(6);
  const hlim = tvb.u8(7);
  tvb.check(8, 32);
  const info = pkt.info;
  info.netSrc = tvb.start + 8;
  info.netDst = tvb.start + 24;
  info.netLen = 16;
  info.netData = tvb.data;
  info.ttl = hlim;
  if (c) {
    c.setAddr("src", ADDR_IPV6, tvb.data, tvb.start + 8);
    c.setAddr("dst", ADDR_IPV6, tvb.data, tvb.start + 24);
  }
  if (pkt.full || pkt.want) {
    if (pkt.full) top.append(`, Src: ${ipv6At(tvb.data, tvb.start + 8)}, Dst: ${ipv6At(tvb.data, tvb.start + 24)}`);
    pkt.add(top, F.version, tvb, 0, 1, 6).setLabel("0110 .... = Version: 6");
    const tcv = (w0 >>> 20) & 0xff;
    const tc = pkt.add(top, F.tclass, tvb, 0, 4, tcv);
    if (pkt.full) tc.append(` (DSCP: ${DSCP_SHORT.get(tcv >> 2) ?? "Unknown"}, ECN: ${ECN_SHORT.get(tcv & 3)})`);
    pkt.add(tc, F["tclass.dscp"], tvb, 0, 4, (w0 >>> 22) & 0x3f);
    pkt.add(tc, F["tclass.ecn"], tvb, 0, 4, (w0 >>> 20) & 3);
    pkt.add(top, F.flow, tvb, 1, 3, w0 & 0xfffff);
    pkt.add(top, F.plen, tvb, 4, 2, plenRaw);
    pkt.add(top, F.nxt, tvb, 6, 1, nxt);
    pkt.add(top, F.hlim, tvb, 7, 1, hlim);
    for (const [off, f, host] of [[8, F.src, F.src_host], [24, F.dst, F.dst_host]] as const) {
      pkt.add(top, f, tvb, off, 16, null);
      pkt.add(top, F.addr, tvb, off, 16, null).hide();
      if (pkt.wants(host) || pkt.wants(F.host)) {
        const name = ipv6At(tvb.data, tvb.start + off);
        pkt.add(top, host, tvb, off, 16, name).hide();
        pkt.add(top, F.host, tvb, off, 16, name).hide();
      }
    }
  }
  // Payload length 0 is a jumbogram only with a hop-by-hop header; otherwise the payload is empty (and the
  // next header runs out of bytes: "[Malformed Packet]", as tshark 4.0 shows TSO captures).
  const payload = plenRaw === 0 && nxt === 0 ? tvb.subset(40) : tvb.subset(40, plenRaw);
  dispatchIpv6Payload(pkt, nxt, payload, top);
  return 40 + payload.reported;
}

/** Extension headers live inside the IPv6 subtree; the upper-layer protocol is a top-level item. */
const EXTENSION_HEADERS = new Set([0, 43, 44, 60]);

/**
 * The next header after the fixed header or an extension header (59 ends the chain). `ipv6Top` is the
 * IPv6 subtree that extension headers hang in.
 */
export function dispatchIpv6Payload(pkt: Packet, nxt: number, payload: Tvb, ipv6Top: Node): void {
  const parent = EXTENSION_HEADERS.has(nxt) ? ipv6Top : pkt.root;
  if (nxt === 59) {
    pkt.cols?.setInfo("IPv6 no next header");
    if (payload.reported > 0) pkt.session.tables.data.dissect(payload, pkt, parent);
    return;
  }
  dispatchIpProto(pkt, nxt, payload, parent);
}
