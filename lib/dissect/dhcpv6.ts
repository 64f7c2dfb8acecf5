// DHCPv6 (RFC 8415): client/server and relay messages, the option list (nested for IAs and relays) and tshark's Info line.
import { defineProtocol } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { DHCPV6_MSG_TYPES, DHCPV6_OPTIONS } from "./values/dhcpv6-values.ts";
import { hexBytes } from "../format/value.ts";
import { ipv6At } from "../format/address.ts";

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
  "iaaddr.ip": { name: "IPv6 address", type: "FT_IPv6" },
});

const F = dhcpv6.f;
const RELAY_FORW = 12, RELAY_REPL = 13;
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
        break;
      case SERVER_ID:
        pkt.add(o, F["duid.bytes"], tvb, v, len, null);
        break;
      case IA_NA:
      case IA_PD:
        pkt.add(o, F.iaid, tvb, v, 4, hexBytes(tvb.data, tvb.start + v, Math.min(4, tvb.remaining(v))));
        dissectOptions(tvb, pkt, o, v + 12, stop, info, depth);
        break;
      case IA_TA:
        pkt.add(o, F.iaid, tvb, v, 4, hexBytes(tvb.data, tvb.start + v, Math.min(4, tvb.remaining(v))));
        dissectOptions(tvb, pkt, o, v + 4, stop, info, depth);
        break;
      case IA_ADDR:
        tvb.check(v, 16);
        pkt.add(o, F["iaaddr.ip"], tvb, v, 16, null);
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
