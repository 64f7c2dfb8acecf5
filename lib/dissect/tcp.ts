// TCP (RFC 9293): header, flags, options, relative sequence numbers per stream, and the hand-off by port.
import { defineProtocol, vals } from "./field.ts";
import { dispatchPorts, type Dissector } from "./tables.ts";
import { catchNonFatal } from "./exceptions.ts";
import { CHECKSUM_STATUS, CHECKSUM_UNVERIFIED } from "./values/checksum.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { completenessText, tcpConversation, updateCompleteness } from "../analysis/tcp-stream.ts";
import { portText } from "../format/ports.ts";
import { dissectTcpOptions } from "./tcp-options.ts";

export const OPTION_KIND = vals({ 0: "End of Option List", 1: "No-Operation", 2: "Maximum Segment Size", 3: "Window Scale", 4: "SACK Permitted", 5: "SACK", 6: "Echo", 7: "Echo Reply", 8: "Time Stamp Option", 9: "Partial Order Connection Permitted", 10: "Partial Order Service Profile", 11: "CC", 12: "CC.NEW", 13: "CC.ECHO", 14: "TCP Alternate Checksum Request", 15: "TCP Alternate Checksum Data", 16: "Skeeter", 17: "Bubba", 18: "Trailer Checksum Option", 19: "MD5 Signature Option", 20: "SCPS Capabilities", 21: "Selective Negative Acknowledgements", 22: "Record Boundaries", 23: "Corruption experienced", 24: "SNAP", 25: "Unassigned", 26: "TCP Compression Filter", 27: "Quick-Start Response", 28: "User Timeout Option", 29: "The TCP Authentication Option", 30: "Multipath TCP", 34: "TCP Fast Open Cookie", 76: "Riverbed Probe", 78: "Riverbed Transparency", 172: "Accurate ECN Order 0", 174: "Accurate ECN Order 1", 253: "RFC3692-style Experiment 1", 254: "RFC3692-style Experiment 2" });

