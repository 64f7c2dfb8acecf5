// ICMP (RFC 792): echo with request/reply pairing, errors with the quoted datagram, redirect, timestamps.
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import { catchNonFatal } from "./exceptions.ts";
import { CHECKSUM_BAD, CHECKSUM_GOOD, CHECKSUM_STATUS, CHECKSUM_UNVERIFIED } from "./values/checksum.ts";
import { checksumOk, expectedChecksum, sum16 } from "./checksum.ts";
import type { Field } from "./field.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { matchEcho } from "../analysis/echo-pairs.ts";

export const TYPES = vals({
  0: "Echo (ping) reply", 3: "Destination unreachable", 4: "Source quench (flow control)", 5: "Redirect", 8: "Echo (ping) request",
  9: "Router advertisement", 10: "Router solicitation", 11: "Time-to-live exceeded", 12: "Parameter problem", 13: "Timestamp request",
  14: "Timestamp reply", 15: "Information request", 16: "Information reply", 17: "Address mask request", 18: "Address mask reply",
  30: "Traceroute", 40: "Photuris", 42: "Extended Echo request", 43: "Extended Echo reply",
});

/** Code names by type (types without codes print none). */
export const CODES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [3, vals({ 0: "Network unreachable", 1: "Host unreachable", 2: "Protocol unreachable", 3: "Port unreachable", 4: "Fragmentation needed", 5: "Source route failed", 6: "Destination network unknown", 7: "Destination host unknown", 8: "Source host isolated", 9: "Network administratively prohibited", 10: "Host administratively prohibited", 11: "Network unreachable for TOS", 12: "Host unreachable for TOS", 13: "Communication administratively filtered", 14: "Host precedence violation", 15: "Precedence cutoff in effect" })],
  [5, vals({ 0: "Redirect for network", 1: "Redirect for host", 2: "Redirect for TOS and network", 3: "Redirect for TOS and host" })],
  [9, vals({ 0: "Normal router advertisement", 16: "Does not route common traffic" })],
  [11, vals({ 0: "Time to live exceeded in transit", 1: "Fragment reassembly time exceeded" })],
  [12, vals({ 0: "Pointer indicates the error", 1: "Required option missing", 2: "Bad length" })],
  [40, vals({ 0: "Bad SPI", 1: "Authentication Failed", 2: "Decompression Failed", 3: "Decryption Failed", 4: "Need Authentication", 5: "Need Authorization" })],
  [42, vals({ 0: "No error" })],
  [43, vals({ 0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query" })],
]);

export const icmp = defineProtocol({ abbrev: "icmp", name: "Internet Control Message Protocol", short: "ICMP" }, {
  type: { name: "Type", type: "FT_UINT8", base: "BASE_DEC", strings: TYPES },
  code: { name: "Code", type: "FT_UINT8", base: "BASE_DEC" },
  checksum: { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX" },
  "checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
  unused: { name: "Unused", type: "FT_BYTES" },
  reserved: { name: "Reserved", type: "FT_BYTES" },
  ident: { name: "Identifier (BE)", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "Identifier (big endian representation)" },
  ident_le: { name: "Identifier (LE)", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "Identifier (little endian representation)" },
  seq: { name: "Sequence Number (BE)", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "Sequence Number (big endian representation)" },
  seq_le: { name: "Sequence Number (LE)", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "Sequence Number (little endian representation)" },
  mtu: { name: "MTU of next hop", type: "FT_UINT16", base: "BASE_DEC" },
  num_addrs: { name: "Number of addresses", type: "FT_UINT8", base: "BASE_DEC" },
  addr_entry_size: { name: "Address entry size", type: "FT_UINT8", base: "BASE_DEC" },
  lifetime: { name: "Lifetime", type: "FT_UINT16", base: "BASE_DEC" },
  pointer: { name: "Pointer", type: "FT_UINT32", base: "BASE_DEC" },
  router_address: { name: "Router address", type: "FT_IPv4" },
  pref_level: { name: "Preference level", type: "FT_INT32", base: "BASE_DEC" },
  originate_timestamp: { name: "Originate Timestamp", type: "FT_UINT32", base: "BASE_DEC" },
  receive_timestamp: { name: "Receive Timestamp", type: "FT_UINT32", base: "BASE_DEC" },
  transmit_timestamp: { name: "Transmit Timestamp", type: "FT_UINT32", base: "BASE_DEC" },
  address_mask: { name: "Address Mask", type: "FT_IPv4" },
  redir_gw: { name: "Gateway Address", type: "FT_IPv4" },
  "mip.type": { name: "Extension Type", type: "FT_UINT8", base: "BASE_DEC" },
  "mip.length": { name: "Length", type: "FT_UINT8", base: "BASE_DEC" },
  "mip.prefixlength": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC" },
  "mip.seq": { name: "Sequence Number", type: "FT_UINT16", base: "BASE_DEC" },
  "mip.life": { name: "Registration Lifetime", type: "FT_UINT16", base: "BASE_DEC" },
  "mip.flags": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX" },
  "mip.r": { name: "Registration Required", type: "FT_BOOLEAN", base: 16, mask: 0x8000, blurb: "Registration with this FA is required" },
  "mip.b": { name: "Busy", type: "FT_BOOLEAN", base: 16, mask: 0x4000, blurb: "This FA will not accept requests at this time" },
  "mip.h": { name: "Home Agent", type: "FT_BOOLEAN", base: 16, mask: 0x2000, blurb: "Home Agent Services Offered" },
  "mip.f": { name: "Foreign Agent", type: "FT_BOOLEAN", base: 16, mask: 0x1000, blurb: "Foreign Agent Services Offered" },
  "mip.m": { name: "Minimal Encapsulation", type: "FT_BOOLEAN", base: 16, mask: 0x800, blurb: "Minimal encapsulation tunneled datagram support" },
  "mip.g": { name: "GRE", type: "FT_BOOLEAN", base: 16, mask: 0x400, blurb: "GRE encapsulated tunneled datagram support" },
  "mip.v": { name: "VJ Comp", type: "FT_BOOLEAN", base: 16, mask: 0x200, blurb: "Van Jacobson Header Compression Support" },
  "mip.rt": { name: "Reverse tunneling", type: "FT_BOOLEAN", base: 16, mask: 0x100, blurb: "Reverse tunneling support" },
  "mip.u": { name: "UDP tunneling", type: "FT_BOOLEAN", base: 16, mask: 0x80, blurb: "UDP tunneling support" },
  "mip.x": { name: "Revocation support", type: "FT_BOOLEAN", base: 16, mask: 0x40, blurb: "Registration revocation support" },
  "mip.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_HEX", mask: 0x3f },
  "mip.coa": { name: "Care-Of-Address", type: "FT_IPv4" },
  "mip.challenge": { name: "Challenge", type: "FT_BYTES" },
  "mip.content": { name: "Content", type: "FT_BYTES" },
  ext: { name: "ICMP Extensions", type: "FT_NONE" },
  "ext.version": { name: "Version", type: "FT_UINT8", base: "BASE_DEC" },
  "ext.res": { name: "Reserved", type: "FT_UINT16", base: "BASE_HEX", mask: 0xfff },
  "ext.checksum": { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX" },
  "ext.checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE" },
  "ext.length": { name: "Length", type: "FT_UINT16", base: "BASE_DEC" },
  "ext.class": { name: "Class", type: "FT_UINT8", base: "BASE_DEC" },
  "ext.ctype": { name: "C-Type", type: "FT_UINT8", base: "BASE_DEC" },
  "ext.data": { name: "Data", type: "FT_BYTES" },
  "mpls.label": { name: "Label", type: "FT_UINT24", base: "BASE_DEC", mask: 0xfffff0 },
  "mpls.exp": { name: "Experimental", type: "FT_UINT24", base: "BASE_DEC", mask: 0xe },
  "mpls.s": { name: "Stack bit", type: "FT_BOOLEAN", base: 24, mask: 0x1 },
  "mpls.ttl": { name: "Time to live", type: "FT_UINT8", base: "BASE_DEC" },
  "mpls.data": { name: "Data", type: "FT_BYTES" },
  resp_in: { name: "Response frame", type: "FT_FRAMENUM", blurb: "The frame number of the corresponding response" },
  no_resp: { name: "No response seen", type: "FT_NONE", blurb: "No corresponding response frame was seen" },
  resp_to: { name: "Request frame", type: "FT_FRAMENUM", blurb: "The frame number of the corresponding request" },
  resptime: { name: "Response time", type: "FT_DOUBLE", blurb: "The time between the request and the response, in ms." },
  data_time: { name: "Timestamp from icmp data", type: "FT_ABSOLUTE_TIME", blurb: "The timestamp in the first 8 bytes of the icmp data" },
  data_time_relative: { name: "Timestamp from icmp data (relative)", type: "FT_RELATIVE_TIME", blurb: "The timestamp of the packet, relative to the timestamp in the first 8 bytes of the icmp data" },
  length: { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the original datagram" },
  "length.original_datagram": { name: "Length of original datagram", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the original datagram (length * 4)" },
  "int_info.role": { name: "Interface Role", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0 },
  "int_info.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x30 },
  "int_info.ifindex": { name: "ifIndex", type: "FT_BOOLEAN", base: 8, mask: 0x8, blurb: "True: ifIndex of the interface included; False: ifIndex of the interface not included " },
  "int_info.ipaddr": { name: "IP Address", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "int_info.name_present": { name: "Interface Name", type: "FT_BOOLEAN", base: 8, mask: 0x2 },
  "int_info.mtu_present": { name: "MTU", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "int_info.index": { name: "Interface Index", type: "FT_UINT32", base: "BASE_DEC" },
  "int_info.afi": { name: "Address Family Identifier", type: "FT_UINT16", base: "BASE_DEC", blurb: "Address Family of the interface address" },
  "int_info.ipv4": { name: "Source", type: "FT_IPv4" },
  "int_info.ipv6": { name: "Source", type: "FT_IPv6" },
  "int_info.ipunknown": { name: "Source", type: "FT_BYTES" },
  "int_info.name_length": { name: "Name Length", type: "FT_UINT8", base: "BASE_DEC" },
  "int_info.name": { name: "Name", type: "FT_STRING" },
  "int_info.mtu": { name: "Maximum Transmission Unit", type: "FT_UINT32", base: "BASE_DEC" },
  "ext.echo.seq": { name: "Sequence Number", type: "FT_UINT8", base: "BASE_DEC_HEX" },
  "ext.echo.req.res": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0xfe },
  "ext.echo.req.local": { name: "Local bit", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "ext.echo.rsp.state": { name: "State", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe0 },
  "ext.echo.rsp.res": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0x18 },
  "ext.echo.rsp.active": { name: "Active bit", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "ext.echo.rsp.ipv4": { name: "IPv4 bit", type: "FT_BOOLEAN", base: 8, mask: 0x2 },
  "ext.echo.rsp.ipv6": { name: "IPv6 bit", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "int_ident.name": { name: "Name", type: "FT_STRING" },
  "int_ident.index": { name: "Interface Index", type: "FT_UINT32", base: "BASE_DEC" },
  "int_ident.afi": { name: "Address Family Identifier", type: "FT_UINT16", base: "BASE_DEC", blurb: "Address Family of the interface address" },
  "int_ident.addr_length": { name: "Address Length", type: "FT_UINT8", base: "BASE_DEC" },
  "int_ident.reserved": { name: "Reserved", type: "FT_BYTES" },
  "int_ident.ipv4": { name: "Address", type: "FT_IPv4" },
  "int_ident.ipv6": { name: "Address", type: "FT_IPv6" },
  "int_ident.address": { name: "Address", type: "FT_BYTES" },
  resp_not_found: { name: "Response not found", type: "FT_NONE" },
  checksum_bad: { name: "Bad checksum", type: "FT_NONE" },
  "ext.checksum_bad": { name: "Bad checksum", type: "FT_NONE" },
});

const F = icmp.f;
const ERRORS = new Set([3, 4, 5, 11, 12]);
const ID_SEQ = new Set([0, 8, 13, 14, 15, 16, 17, 18]);
const owner = {};

export const icmpDissector: Dissector = {
  proto: icmp,
  name: "icmp",
  handoff: [["ip.proto", 1]],
  dissect: dissectIcmp,
};

function dissectIcmp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.info.inError ? null : pkt.cols;
  c?.setProtocol("ICMP");
  c?.clearInfo();
  const type = tvb.u8(0);
  const code = tvb.u8(1);
  const top = pkt.addProto(parent, icmp, tvb, 0, -1);
  const typeStr = TYPES.get(type) ?? "Unknown ICMP (obsolete or malformed?)";
  const codeMap = CODES.get(type);
  const codeStr = codeMap ? codeMap.get(code) ?? "Unknown code" : "";
  c?.setInfo(typeStr.padEnd(20));
  if (codeStr) c?.appendInfo(` (${codeStr})`);
  const tn = pkt.add(top, F.type, tvb, 0, 1, type);
  if (pkt.full) tn.setLabel(`Type: ${type} (${typeStr})`);
  const cn = pkt.add(top, F.code, tvb, 1, 1, code);
  if (pkt.full && codeStr) cn.append(` (${codeStr})`);
  const sum = tvb.u16(2);
  addVerifiedChecksum(pkt, top, tvb, sum, 0, F.checksum, F["checksum.status"]);

  if (ID_SEQ.has(type)) {
    const id = tvb.u16(4), seq = tvb.u16(6);
    pkt.add(top, F.ident, tvb, 4, 2, id);
    pkt.add(top, F.ident_le, tvb, 4, 2, ((id & 0xff) << 8) | (id >> 8));
    pkt.add(top, F.seq, tvb, 6, 2, seq);
    pkt.add(top, F.seq_le, tvb, 6, 2, ((seq & 0xff) << 8) | (seq >> 8));
    if (c) {
      c.appendInfo(` id=0x${id.toString(16).padStart(4, "0")}, seq=${seq}/${((seq & 0xff) << 8) | (seq >> 8)}`);
      if (pkt.info.netLen === 4) c.appendInfo(`, ttl=${pkt.info.ttl}`);
    }
    if ((type === 0 || type === 8) && !pkt.info.inError) {
      const m = matchEcho(pkt, owner, type === 8, id, seq);
      if (m.replyIn !== undefined) {
        c?.appendInfo(` (reply in ${m.replyIn})`);
        pkt.add(top, F.resp_in, tvb, 0, 0, m.replyIn).generated();
      } else if (m.noResponse) {
        c?.appendInfo(" (no response found!)");
        pkt.add(top, F.no_resp, tvb, 0, 0, null).generated();
      }
      if (m.requestIn !== undefined) {
        c?.appendInfo(` (request in ${m.requestIn})`);
        pkt.add(top, F.resp_to, tvb, 0, 0, m.requestIn).generated();
        const rt = pkt.add(top, F.resptime, tvb, 0, 0, m.responseMs!).generated();
        if (pkt.full) rt.setLabel(`Response time: ${m.responseMs!.toFixed(3)} ms`);
      }
    }
    if (type === 13 || type === 14) {
      pkt.add(top, F.originate_timestamp, tvb, 8, 4, tvb.u32(8));
      pkt.add(top, F.receive_timestamp, tvb, 12, 4, tvb.u32(12));
      pkt.add(top, F.transmit_timestamp, tvb, 16, 4, tvb.u32(16));
    } else if (type === 17 || type === 18) {
      pkt.add(top, F.address_mask, tvb, 8, 4, tvb.u32(8));
    } else if (tvb.reported > 8 && (type === 0 || type === 8)) {
      // ping puts its send time first: Wireshark shows it when it lies within a day of the frame
      const dataAt = echoTimestamp(tvb, pkt, top) ? 16 : 8;
      if (tvb.reported > dataAt) pkt.session.tables.data.dissect(tvb.subset(dataAt), pkt, pkt.root);
    }
    return tvb.reported;
  }
  if (type === 5) pkt.add(top, F.redir_gw, tvb, 4, 4, tvb.u32(4));
  else if (type === 3 && code === 4) {
    pkt.add(top, F.unused, tvb, 4, 2, null);
    pkt.add(top, F.mtu, tvb, 6, 2, tvb.u16(6));
  } else if (type === 12) pkt.add(top, F.pointer, tvb, 4, 1, tvb.u8(4));
  else if (ERRORS.has(type)) pkt.add(top, F.unused, tvb, 4, 4, null);
  if (ERRORS.has(type)) dissectQuoted(tvb.subset(8), pkt, top);
  return tvb.reported;
}

/**
 * The datagram an ICMP error quotes: dissected as IP with the columns frozen and stream tracking off
 * (Wireshark's in_error_pkt), and with the outer packet's addresses restored afterwards.
 */
export function dissectQuoted(inner: Tvb, pkt: Packet, top: Node): void {
  if (inner.reported <= 0) return;
  const saved = { ...pkt.info };
  pkt.info.inError = true;
  const c = pkt.cols;
  const wasWritable = c?.writable ?? false;
  if (c) c.writable = false;
  const ipd = pkt.session.tables.byName["ip.proto"].get(4);
  catchNonFatal(inner, pkt, top, () => {
    if (ipd) ipd.dissect(inner, pkt, top);
  });
  if (c) c.writable = wasWritable;
  Object.assign(pkt.info, saved);
}

/**
 * ICMP and ICMPv6 checksums are always verified by Wireshark: "[correct]" and Good, or "incorrect, should
 * be 0x…" and Bad. A message cut by the snap length (or a fragment) cannot be checked: Unverified.
 */
export function addVerifiedChecksum(pkt: Packet, top: Node, tvb: Tvb, sum: number, pseudo: number, field: Field, status: Field): void {
  const cs = pkt.add(top, field, tvb, 2, 2, sum);
  if (tvb.captured < tvb.reported || pkt.info.fragmented || pkt.info.inError) {
    if (pkt.full) cs.append(" [unverified]");
    pkt.add(top, status, tvb, 2, 0, CHECKSUM_UNVERIFIED).generated();
    return;
  }
  if (!pkt.full && !pkt.wants(status)) return;
  const total = sum16(tvb.data, tvb.start, tvb.reported, pseudo);
  const ok = checksumOk(total);
  if (pkt.full) {
    if (ok) cs.append(" [correct]");
    else {
      const should = expectedChecksum(total, sum).toString(16).padStart(4, "0");
      cs.append(` incorrect, should be 0x${should}`);
      cs.expert = [{ abbrev: `${field.proto.abbrev}.checksum_bad`, severity: "Warning", group: "Checksum", message: `Bad checksum [should be 0x${should}]` }];
    }
  }
  pkt.add(top, status, tvb, 2, 0, ok ? CHECKSUM_GOOD : CHECKSUM_BAD).generated();
}

/** The timeval at the start of echo data (either byte order, 32-bit seconds then microseconds). */
function echoTimestamp(tvb: Tvb, pkt: Packet, top: Node): boolean {
  if (tvb.reported - 8 <= 8 || tvb.captured < 16) return false;
  const DAY = 86_400;
  for (const little of [true, false]) {
    const sec = little ? tvb.u32le(8) : tvb.u32(8);
    const usec = little ? tvb.u32le(12) : tvb.u32(12);
    if (Math.abs(sec - pkt.sec) < DAY && usec < 1_000_000) {
      if (pkt.full || pkt.want) {
        const ns = BigInt(sec) * 1_000_000_000n + BigInt(usec * 1000);
        pkt.add(top, F.data_time, tvb, 8, 8, ns);
        pkt.add(top, F.data_time_relative, tvb, 8, 8, pkt.frame.ts - ns).generated();
      }
      return true;
    }
  }
  return false;
}
