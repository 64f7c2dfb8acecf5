// struct tcp_info (linux/tcp.h) decoded by offset: one table of field names, offsets and widths.
import type { TcpInfo } from "./record.ts";

/** [name, byte offset, width] for every tcp_info field ss reads; a field past the kernel's length reads as 0. */
const FIELDS: readonly (readonly [string, number, 1 | 4 | 8])[] = [
  ["state", 0, 1], ["ca_state", 1, 1], ["retransmits", 2, 1], ["probes", 3, 1], ["backoff", 4, 1],
  ["rto", 8, 4], ["ato", 12, 4], ["snd_mss", 16, 4], ["rcv_mss", 20, 4], ["unacked", 24, 4],
  ["sacked", 28, 4], ["lost", 32, 4], ["retrans", 36, 4], ["fackets", 40, 4],
  ["last_data_sent", 44, 4], ["last_ack_sent", 48, 4], ["last_data_recv", 52, 4], ["last_ack_recv", 56, 4],
  ["pmtu", 60, 4], ["rcv_ssthresh", 64, 4], ["rtt", 68, 4], ["rttvar", 72, 4], ["snd_ssthresh", 76, 4],
  ["snd_cwnd", 80, 4], ["advmss", 84, 4], ["reordering", 88, 4], ["rcv_rtt", 92, 4], ["rcv_space", 96, 4],
  ["total_retrans", 100, 4], ["pacing_rate", 104, 8], ["max_pacing_rate", 112, 8], ["bytes_acked", 120, 8],
  ["bytes_received", 128, 8], ["segs_out", 136, 4], ["segs_in", 140, 4], ["notsent_bytes", 144, 4],
  ["min_rtt", 148, 4], ["data_segs_in", 152, 4], ["data_segs_out", 156, 4], ["delivery_rate", 160, 8],
  ["busy_time", 168, 8], ["rwnd_limited", 176, 8], ["sndbuf_limited", 184, 8], ["delivered", 192, 4],
  ["delivered_ce", 196, 4], ["bytes_sent", 200, 8], ["bytes_retrans", 208, 8], ["dsack_dups", 216, 4],
  ["reord_seen", 220, 4], ["rcv_ooopack", 224, 4], ["snd_wnd", 228, 4],
];

export function decodeTcpInfo(d: DataView): TcpInfo {
  const fields: Record<string, number | bigint> = {};
  for (const [name, at, w] of FIELDS) {
    if (at + w > d.byteLength) fields[name] = w === 8 ? 0n : 0;
    else fields[name] = w === 1 ? d.getUint8(at) : w === 4 ? d.getUint32(at, true) : d.getBigUint64(at, true);
  }
  const scales = d.byteLength > 6 ? d.getUint8(6) : 0;
  return {
    fields,
    options: d.byteLength > 5 ? d.getUint8(5) : 0,
    sndWscale: scales & 0x0f,
    rcvWscale: scales >> 4,
    appLimited: d.byteLength > 7 ? (d.getUint8(7) & 1) === 1 : false,
  };
}
