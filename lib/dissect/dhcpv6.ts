// DHCPv6 (RFC 8415): client/server and relay messages, the option list (nested for IAs and relays) and tshark's Info line.
import { defineProtocol } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { DHCPV6_MSG_TYPES, DHCPV6_OPTIONS } from "./values/dhcpv6-values.ts";
import { hexBytes } from "../format/value.ts";
import { ipv6At } from "../format/address.ts";
import { vals } from "./field.ts";

const DUID_TYPES = vals({ 1: "link-layer address plus time", 2: "assigned by vendor based on Enterprise number", 3: "link-layer address", 4: "Universally Unique IDentifier (UUID)" });
const HW_TYPES = vals({ 1: "Ethernet", 6: "IEEE 802", 32: "InfiniBand" });
const STATUS_CODES = vals({ 0: "Success", 1: "UnspecFail", 2: "NoAddrAvail", 3: "NoBinding", 4: "NotOnLink", 5: "UseMulticast", 6: "NoPrefixAvail", 7: "UnknownQueryType", 8: "MalformedQuery", 9: "NotConfigured", 10: "NotAllowed", 11: "QueryTerminated", 12: "DataMissing", 13: "CatchUpComplete", 14: "NotSupported", 15: "TLSConnectionRefused" });

export const dhcpv6 = defineProtocol({ abbrev: "dhcpv6", name: "DHCPv6", short: "DHCPv6" }, {
  msgtype: { name: "Message type", type: "FT_UINT8", base: "BASE_DEC", strings: DHCPV6_MSG_TYPES },
  hopcount: { name: "Hopcount", type: "FT_UINT8", base: "BASE_DEC" },
  xid: { name: "Transaction ID", type: "FT_UINT24", base: "BASE_HEX" },
  linkaddr: { name: "Link address", type: "FT_IPv6" },
  peeraddr: { name: "Peer address", type: "FT_IPv6" },
  "option.type": { name: "Option", type: "FT_UINT16", base: "BASE_DEC", strings: DHCPV6_OPTIONS },
  "option.length": { name: "Length", type: "FT_UINT16", base: "BASE_DEC" },
  "option.value": { name: "Value", type: "FT_BYTES" },
  "duid.bytes": { name: "DUID", type: "FT_BYTES" },
  iaid: { name: "IAID", type: "FT_STRING" },
  iata: { name: "IATA", type: "FT_STRING" },
  "iaaddr.ip": { name: "IPv6 address", type: "FT_IPv6" },
  "duid.type": { name: "DUID Type", type: "FT_UINT16", base: "BASE_DEC", strings: DUID_TYPES },
  "duidllt.hwtype": { name: "Hardware type", type: "FT_UINT16", base: "BASE_DEC", strings: HW_TYPES },
  "duidllt.time": { name: "DUID Time", type: "FT_ABSOLUTE_TIME" },
  "duidllt.link_layer_addr": { name: "Link-layer address", type: "FT_STRING" },
  "duidll.hwtype": { name: "Hardware type", type: "FT_UINT16", base: "BASE_DEC", strings: HW_TYPES },
  "duidll.link_layer_addr": { name: "Link-layer address", type: "FT_STRING" },
  requested_option_code: { name: "Requested Option code", type: "FT_UINT16", base: "BASE_DEC", strings: DHCPV6_OPTIONS },
  elapsed_time: { name: "Elapsed time", type: "FT_UINT16", base: "BASE_DEC" },
  "iaid.t1": { name: "T1", type: "FT_UINT32", base: "BASE_DEC" },
  "iaid.t2": { name: "T2", type: "FT_UINT32", base: "BASE_DEC" },
  "iaaddr.pref_lifetime": { name: "Preferred lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "iaaddr.valid_lifetime": { name: "Valid lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "iaprefix.pref_lifetime": { name: "Preferred lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "iaprefix.valid_lifetime": { name: "Valid lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "iaprefix.pref_len": { name: "Prefix length", type: "FT_UINT8", base: "BASE_DEC" },
  "iaprefix.pref_addr": { name: "Prefix address", type: "FT_IPv6" },
  status_code: { name: "Status Code", type: "FT_UINT16", base: "BASE_DEC", strings: STATUS_CODES },
  status_msg: { name: "Status Message", type: "FT_STRING" },
  dns_server: { name: "DNS server address", type: "FT_IPv6" },
});

/** Seconds from the Unix epoch to 2000-01-01, where DUID-LLT times start. */
const DUID_EPOCH = 946684800n;

const F = dhcpv6.f;
const RELAY_FORW = 12, RELAY_REPL = 13;
const ORO = 6, ELAPSED = 8, STATUS = 13, DNS_SERVERS = 23, IA_PREFIX = 26;
const CLIENT_ID = 1, SERVER_ID = 2, IA_NA = 3, IA_TA = 4, IA_ADDR = 5, RELAY_MSG = 9, IA_PD = 25;

/** One message (client/server or relay) at `off`; nested relay messages recurse. Info pieces go to `info`. */
function dissectMessage(tvb: Tvb, pkt: Packet, parent: Node, off: number, end: number, info: string[], depth: number): void {
  const type = tvb.u8(off);
  const name = DHCPV6_MSG_TYPES.get(type) ?? `Unknown (${type})`;
  pkt.add(parent, F.msgtype, tvb, off, 1, type);
  if (type === RELAY_FORW || type === RELAY_REPL) {
    pkt.add(parent, F.hopcount, tvb, off + 1, 1, tvb.u8(off + 1));
    tvb.check(off + 2, 32);
    pkt.add(parent, F.linkaddr, tvb, off + 2, 16, null);
    pkt.add(parent, F.peeraddr, tvb, off + 18, 16, null);
    info.push(`${name} L: ${ipv6At(tvb.data, tvb.start + off + 2)} `);
    dissectOptions(tvb, pkt, parent, off + 34, end, info, depth);
    return;
  }
  const xid = tvb.u24(off + 1);
  pkt.add(parent, F.xid, tvb, off + 1, 3, xid);
  info.push(`${name} XID: 0x${xid.toString(16).padStart(6, "0")} `);
  dissectOptions(tvb, pkt, parent, off + 4, end, info, depth);
}

function dissectOptions(tvb: Tvb, pkt: Packet, parent: Node, off: number, end: number, info: string[], depth: number): void {
  while (off + 4 <= end) {
    const code = tvb.u16(off);
    const len = tvb.u16(off + 2);
    const v = off + 4;
    const oname = DHCPV6_OPTIONS.get(code) ?? "Unknown";
    const o = pkt.addText(parent, tvb, off, 4 + len, oname);
    pkt.add(o, F["option.type"], tvb, off, 2, code);
    pkt.add(o, F["option.length"], tvb, off + 2, 2, len);
    const stop = Math.min(end, v + len);
    switch (code) {
      case CLIENT_ID:
        pkt.add(o, F["duid.bytes"], tvb, v, len, null);
        tvb.check(v, len);
        info.push(`CID: ${hexBytes(tvb.data, tvb.start + v, len)} `);
        dissectDuid(tvb, pkt, o, v, len);
        break;
      case SERVER_ID:
        pkt.add(o, F["duid.bytes"], tvb, v, len, null);
        dissectDuid(tvb, pkt, o, v, len);
        break;
      case ORO:
        for (let i = 0; i + 1 < len; i += 2) pkt.add(o, F.requested_option_code, tvb, v + i, 2, tvb.u16(v + i));
        break;
      case ELAPSED: {
        const t = tvb.u16(v);
        const n = pkt.add(o, F.elapsed_time, tvb, v, 2, t);
        if (pkt.full) n.setLabel(`Elapsed time: ${t * 10}ms`);
        break;
      }
      case STATUS:
        pkt.add(o, F.status_code, tvb, v, 2, tvb.u16(v));
        if (len > 2) pkt.add(o, F.status_msg, tvb, v + 2, len - 2, tvb.ascii(v + 2, len - 2));
        break;
      case DNS_SERVERS:
        for (let i = 0; i + 16 <= len; i += 16) pkt.add(o, F.dns_server, tvb, v + i, 16, null);
        break;
      case IA_NA:
      case IA_PD:
        pkt.add(o, F.iaid, tvb, v, 4, hexBytes(tvb.data, tvb.start + v, Math.min(4, tvb.remaining(v))));
        pkt.add(o, F["iaid.t1"], tvb, v + 4, 4, tvb.u32(v + 4));
        pkt.add(o, F["iaid.t2"], tvb, v + 8, 4, tvb.u32(v + 8));
        dissectOptions(tvb, pkt, o, v + 12, stop, info, depth);
        break;
      case IA_PREFIX:
        pkt.add(o, F["iaprefix.pref_lifetime"], tvb, v, 4, tvb.u32(v));
        pkt.add(o, F["iaprefix.valid_lifetime"], tvb, v + 4, 4, tvb.u32(v + 4));
        pkt.add(o, F["iaprefix.pref_len"], tvb, v + 8, 1, tvb.u8(v + 8));
        tvb.check(v + 9, 16);
        pkt.add(o, F["iaprefix.pref_addr"], tvb, v + 9, 16, null);
        if (len > 25) dissectOptions(tvb, pkt, o, v + 25, stop, info, depth);
        break;
      case IA_TA:
        pkt.add(o, F.iata, tvb, v, 4, hexBytes(tvb.data, tvb.start + v, Math.min(4, tvb.remaining(v))));
        dissectOptions(tvb, pkt, o, v + 4, stop, info, depth);
        break;
      case IA_ADDR:
        tvb.check(v, 16);
        pkt.add(o, F["iaaddr.ip"], tvb, v, 16, null);
        pkt.add(o, F["iaaddr.pref_lifetime"], tvb, v + 16, 4, tvb.u32(v + 16));
        pkt.add(o, F["iaaddr.valid_lifetime"], tvb, v + 20, 4, tvb.u32(v + 20));
        info.push(`IAA: ${ipv6At(tvb.data, tvb.start + v)} `);
        if (len > 24) dissectOptions(tvb, pkt, o, v + 24, stop, info, depth);
        break;
      case RELAY_MSG:
        if (depth < 32 && len > 0) dissectMessage(tvb, pkt, o, v, stop, info, depth + 1);
        break;
      default:
        if (len) pkt.add(o, F["option.value"], tvb, v, Math.min(len, tvb.remaining(v)), null);
    }
    off = v + len;
    // option code 0 is reserved: Wireshark ends the option list there
    if (code === 0) break;
  }
}

/** The parts of a DUID: its type, then the hardware type, time and link-layer address of LLT and LL DUIDs. */
function dissectDuid(tvb: Tvb, pkt: Packet, o: Node, v: number, len: number): void {
  if (len < 2) return;
  const type = tvb.u16(v);
  pkt.add(o, F["duid.type"], tvb, v, 2, type);
  const hex = (off: number, n: number) => hexBytes(tvb.data, tvb.start + off, n, ":");
  if (type === 1 && len >= 8) {
    pkt.add(o, F["duidllt.hwtype"], tvb, v + 2, 2, tvb.u16(v + 2));
    pkt.add(o, F["duidllt.time"], tvb, v + 4, 4, (BigInt(tvb.u32(v + 4)) + DUID_EPOCH) * 1_000_000_000n);
    tvb.check(v + 8, len - 8);
    pkt.add(o, F["duidllt.link_layer_addr"], tvb, v + 8, len - 8, hex(v + 8, len - 8));
  } else if (type === 3 && len >= 4) {
    pkt.add(o, F["duidll.hwtype"], tvb, v + 2, 2, tvb.u16(v + 2));
    tvb.check(v + 4, len - 4);
    pkt.add(o, F["duidll.link_layer_addr"], tvb, v + 4, len - 4, hex(v + 4, len - 4));
  }
}

function dissectDhcpv6(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.cols;
  c?.setProtocol("DHCPv6");
  c?.clearInfo();
  const top = pkt.addProto(parent, dhcpv6, tvb, 0, -1);
  const info: string[] = [];
  try {
    dissectMessage(tvb, pkt, top, 0, tvb.reported, info, 0);
  } finally {
    c?.setInfo(info.join(""));
  }
  return tvb.reported;
}

export const dhcpv6Dissector: Dissector = {
  proto: dhcpv6,
  name: "dhcpv6",
  handoff: [["udp.port", 546], ["udp.port", 547]],
  dissect: dissectDhcpv6,
};