export const tcp = defineProtocol({ abbrev: "tcp", name: "Transmission Control Protocol", short: "TCP" }, {
  srcport: { name: "Source Port", type: "FT_UINT16", base: "BASE_PT_TCP" },
  dstport: { name: "Destination Port", type: "FT_UINT16", base: "BASE_PT_TCP" },
  port: { name: "Source or Destination Port", type: "FT_UINT16", base: "BASE_PT_TCP" },
  stream: { name: "Stream index", type: "FT_UINT32", base: "BASE_DEC" },
  completeness: { name: "Conversation completeness", type: "FT_UINT8", base: "BASE_CUSTOM", blurb: "The completeness of the conversation capture" },
  seq: { name: "Sequence Number", type: "FT_UINT32", base: "BASE_DEC" },
  seq_raw: { name: "Sequence Number (raw)", type: "FT_UINT32", base: "BASE_DEC", blurb: "This shows the raw value of the sequence number" },
  nxtseq: { name: "Next Sequence Number", type: "FT_UINT32", base: "BASE_DEC" },
  ack: { name: "Acknowledgment Number", type: "FT_UINT32", base: "BASE_DEC" },
  ack_raw: { name: "Acknowledgment number (raw)", type: "FT_UINT32", base: "BASE_DEC", blurb: "This shows the raw value of the acknowledgment number" },
  hdr_len: { name: "Header Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Data offset in 32-bit words" },
  flags: { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0xfff, blurb: "Flags (12 bits)" },
  "flags.res": { name: "Reserved", type: "FT_BOOLEAN", base: 12, mask: 0xe00, blurb: "Three reserved bits (must be zero)" },
  "flags.ae": { name: "Accurate ECN", type: "FT_BOOLEAN", base: 12, mask: 0x100 },
  "flags.cwr": { name: "Congestion Window Reduced", type: "FT_BOOLEAN", base: 12, mask: 0x80 },
  "flags.ece": { name: "ECN-Echo", type: "FT_BOOLEAN", base: 12, mask: 0x40 },
  "flags.ace": { name: "ACE", type: "FT_UINT8", base: "BASE_DEC" },
  "flags.urg": { name: "Urgent", type: "FT_BOOLEAN", base: 12, mask: 0x20 },
  "flags.ack": { name: "Acknowledgment", type: "FT_BOOLEAN", base: 12, mask: 0x10 },
  "flags.push": { name: "Push", type: "FT_BOOLEAN", base: 12, mask: 0x8 },
  "flags.reset": { name: "Reset", type: "FT_BOOLEAN", base: 12, mask: 0x4 },
  "flags.syn": { name: "Syn", type: "FT_BOOLEAN", base: 12, mask: 0x2 },
  "flags.fin": { name: "Fin", type: "FT_BOOLEAN", base: 12, mask: 0x1 },
  "flags.str": { name: "TCP Flags", type: "FT_STRING" },
  window_size_value: { name: "Window", type: "FT_UINT16", base: "BASE_DEC", blurb: "The window size value from the TCP header" },
  window_size: { name: "Calculated window size", type: "FT_UINT32", base: "BASE_DEC", blurb: "The scaled window size (if scaling has been used)" },
  window_size_scalefactor: { name: "Window size scaling factor", type: "FT_INT32", base: "BASE_DEC", blurb: "The window size scaling factor (-1 when unknown, -2 when no scaling is used)" },
  checksum: { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html" },
  "checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
  checksum_calculated: { name: "Calculated Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "The expected TCP checksum field as calculated from the TCP segment" },
  analysis: { name: "SEQ/ACK analysis", type: "FT_NONE", blurb: "This frame has some of the TCP analysis shown" },
  "analysis.flags": { name: "TCP Analysis Flags", type: "FT_NONE", blurb: "This frame has some of the TCP analysis flags set" },
  "analysis.duplicate_ack": { name: "Duplicate ACK", type: "FT_NONE", blurb: "This is a duplicate ACK" },
  "analysis.duplicate_ack_num": { name: "Duplicate ACK #", type: "FT_UINT32", base: "BASE_DEC", blurb: "This is duplicate ACK number #" },
  "analysis.duplicate_ack_frame": { name: "Duplicate to the ACK in frame", type: "FT_FRAMENUM", blurb: "This is a duplicate to the ACK in frame #" },
  continuation_to: { name: "This is a continuation to the PDU in frame", type: "FT_FRAMENUM", blurb: "This is a continuation to the PDU in frame #" },
  len: { name: "TCP Segment Len", type: "FT_UINT32", base: "BASE_DEC" },
  "analysis.acks_frame": { name: "This is an ACK to the segment in frame", type: "FT_FRAMENUM", blurb: "Which previous segment is this an ACK for" },
  "analysis.bytes_in_flight": { name: "Bytes in flight", type: "FT_UINT32", base: "BASE_DEC", blurb: "How many bytes are now in flight for this connection" },
  "analysis.push_bytes_sent": { name: "Bytes sent since last PSH flag", type: "FT_UINT32", base: "BASE_DEC", blurb: "How many bytes have been sent since the last PSH flag" },
  "analysis.ack_rtt": { name: "The RTT to ACK the segment was", type: "FT_RELATIVE_TIME", blurb: "How long time it took to ACK the segment (RTT)" },
  "analysis.initial_rtt": { name: "iRTT", type: "FT_RELATIVE_TIME", blurb: "How long it took for the SYN to ACK handshake (iRTT)" },
  "analysis.rto": { name: "The RTO for this segment was", type: "FT_RELATIVE_TIME", blurb: "How long transmission was delayed before this segment was retransmitted (RTO)" },
  "analysis.rto_frame": { name: "RTO based on delta from frame", type: "FT_FRAMENUM", blurb: "This is the frame we measure the RTO from" },
  urgent_pointer: { name: "Urgent Pointer", type: "FT_UINT16", base: "BASE_DEC" },
  "segment.overlap": { name: "Segment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Segment overlaps with other segments" },
  "segment.overlap.conflict": { name: "Conflicting data in segment overlap", type: "FT_BOOLEAN", base: 0, blurb: "Overlapping segments contained conflicting data" },
  "segment.multipletails": { name: "Multiple tail segments found", type: "FT_BOOLEAN", base: 0, blurb: "Several tails were found when reassembling the pdu" },
  "segment.toolongfragment": { name: "Segment too long", type: "FT_BOOLEAN", base: 0, blurb: "Segment contained data past end of the pdu" },
  "segment.error": { name: "Reassembling error", type: "FT_FRAMENUM", blurb: "Reassembling error due to illegal segments" },
  "segment.count": { name: "Segment count", type: "FT_UINT32", base: "BASE_DEC" },
  segment: { name: "TCP Segment", type: "FT_FRAMENUM" },
  segments: { name: "Reassembled TCP Segments", type: "FT_NONE", blurb: "TCP Segments" },
  reassembled_in: { name: "Reassembled PDU in frame", type: "FT_FRAMENUM", blurb: "The PDU that doesn't end in this segment is reassembled in this frame" },
  "reassembled.length": { name: "Reassembled TCP length", type: "FT_UINT32", base: "BASE_DEC", blurb: "The total length of the reassembled payload" },
  "reassembled.data": { name: "Reassembled TCP Data", type: "FT_BYTES", blurb: "The reassembled payload" },
  option_kind: { name: "Kind", type: "FT_UINT8", base: "BASE_DEC", blurb: "This TCP option's kind", strings: OPTION_KIND },
  option_len: { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Length of this TCP option in bytes (including kind and length fields)" },
  options: { name: "TCP Options", type: "FT_BYTES" },
  "options.mss_val": { name: "MSS Value", type: "FT_UINT16", base: "BASE_DEC" },
  "options.wscale.shift": { name: "Shift count", type: "FT_UINT8", base: "BASE_DEC", blurb: "Logarithmically encoded power of 2 scale factor" },
  "options.wscale.multiplier": { name: "Multiplier", type: "FT_UINT16", base: "BASE_DEC", blurb: "Multiply segment window size by this for scaled window size" },
  "options.experimental.data": { name: "Data", type: "FT_BYTES" },
  "options.experimental.exid": { name: "Experiment Identifier", type: "FT_UINT16", base: "BASE_HEX" },
  "options.unknown.payload": { name: "Payload", type: "FT_BYTES" },
  "options.sack_le": { name: "TCP SACK Left Edge", type: "FT_UINT32", base: "BASE_DEC" },
  "options.sack_re": { name: "TCP SACK Right Edge", type: "FT_UINT32", base: "BASE_DEC" },
  "options.sack.count": { name: "TCP SACK Count", type: "FT_UINT8", base: "BASE_DEC" },
  "options.sack.dsack_le": { name: "TCP D-SACK Left Edge", type: "FT_UINT32", base: "BASE_DEC", blurb: "Duplicate SACK Left Edge" },
  "options.sack.dsack_re": { name: "TCP D-SACK Right Edge", type: "FT_UINT32", base: "BASE_DEC", blurb: "Duplicate SACK Right Edge" },
  "options.echo_value": { name: "TCP Echo Option", type: "FT_UINT32", base: "BASE_DEC", blurb: "TCP Sack Echo" },
  "options.timestamp.tsval": { name: "Timestamp value", type: "FT_UINT32", base: "BASE_DEC", blurb: "Value of sending machine's timestamp clock" },
  "options.timestamp.tsecr": { name: "Timestamp echo reply", type: "FT_UINT32", base: "BASE_DEC", blurb: "Echoed timestamp from remote machine" },
  "options.mptcp.subtype": { name: "Multipath TCP subtype", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0 },
  "options.mptcp.version": { name: "Multipath TCP version", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "options.mptcp.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_HEX", mask: 0xfff },
  "options.mptcp.flags": { name: "Multipath TCP flags", type: "FT_UINT8", base: "BASE_HEX" },
  "options.mptcp.backup.flag": { name: "Backup flag", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.mptcp.checksumreq.flags": { name: "Checksum required", type: "FT_UINT8", base: "BASE_DEC", mask: 0x80 },
  "options.mptcp.extensibility.flag": { name: "Extensibility", type: "FT_UINT8", base: "BASE_DEC", mask: 0x40 },
  "options.mptcp.nomoresubflows.flag": { name: "Do not attempt to establish new subflows to this address and port", type: "FT_UINT8", base: "BASE_DEC", mask: 0x20 },
  "options.mptcp.sha1.flag": { name: "Use HMAC-SHA1", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.mptcp.sha256.flag": { name: "Use HMAC-SHA256", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.mptcp.datafin.flag": { name: "DATA_FIN", type: "FT_UINT8", base: "BASE_DEC", mask: 0x10 },
  "options.mptcp.dseqn8.flag": { name: "Data Sequence Number is 8 octets", type: "FT_UINT8", base: "BASE_DEC", mask: 0x8 },
  "options.mptcp.dseqnpresent.flag": { name: "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present", type: "FT_UINT8", base: "BASE_DEC", mask: 0x4 },
  "options.mptcp.dataack8.flag": { name: "Data ACK is 8 octets", type: "FT_UINT8", base: "BASE_DEC", mask: 0x2 },
  "options.mptcp.dataackpresent.flag": { name: "Data ACK is present", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.mptcp.reserved.flag": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0x3e },
  "options.mptcp.flag_U.flag": { name: "Flag U", type: "FT_BOOLEAN", base: 4, mask: 0x8 },
  "options.mptcp.flag_V.flag": { name: "Flag V", type: "FT_BOOLEAN", base: 4, mask: 0x4 },
  "options.mptcp.flag_W.flag": { name: "Flag W", type: "FT_BOOLEAN", base: 4, mask: 0x2 },
  "options.mptcp.flag_T.flag": { name: "Transient", type: "FT_BOOLEAN", base: 4, mask: 0x1 },
  "options.mptcp.rst_reason": { name: "TCPRST Reason", type: "FT_UINT8", base: "BASE_HEX", blurb: "Multipath TCPRST Reason Code" },
  "options.mptcp.addrid": { name: "Address ID", type: "FT_UINT8", base: "BASE_DEC" },
  "options.mptcp.sendkey": { name: "Sender's Key", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.recvkey": { name: "Receiver's Key", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.recvtok": { name: "Receiver's Token", type: "FT_UINT32", base: "BASE_DEC" },
  "options.mptcp.sendrand": { name: "Sender's Random Number", type: "FT_UINT32", base: "BASE_DEC" },
  "options.mptcp.sendtrunchmac": { name: "Sender's Truncated HMAC", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.sendhmac": { name: "Sender's HMAC", type: "FT_BYTES" },
  "options.mptcp.addaddrtrunchmac": { name: "Truncated HMAC", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.rawdataack": { name: "Original MPTCP Data ACK", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.rawdataseqno": { name: "Data Sequence Number", type: "FT_UINT64", base: "BASE_DEC" },
  "options.mptcp.subflowseqno": { name: "Subflow Sequence Number", type: "FT_UINT32", base: "BASE_DEC" },
  "options.mptcp.datalvllen": { name: "Data-level Length", type: "FT_UINT16", base: "BASE_DEC" },
  "options.mptcp.checksum": { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX" },
  "options.mptcp.ipver": { name: "IP version", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "options.mptcp.echo": { name: "Echo", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.mptcp.ipv4": { name: "Advertised IPv4 Address", type: "FT_IPv4" },
  "options.mptcp.ipv6": { name: "Advertised IPv6 Address", type: "FT_IPv6" },
  "options.mptcp.port": { name: "Advertised port", type: "FT_UINT16", base: "BASE_DEC" },
  "options.cc_value": { name: "TCP CC Option", type: "FT_UINT32", base: "BASE_DEC" },
  "options.md5.digest": { name: "MD5 digest", type: "FT_BYTES" },
  "options.ao.keyid": { name: "AO KeyID", type: "FT_UINT8", base: "BASE_DEC" },
  "options.ao.rnextkeyid": { name: "AO RNextKeyID", type: "FT_UINT8", base: "BASE_DEC" },
  "options.ao.mac": { name: "AO MAC", type: "FT_BYTES" },
  "options.qs.rate": { name: "QS Rate", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "options.qs.ttl_diff": { name: "QS Rate", type: "FT_UINT8", base: "BASE_DEC" },
  "options.tarr.rate": { name: "TARR Rate", type: "FT_UINT8", base: "BASE_DEC", mask: 0xfe },
  "options.tar.reserved": { name: "TARR Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1 },
  "options.acc_ecn.ee0b": { name: "Accurate ECN Echo ECT(0) Byte Counter", type: "FT_UINT24", base: "BASE_DEC" },
  "options.acc_ecn.eceb": { name: "Accurate ECN Echo CE Byte Counter", type: "FT_UINT24", base: "BASE_DEC" },
  "options.acc_ecn.ee1b": { name: "Accurate ECN Echo ECT(1) Byte Counter", type: "FT_UINT24", base: "BASE_DEC" },
  "options.scps.vector": { name: "TCP SCPS Capabilities Vector", type: "FT_UINT8", base: "BASE_HEX" },
  "options.scps.binding.id": { name: "Binding Space (Community) ID", type: "FT_UINT8", base: "BASE_DEC", blurb: "TCP SCPS Extended Binding Space (Community) ID" },
  "options.scps.binding.len": { name: "Extended Capability Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "TCP SCPS Extended Capability Length in bytes" },
  "options.snack.offset": { name: "TCP SNACK Offset", type: "FT_UINT16", base: "BASE_DEC" },
  "options.snack.size": { name: "TCP SNACK Size", type: "FT_UINT16", base: "BASE_DEC" },
  "options.snack.le": { name: "TCP SNACK Left Edge", type: "FT_UINT16", base: "BASE_DEC" },
  "options.snack.re": { name: "TCP SNACK Right Edge", type: "FT_UINT16", base: "BASE_DEC" },
  "options.scpsflags.bets": { name: "Partial Reliability Capable (BETS)", type: "FT_BOOLEAN", base: 8, mask: 0x80 },
  "options.scpsflags.snack1": { name: "Short Form SNACK Capable (SNACK1)", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "options.scpsflags.snack2": { name: "Long Form SNACK Capable (SNACK2)", type: "FT_BOOLEAN", base: 8, mask: 0x20 },
  "options.scpsflags.compress": { name: "Lossless Header Compression (COMP)", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "options.scpsflags.nlts": { name: "Network Layer Timestamp (NLTS)", type: "FT_BOOLEAN", base: 8, mask: 0x8 },
  "options.scpsflags.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7 },
  "options.scps.binding": { name: "Connection ID", type: "FT_UINT8", base: "BASE_DEC", blurb: "TCP SCPS Connection ID" },
  "options.user_to_granularity": { name: "Granularity", type: "FT_BOOLEAN", base: 16, mask: 0x8000, blurb: "TCP User Timeout Granularity" },
  "options.user_to_val": { name: "User Timeout", type: "FT_UINT16", base: "BASE_DEC", mask: 0x7fff, blurb: "TCP User Timeout Value" },
  "options.rvbd.probe.type1": { name: "Type", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0 },
  "options.rvbd.probe.type2": { name: "Type", type: "FT_UINT8", base: "BASE_DEC", mask: 0xfe },
  "options.rvbd.probe.version": { name: "Version", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf },
  "options.rvbd.probe.version_raw": { name: "Version", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1, blurb: "Version 2 Raw Value" },
  "options.rvbd.probe.prober": { name: "CSH IP", type: "FT_IPv4" },
  "options.rvbd.probe.proxy.ip": { name: "SSH IP", type: "FT_IPv4" },
  "options.rvbd.probe.proxy.port": { name: "SSH Port", type: "FT_UINT16", base: "BASE_DEC" },
  "options.rvbd.probe.appli_ver": { name: "Application Version", type: "FT_UINT16", base: "BASE_DEC" },
  "options.rvbd.probe.client.ip": { name: "Client IP", type: "FT_IPv4" },
  "options.rvbd.probe.storeid": { name: "CFE Store ID", type: "FT_UINT32", base: "BASE_DEC" },
  "options.rvbd.probe.flags": { name: "Probe Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "options.rvbd.probe.flags.notcfe": { name: "Not CFE", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "options.rvbd.probe.flags.last": { name: "Last Notify", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "options.rvbd.probe.flags.probe": { name: "Disable Probe Cache on CSH", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "options.rvbd.probe.flags.ssl": { name: "SSL Enabled", type: "FT_BOOLEAN", base: 8, mask: 0x2 },
  "options.rvbd.probe.flags.server": { name: "SSH outer to server established", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "options.rvbd.trpy.flags": { name: "Transparency Options", type: "FT_UINT16", base: "BASE_HEX" },
  "options.rvbd.trpy.flags.fw_rst_probe": { name: "Enable FW traversal feature", type: "FT_BOOLEAN", base: 16, mask: 0x400, blurb: "Reset state created by probe on the nexthop firewall" },
  "options.rvbd.trpy.flags.fw_rst_inner": { name: "Enable Inner FW feature on All FWs", type: "FT_BOOLEAN", base: 16, mask: 0x200, blurb: "Reset state created by transparent inner on all firewalls before passing connection through" },
  "options.rvbd.trpy.flags.fw_rst": { name: "Enable Transparency FW feature on All FWs", type: "FT_BOOLEAN", base: 16, mask: 0x100, blurb: "Reset state created by probe on all firewalls before establishing transparent inner connection" },
  "options.rvbd.trpy.flags.chksum": { name: "Reserved", type: "FT_BOOLEAN", base: 16, mask: 0x4 },
  "options.rvbd.trpy.flags.oob": { name: "Out of band connection", type: "FT_BOOLEAN", base: 16, mask: 0x2 },
  "options.rvbd.trpy.flags.mode": { name: "Transparency Mode", type: "FT_BOOLEAN", base: 16, mask: 0x1 },
  "options.rvbd.trpy.src.ip": { name: "Src SH IP Addr", type: "FT_IPv4" },
  "options.rvbd.trpy.dst.ip": { name: "Dst SH IP Addr", type: "FT_IPv4" },
  "options.rvbd.trpy.src.port": { name: "Src SH Inner Port", type: "FT_UINT16", base: "BASE_DEC" },
  "options.rvbd.trpy.dst.port": { name: "Dst SH Inner Port", type: "FT_UINT16", base: "BASE_DEC" },
  "options.rvbd.trpy.client.port": { name: "Out of band connection Client Port", type: "FT_UINT16", base: "BASE_DEC" },
  "options.tfo.request": { name: "Fast Open Cookie Request", type: "FT_NONE" },
  "options.tfo.cookie": { name: "Fast Open Cookie", type: "FT_BYTES" },
  "pdu.time": { name: "Time until the last segment of this PDU", type: "FT_RELATIVE_TIME", blurb: "How long time has passed until the last frame of this PDU" },
  "pdu.size": { name: "PDU Size", type: "FT_UINT32", base: "BASE_DEC", blurb: "The size of this PDU" },
  "pdu.last_frame": { name: "Last frame of this PDU", type: "FT_FRAMENUM", blurb: "This is the last frame of the PDU starting in this segment" },
  time_relative: { name: "Time since first frame in this TCP stream", type: "FT_RELATIVE_TIME", blurb: "Time relative to first frame in this TCP stream" },
  time_delta: { name: "Time since previous frame in this TCP stream", type: "FT_RELATIVE_TIME", blurb: "Time delta from previous frame in this TCP stream" },
  "proc.srcuid": { name: "Source process user ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.srcpid": { name: "Source process ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.srcuname": { name: "Source process user name", type: "FT_STRING" },
  "proc.srccmd": { name: "Source process name", type: "FT_STRING", blurb: "Source process command name" },
  "proc.dstuid": { name: "Destination process user ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.dstpid": { name: "Destination process ID", type: "FT_UINT32", base: "BASE_DEC" },
  "proc.dstuname": { name: "Destination process user name", type: "FT_STRING" },
  "proc.dstcmd": { name: "Destination process name", type: "FT_STRING", blurb: "Destination process command name" },
  segment_data: { name: "TCP segment data", type: "FT_BYTES", blurb: "A data segment used in reassembly of a lower-level protocol" },
  payload: { name: "TCP payload", type: "FT_BYTES", blurb: "The TCP payload of this packet" },
  "options.scps.binding.data": { name: "Binding Space Data", type: "FT_BYTES" },
  "options.rvbd.probe.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX" },
  fin_retransmission: { name: "Retransmission of FIN from frame", type: "FT_FRAMENUM" },
  reset_cause: { name: "Reset cause", type: "FT_STRING" },
  "syncookie.time": { name: "SYN Cookie Time", type: "FT_UINT8", base: "BASE_DEC" },
  "syncookie.mss": { name: "SYN Cookie Maximum Segment Size", type: "FT_UINT8", base: "BASE_DEC" },
  "syncookie.hash": { name: "SYN Cookie hash", type: "FT_UINT24", base: "BASE_HEX" },
  "options.timestamp.tsval.syncookie.timestamp": { name: "SYN Cookie Timestamp", type: "FT_UINT32", base: "BASE_DEC" },
  "options.timestamp.tsval.syncookie.ecn": { name: "SYN Cookie ECN", type: "FT_BOOLEAN", base: 0 },
  "options.timestamp.tsval.syncookie.sack": { name: "SYN Cookie SACK", type: "FT_BOOLEAN", base: 0 },
  "options.timestamp.tsval.syncookie.wscale": { name: "SYN Cookie WScale", type: "FT_UINT8", base: "BASE_DEC" },
  "option.len.invalid": { name: "Invalid length for option", type: "FT_NONE" },
  "analysis.retransmission": { name: "This frame is a (suspected) retransmission", type: "FT_NONE" },
  "analysis.fast_retransmission": { name: "This frame is a (suspected) fast retransmission", type: "FT_NONE" },
  "analysis.spurious_retransmission": { name: "This frame is a (suspected) spurious retransmission", type: "FT_NONE" },
  "analysis.out_of_order": { name: "This frame is a (suspected) out-of-order segment", type: "FT_NONE" },
  "analysis.reused_ports": { name: "A new tcp session is started with the same ports as an earlier session in this trace", type: "FT_NONE" },
  "analysis.lost_segment": { name: "Previous segment(s) not captured (common at capture start)", type: "FT_NONE" },
  "analysis.ack_lost_segment": { name: "ACKed segment that wasn't captured (common at capture start)", type: "FT_NONE" },
  "analysis.window_update": { name: "TCP window update", type: "FT_NONE" },
  "analysis.window_full": { name: "TCP window specified by the receiver is now completely full", type: "FT_NONE" },
  "analysis.keep_alive": { name: "TCP keep-alive segment", type: "FT_NONE" },
  "analysis.keep_alive_ack": { name: "ACK to a TCP keep-alive segment", type: "FT_NONE" },
  "analysis.zero_window_probe": { name: "TCP Zero Window Probe", type: "FT_NONE" },
  "analysis.zero_window": { name: "TCP Zero Window segment", type: "FT_NONE" },
  "analysis.zero_window_probe_ack": { name: "ACK to a TCP Zero Window Probe", type: "FT_NONE" },
  "analysis.tfo_syn": { name: "TCP SYN with TFO Cookie", type: "FT_NONE" },
  "analysis.tfo_ack": { name: "TCP SYN-ACK accepting TFO data", type: "FT_NONE" },
  "analysis.tfo_ignored": { name: "TCP SYN-ACK ignoring TFO data", type: "FT_NONE" },
  "connection.fin_active": { name: "This frame initiates the connection closing", type: "FT_NONE" },
  "connection.fin_passive": { name: "This frame undergoes the connection closing", type: "FT_NONE" },
  "options.sack.dsack": { name: "D-SACK Sequence", type: "FT_NONE" },
  "options.snack.sequence": { name: "SNACK Sequence", type: "FT_NONE" },
  "options.wscale.shift.invalid": { name: "Window scale shift exceeds 14", type: "FT_NONE" },
  "options.mss.absent": { name: "The SYN packet does not contain a MSS option", type: "FT_NONE" },
  "options.mss.present": { name: "The non-SYN packet does contain a MSS option", type: "FT_NONE" },
  short_segment: { name: "Short segment", type: "FT_NONE" },
  "ack.nonzero": { name: "The acknowledgment number field is nonzero while the ACK flag is not set", type: "FT_NONE" },
  "connection.synack": { name: "Connection establish acknowledge (SYN+ACK)", type: "FT_NONE" },
  "connection.syn": { name: "Connection establish request (SYN)", type: "FT_NONE" },
  "connection.fin": { name: "Connection finish (FIN)", type: "FT_NONE" },
  "connection.rst": { name: "Connection reset (RST)", type: "FT_NONE" },
  "checksum.ffff": { name: "TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)", type: "FT_NONE" },
  "checksum_bad.expert": { name: "Bad checksum", type: "FT_NONE" },
  "urgent_pointer.non_zero": { name: "The urgent pointer field is nonzero while the URG flag is not set", type: "FT_NONE" },
  suboption_malformed: { name: "suboption would go past end of option", type: "FT_NONE" },
  nop: { name: "4 NOP in a row - a router may have removed some options", type: "FT_NONE" },
  non_zero_bytes_after_eol: { name: "Non zero bytes in option space after EOL option", type: "FT_NONE" },
  bogus_header_length: { name: "Bogus TCP Header length", type: "FT_NONE" },
  "mptcp.connection.echoed_key_mismatch": { name: "The echoed key in the ACK of the MPTCP handshake does not match the key of the SYN/ACK", type: "FT_NONE", abbrev: "mptcp.connection.echoed_key_mismatch" },
  "mptcp.connection.missing_algorithm": { name: "No crypto algorithm specified", type: "FT_NONE", abbrev: "mptcp.connection.missing_algorithm" },
  "mptcp.connection.unsupported_algorithm": { name: "Unsupported algorithm", type: "FT_NONE", abbrev: "mptcp.connection.unsupported_algorithm" },
  "mptcp.dss.infinite_mapping": { name: "Fallback to infinite mapping", type: "FT_NONE", abbrev: "mptcp.dss.infinite_mapping" },
  "mptcp.dss.missing_mapping": { name: "No mapping available", type: "FT_NONE", abbrev: "mptcp.dss.missing_mapping" },
});

const F = tcp.f;
const FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;

/** Flag names in the order the Info column lists them (lowest bit first). */
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x001, "FIN"], [0x002, "SYN"], [0x004, "RST"], [0x008, "PSH"], [0x010, "ACK"], [0x020, "URG"],
  [0x040, "ECE"], [0x080, "CWR"], [0x100, "AE"], [0xe00, "Reserved"],
];

const flagsTextCache: string[] = [];

/** "SYN, ACK" for the Info column and the Flags label (memoised: 4096 possible values). */
export function tcpFlagsText(flags: number): string {
  const hit = flagsTextCache[flags];
  if (hit !== undefined) return hit;
  return (flagsTextCache[flags] = flagsTextUncached(flags));
}

function aceFlagsText(flags: number): string {
  const rest = flags & ~0x1c0;
  const ace = `ACE=${(flags >> 6) & 7}`;
  return rest ? `${tcpFlagsText(rest)}, ${ace}` : ace;
}

function flagsTextUncached(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) names.push(name);
  return names.length ? names.join(", ") : "<None>";
}

/** The 12-character picture of [TCP Flags: ··········S·]. */
function flagsPicture(flags: number): string {
  const letters = "RRRACEUAPRSF";
  let s = "";
  for (let i = 11; i >= 0; i--) s += flags & (1 << i) ? letters[11 - i] : "\u00b7";
  return s;
}

export const tcpDissector: Dissector = {
  proto: tcp,
  name: "tcp",
  handoff: [["ip.proto", 6]],
  dissect: dissectTcp,
};

const u32 = (n: number) => n >>> 0;

function dissectTcp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const info = pkt.info;
  const c = info.inError ? null : pkt.cols;
  const top = pkt.addProto(parent, tcp, tvb, 0, -1);
  // The ports are read before the columns change: an empty payload leaves the IP layer's columns.
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  c?.setProtocol("TCP");
  c?.clearInfo();
  info.srcport = sport;
  info.dstport = dport;
  info.ptype = "tcp";
  const resolve = pkt.session.resolve.transport;
  c?.setInfo(`${portText(sport, "tcp", resolve)} → ${portText(dport, "tcp", resolve)}`);
  pkt.add(top, F.srcport, tvb, 0, 2, sport);
  pkt.add(top, F.dstport, tvb, 2, 2, dport);
  pkt.add(top, F.port, tvb, 0, 2, sport).hide();
  pkt.add(top, F.port, tvb, 2, 2, dport).hide();

  const seq = tvb.u32(4);
  // An ICMP error quotes only 8 bytes of the segment: ports and sequence number are all there is.
  if (info.inError && tvb.captured < 20) {
    pkt.add(top, F.seq, tvb, 4, 4, seq);
    if (pkt.full) top.append(`, Src Port: ${sport}, Dst Port: ${dport}`);
    return tvb.reported;
  }
  const ackRaw = tvb.u32(8);
  const offFlags = tvb.u16(12);
  const hlen = (offFlags >> 12) * 4;
  const flags = offFlags & 0x0fff;
  const win = tvb.u16(14);
  const reported = tvb.reported;
  if (hlen < 20) {
    pkt.add(top, F.seq_raw, tvb, 4, 4, seq);
    const n = pkt.add(top, F.hdr_len, tvb, 12, 1, hlen);
    if (pkt.full) n.setLabel(`Header Length: ${hlen} bytes (${hlen >> 2}) (bogus, must be at least 20)`);
    c?.appendInfo(`, bogus TCP header length (${hlen}, must be at least 20)`);
    if (pkt.full) top.append(`, Src Port: ${sport}, Dst Port: ${dport}`);
    return reported;
  }
  const segLen = reported - hlen;
  if (hlen > reported) {
    pkt.add(top, F.seq_raw, tvb, 4, 4, seq);
    const n = pkt.add(top, F.hdr_len, tvb, 12, 1, hlen);
    if (pkt.full) n.setLabel(`Header Length: ${hlen} bytes (${hlen >> 2}) (bogus, exceeds reported length)`);
    c?.appendInfo(`, bogus TCP header length (${hlen}, exceeds reported length ${reported})`);
    if (pkt.full) top.append(`, Src Port: ${sport}, Dst Port: ${dport}`);
    return reported;
  }
  if (pkt.full) top.setLen(hlen);

  // Stream state (relative numbers, window scaling): not for segments quoted inside ICMP errors.
  let seqRel = seq, ackRel = ackRaw, scale = -1, stream = -1;
  const isSyn = (flags & SYN) !== 0, isAck = (flags & ACK) !== 0;
  let view: ReturnType<typeof tcpConversation> | undefined;
  if (!info.inError) {
    view = tcpConversation(pkt, isSyn, isAck, seq);
    const { conv, me, peer } = view;
    stream = conv.stream;
    if (me.base < 0) me.base = isSyn ? seq : u32(seq - 1);
    if (isAck && !isSyn && peer.base < 0) peer.base = u32(ackRaw - 1);
    if (isSyn && isAck && peer.base < 0) peer.base = u32(ackRaw - 1);
    seqRel = u32(seq - me.base);
    if (isAck && peer.base >= 0) ackRel = u32(ackRaw - peer.base);
    if (isSyn) me.synSeen = true;
    if (flags & FIN) me.finSeen = true;
    if (flags & RST) me.rstSeen = true;
    scale = me.winScale;
    if (conv.first < 0) conv.first = conv.prev = pkt.rel;
  }

  pkt.add(top, F.stream, tvb, 0, 0, stream).generated();
  if (view) {
    const comp = view.conv.completeness;
    const cn = pkt.add(top, F.completeness, tvb, 0, 0, comp).generated();
    if (pkt.full) cn.setLabel(`Conversation completeness: ${completenessText(comp)}`);
    updateCompleteness(view.conv, flags, segLen);
  }
  pkt.add(top, F.len, tvb, 0, 0, segLen).generated();
  const seqNode = pkt.add(top, F.seq, tvb, 4, 4, seqRel);
  if (pkt.full && !info.inError) seqNode.append("    (relative sequence number)");
  pkt.add(top, F.seq_raw, tvb, 4, 4, seq);
  const nxt = segLen + (isSyn ? 1 : 0) + (flags & FIN ? 1 : 0);
  if (!info.inError) {
    const n = pkt.add(top, F.nxtseq, tvb, 0, 0, u32(seqRel + nxt)).generated();
    if (pkt.full) n.append("    (relative sequence number)");
  }
  const a = pkt.add(top, F.ack, tvb, 8, 4, isAck ? ackRel : ackRaw);
  if (pkt.full && isAck && !info.inError) a.append("    (relative ack number)");
  pkt.add(top, F.ack_raw, tvb, 8, 4, ackRaw);
  const hl = pkt.add(top, F.hdr_len, tvb, 12, 1, hlen);
  if (pkt.full) hl.setLabel(`${(hlen >> 2).toString(2).padStart(4, "0")} .... = Header Length: ${hlen} bytes (${hlen >> 2})`);
  const fl = pkt.add(top, F.flags, tvb, 12, 2, flags);
  if (view && isSyn && !isAck && (flags & 0x1c0) === 0x1c0) view.conv.accEcn = true;
  // with Accurate ECN the AE/CWR/ECE bits of later segments are one 3-bit counter, shown as ACE=n
  const flagText = view && view.conv.accEcn && !isSyn ? aceFlagsText(flags) : tcpFlagsText(flags);
  if (pkt.full) fl.setLabel(`Flags: 0x${flags.toString(16).padStart(3, "0")} (${flagText})`);
  if (fl !== undefined) {
    pkt.add(fl, F["flags.res"], tvb, 12, 2, (flags >> 9) & 7);
    pkt.add(fl, F["flags.ae"], tvb, 12, 2, (flags >> 8) & 1);
    pkt.add(fl, F["flags.cwr"], tvb, 12, 2, (flags >> 7) & 1);
    pkt.add(fl, F["flags.ece"], tvb, 12, 2, (flags >> 6) & 1);
    pkt.add(fl, F["flags.urg"], tvb, 12, 2, (flags >> 5) & 1);
    pkt.add(fl, F["flags.ack"], tvb, 12, 2, (flags >> 4) & 1);
    pkt.add(fl, F["flags.push"], tvb, 12, 2, (flags >> 3) & 1);
    const rstNode = pkt.add(fl, F["flags.reset"], tvb, 12, 2, (flags >> 2) & 1);
    const synNode = pkt.add(fl, F["flags.syn"], tvb, 12, 2, (flags >> 1) & 1);
    const finNode = pkt.add(fl, F["flags.fin"], tvb, 12, 2, flags & 1);
    if (pkt.full && !info.inError) {
      // the connection experts packet-tcp.c hangs on the flag items
      if (isSyn) {
        synNode.expert = [isAck
          ? { abbrev: "tcp.connection.synack", severity: "Chat", group: "Sequence", message: `Connection establish acknowledge (SYN+ACK): server port ${sport}` }
          : { abbrev: "tcp.connection.syn", severity: "Chat", group: "Sequence", message: `Connection establish request (SYN): server port ${dport}` }];
      }
      if (flags & FIN) finNode.expert = [{ abbrev: "tcp.connection.fin", severity: "Chat", group: "Sequence", message: "Connection finish (FIN)" }];
      if (flags & RST) rstNode.expert = [{ abbrev: "tcp.connection.rst", severity: "Warning", group: "Sequence", message: "Connection reset (RST)" }];
    }
    if (pkt.wants(F["flags.str"])) pkt.add(fl, F["flags.str"], tvb, 12, 2, flagsPicture(flags)).generated();
  }
  pkt.add(top, F.window_size_value, tvb, 14, 2, win);
  const realWin = !isSyn && scale >= 0 ? win * 2 ** scale : win;
  pkt.add(top, F.window_size, tvb, 14, 2, realWin).generated();
  if (!isSyn && !info.inError) {
    const sf = pkt.add(top, F.window_size_scalefactor, tvb, 14, 2, scale >= 0 ? 2 ** scale : scale).generated();
    if (pkt.full) sf.setLabel(`Window size scaling factor: ${scale >= 0 ? 2 ** scale : scale === -2 ? "-2 (no window scaling used)" : "-1 (unknown)"}`);
  }
  const sum = tvb.u16(16);
  const cs = pkt.add(top, F.checksum, tvb, 16, 2, sum);
  if (pkt.full) cs.append(" [unverified]");
  pkt.add(top, F["checksum.status"], tvb, 16, 0, CHECKSUM_UNVERIFIED).generated();
  const urp = tvb.u16(18);
  pkt.add(top, F.urgent_pointer, tvb, 18, 2, urp);

  if (c) {
    let s = ` [${flagText}] Seq=${seqRel}`;
    if (isAck) s += ` Ack=${ackRel}`;
    s += ` Win=${realWin}`;
    if (flags & URG) s += ` Urg=${urp}`;
    s += ` Len=${segLen}`;
    c.appendInfo(s);
  }
  if (pkt.full) top.append(`, Src Port: ${portText(sport, "tcp", resolve)}, Dst Port: ${portText(dport, "tcp", resolve)}, Seq: ${seqRel}${isAck ? `, Ack: ${ackRel}` : ""}, Len: ${segLen}`);

  if (hlen > 20) {
    const opts = dissectTcpOptions(tvb, pkt, top, hlen, view ? view.peer.base : -1, c);
    if (view && isSyn) {
      // Window scaling is in use only when both SYNs carry the option (RFC 7323).
      view.me.winScale = opts.wscale;
      if (isAck) {
        if (view.me.winScale < 0 || view.peer.winScale < 0) view.me.winScale = view.peer.winScale = -2;
      }
    }
  } else if (view && isSyn) {
    view.me.winScale = -2;
    if (isAck) view.peer.winScale = -2;
  }

  if (view && (pkt.full || pkt.want)) {
    const conv = view.conv;
    const times = pkt.addText(top, tvb, 0, 0, "Timestamps").generated();
    pkt.add(times, F.time_relative, tvb, 0, 0, BigInt(pkt.rel - conv.first)).generated();
    pkt.add(times, F.time_delta, tvb, 0, 0, BigInt(pkt.rel - conv.prev)).generated();
  }
  if (view) view.conv.prev = pkt.rel;

  if (segLen > 0) {
    const payload = tvb.subset(hlen);
    const pl = pkt.add(top, F.payload, tvb, hlen, Math.min(segLen, tvb.remaining(hlen)), null);
    if (pkt.full) pl.setLabel(`TCP payload (${segLen} byte${segLen === 1 ? "" : "s"})`);
    // A reset's payload is its reason (RFC 1122 4.2.2.12), never handed to the port's protocol
    if (flags & RST) {
      if (tvb.remaining(hlen) > 0) {
        const n = Math.min(segLen, tvb.remaining(hlen));
        let cause = "";
        for (let k = 0; k < n; k++) cause += String.fromCharCode(tvb.data[tvb.start + hlen + k]!);
        pkt.add(top, F.reset_cause, tvb, hlen, n, cause.replace(/[\r\n\0]+$/, ""));
      }
      return reported;
    }
    // Like process_tcp_payload: an exception in the payload is shown there and TCP's own info stays.
    if (!info.inError || tvb.remaining(hlen) > 0) catchNonFatal(payload, pkt, parent, () => void dispatchPorts(pkt, "tcp.port", sport, dport, payload, parent));
  }
  return reported;
}

export { FIN, SYN, RST, PSH, ACK, URG };
