// UDP (RFC 768): header, length checks, udp.stream and its timestamps, and the hand-off by port.
import { defineProtocol } from "./field.ts";
import { dispatchPorts, type Dissector } from "./tables.ts";
import { CHECKSUM_STATUS, CHECKSUM_NOT_PRESENT, CHECKSUM_UNVERIFIED } from "./values/checksum.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ConversationIndex, conversationKey } from "../analysis/conversation.ts";
import { portText } from "../format/ports.ts";

export const udp = defineProtocol({ abbrev: "udp", name: "User Datagram Protocol", short: "UDP" }, {
  srcport: { name: "Source Port", type: "FT_UINT16", base: "BASE_PT_UDP" },
  dstport: { name: "Destination Port", type: "FT_UINT16", base: "BASE_PT_UDP" },
  port: { name: "Source or Destination Port", type: "FT_UINT16", base: "BASE_PT_UDP" },
  stream: { name: "Stream index", type: "FT_UINT32", base: "BASE_DEC" },
  length: { name: "Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Length in octets including this header and the data" },
  checksum: { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html" },
  checksum_calculated: { name: "Calculated Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "The expected UDP checksum field as calculated from the UDP packet" },
  "checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
  "proc.srcuid": { name: "Source process user ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.srcpid": { name: "Source process ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.srcuname": { name: "Source process user name", type: "FT_STRING" },
  "proc.srccmd": { name: "Source process name", type: "FT_STRING", blurb: "Source process command name" },
  "proc.dstuid": { name: "Destination process user ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.dstpid": { name: "Destination process ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.dstuname": { name: "Destination process user name", type: "FT_STRING" },
  "proc.dstcmd": { name: "Destination process name", type: "FT_STRING", blurb: "Destination process command name" },
  "pdu.size": { name: "PDU Size", type: "FT_UINT32", base: "BASE_DEC", blurb: "The size of this PDU" },
  time_relative: { name: "Time since first frame", type: "FT_RELATIVE_TIME", blurb: "Time relative to first frame in this UDP stream" },
  time_delta: { name: "Time since previous frame", type: "FT_RELATIVE_TIME", blurb: "Time delta from previous frame in this UDP stream" },
  payload: { name: "Payload", type: "FT_BYTES" },
  possible_traceroute: { name: "Possible traceroute", type: "FT_NONE" },
  "length.bad": { name: "Bad length value", type: "FT_NONE" },
  "udplite.checksum_coverage.bad": { name: "Bad checksum coverage length value", type: "FT_NONE", abbrev: "udplite.checksum_coverage.bad" },
  "checksum.zero": { name: "Illegal checksum value (0)", type: "FT_NONE" },
  "checksum.bad": { name: "Bad checksum", type: "FT_NONE" },
  "length.bad_zero": { name: "Length is zero but payload < 65536", type: "FT_NONE" },
});

const F = udp.f;

interface UdpStream {
  /** Packet.rel of the stream's first and previous datagrams; -1 unset */
  first: number;
  prev: number;
}
const owner = {};

export const udpDissector: Dissector = {
  proto: udp,
  name: "udp",
  handoff: [["ip.proto", 17]],
  dissect: dissectUdp,
};

function dissectUdp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.info.inError ? null : pkt.cols;
  const top = pkt.addProto(parent, udp, tvb, 0, 8);
  // The ports are read before the columns change: an empty payload leaves the IP layer's columns.
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  c?.setProtocol("UDP");
  c?.clearInfo();
  const info = pkt.info;
  info.srcport = sport;
  info.dstport = dport;
  info.ptype = "udp";
  const resolve = pkt.session.resolve.transport;
  if (pkt.full) top.append(`, Src Port: ${portText(sport, "udp", resolve)}, Dst Port: ${portText(dport, "udp", resolve)}`);
  c?.setInfo(`${portText(sport, "udp", resolve)} → ${portText(dport, "udp", resolve)}`);
  pkt.add(top, F.srcport, tvb, 0, 2, sport);
  pkt.add(top, F.dstport, tvb, 2, 2, dport);
  pkt.add(top, F.port, tvb, 0, 2, sport).hide();
  pkt.add(top, F.port, tvb, 2, 2, dport).hide();
  let ulen = tvb.u16(4);
  const sum = tvb.u16(6);
  const reported = tvb.reported;
  if (ulen === 0 && info.netLen === 16) ulen = reported; // IPv6 jumbogram
  if (ulen < 8) {
    const n = pkt.add(top, F.length, tvb, 4, 2, ulen);
    if (pkt.full) n.setLabel(`Length: ${ulen} (bogus, must be >= 8)`);
    c?.appendInfo(` [BAD UDP LENGTH ${ulen} < 8]`);
    return reported;
  }
  const lenNode = pkt.add(top, F.length, tvb, 4, 2, ulen);
  // the Info column's Len= keeps the header's (bogus) value; the payload is what the IP layer has
  const infoLen = ulen - 8;
  if (ulen > reported && !info.fragmented && !info.inError) {
    if (pkt.full) lenNode.setLabel(`Length: ${ulen} (bogus, payload length ${reported})`);
    c?.appendInfo(` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`);
    ulen = reported;
  }
  const cs = pkt.add(top, F.checksum, tvb, 6, 2, sum);
  if (sum === 0 && info.netLen === 4) {
    if (pkt.full) cs.setLabel("Checksum: 0x0000 [zero-value ignored]");
    // proto_tree_add_checksum hangs "Not present" under the checksum item
    pkt.add(cs, F["checksum.status"], tvb, 6, 0, CHECKSUM_NOT_PRESENT).generated();
  } else {
    if (pkt.full) cs.append(" [unverified]");
    pkt.add(top, F["checksum.status"], tvb, 6, 0, CHECKSUM_UNVERIFIED).generated();
  }
  // Datagrams quoted in ICMP errors join their conversation too (Wireshark finds it by the quoted addresses).
  {
    const convs = pkt.session.state(owner, () => new ConversationIndex<UdpStream>(() => ({ first: -1, prev: -1 })));
    const conv = convs.get(conversationKey(pkt).key);
    pkt.add(top, F.stream, tvb, 0, 0, conv.index).generated();
    const st = conv.state;
    const ts = pkt.rel;
    if (st.first < 0) st.first = st.prev = ts;
    if ((pkt.full || pkt.want) && !info.inError) {
      const times = pkt.addText(top, tvb, 0, 0, "Timestamps").generated();
      pkt.add(times, F.time_relative, tvb, 0, 0, BigInt(ts - st.first)).generated();
      pkt.add(times, F.time_delta, tvb, 0, 0, BigInt(ts - st.prev)).generated();
    }
    st.prev = ts;
  }
  if (ulen > 8 && tvb.remaining(8) > 0) {
    const pl = pkt.add(top, F.payload, tvb, 8, Math.min(ulen - 8, tvb.remaining(8)), null);
    if (pkt.full) pl.setLabel(`UDP payload (${ulen - 8} byte${ulen - 8 === 1 ? "" : "s"})`);
  }
  c?.appendInfo(` Len=${infoLen}`);
  if (pkt.full) top.setLen(8);
  // the payload's protocols hang at the top of the tree, even inside an ICMP error (as tshark shows them)
  if (ulen > 8 && !(info.inError && tvb.remaining(8) === 0)) dispatchPorts(pkt, "udp.port", sport, dport, tvb.subset(8, ulen - 8), pkt.root);
  return reported;
}

