// The text ss appends after the addresses: timers (-o), details (-e), memory (-m) and TCP internals (-i).
import { formatG, hashHex } from "./c-format.ts";
import { SS, type SocketRecord, type TcpInfo } from "./record.ts";

const TIMER_NAMES = ["off", "on", "keepalive", "timewait", "persist", "unknown"];

/** print_ms_timer: "119min", "59sec", "1.200ms"-style text for a timeout in milliseconds. */
export function msTimer(timeout: number): string {
  let secs = Math.floor(timeout / 1000);
  const minutes = Math.floor(secs / 60);
  secs %= 60;
  let msecs = timeout % 1000;
  let out = "";
  if (minutes) {
    msecs = 0;
    out = `${minutes}min`;
    if (minutes > 9) secs = 0;
  }
  if (secs) {
    if (secs > 9) msecs = 0;
    out += `${secs}${msecs ? "." : "sec"}`;
  }
  if (msecs) out += `${String(msecs).padStart(3, "0")}ms`;
  return out;
}

/** " timer:(keepalive,119min,0)", or "" when no timer runs. */
export function timerText(s: SocketRecord): string {
  if (!s.timer) return "";
  return ` timer:(${TIMER_NAMES[Math.min(s.timer, 5)]},${msTimer(s.expires)},${s.retrans})`;
}

/** sock_details_print: uid, inode, cookie, mark, cgroup. */
export function detailsText(s: SocketRecord, cgroupPath: (id: number) => string): string {
  let out = "";
  if (s.uid) out += ` uid:${s.uid}`;
  out += ` ino:${s.inode} sk:${s.cookie.toString(16)}`;
  if (s.mark) out += ` fwmark:0x${s.mark.toString(16)}`;
  if (s.cgroupId) out += ` cgroup:${cgroupPath(s.cgroupId)}`;
  return out;
}

/** " <->" and friends: which directions are shut down. */
export const shutdownText = (mask: number): string => ` ${mask & 1 ? "-" : "<"}-${mask & 2 ? "-" : ">"}`;

/** " skmem:(r..,rb..,t..,tb..,f..,w..,o..,bl..,d..)" (or the older " mem:(...)"). */
export function skmemText(s: SocketRecord): string {
  const m = s.skmem;
  if (!m) {
    const mi = s.meminfo;
    return mi ? ` mem:(r${mi[0]},w${mi[1]},f${mi[2]},t${mi[3]})` : "";
  }
  let out = ` skmem:(r${m[0]},rb${m[1]},t${m[2]},tb${m[3]},f${m[4]},w${m[5]},o${m[6]}`;
  if (m.length > 7) out += `,bl${m[7]}`;
  if (m.length > 8) out += `,d${m[8]}`;
  return out + ")";
}

/** sprint_bw: bits per second with k/M/G/T, or the plain number under -n. */
export function bandwidth(bw: number, numeric: boolean): string {
  if (numeric) return bw.toFixed(0);
  if (bw >= 1e12) return `${formatG(bw / 1e12, 3)}T`;
  if (bw >= 1e9) return `${formatG(bw / 1e9, 3)}G`;
  if (bw >= 1e6) return `${formatG(bw / 1e6, 3)}M`;
  if (bw >= 1e3) return `${formatG(bw / 1e3, 3)}k`;
  return formatG(bw);
}

const TCPI_OPT = { TIMESTAMPS: 1, SACK: 2, WSCALE: 4, ECN: 8, ECN_SEEN: 16, SYN_DATA: 32 } as const;

/** tcp_show_info + tcp_stats_print: the -i line, field for field in ss's order and conditions. */
export function tcpInfoText(s: SocketRecord, showOptions: boolean, numeric: boolean): string {
  const t: TcpInfo | undefined = s.tcp;
  if (!t) return "";
  const f = (k: string) => Number(t.fields[k] ?? 0);
  const big = (k: string) => BigInt(t.fields[k] ?? 0n);
  let out = "";
  if (showOptions) {
    if (t.options & TCPI_OPT.TIMESTAMPS) out += " ts";
    if (t.options & TCPI_OPT.SACK) out += " sack";
    if (t.options & TCPI_OPT.ECN) out += " ecn";
    if (t.options & TCPI_OPT.ECN_SEEN) out += " ecnseen";
    if (t.options & TCPI_OPT.SYN_DATA) out += " fastopen";
  }
  if (s.cong) out += ` ${s.cong.slice(0, 15)}`;
  if (t.options & TCPI_OPT.WSCALE) out += ` wscale:${t.sndWscale},${t.rcvWscale}`;
  const rtoRaw = f("rto");
  if (rtoRaw && rtoRaw !== 3000000) out += ` rto:${formatG(rtoRaw / 1000)}`;
  if (f("backoff")) out += ` backoff:${f("backoff")}`;
  if (f("rtt")) out += ` rtt:${formatG(f("rtt") / 1000)}/${formatG(f("rttvar") / 1000)}`;
  if (f("ato")) out += ` ato:${formatG(f("ato") / 1000)}`;
  if (f("snd_mss")) out += ` mss:${f("snd_mss")}`;
  if (f("pmtu")) out += ` pmtu:${f("pmtu")}`;
  if (f("rcv_mss")) out += ` rcvmss:${f("rcv_mss")}`;
  if (f("advmss")) out += ` advmss:${f("advmss")}`;
  if (f("snd_cwnd")) out += ` cwnd:${f("snd_cwnd")}`;
  const ssthresh = f("snd_ssthresh");
  if (ssthresh && ssthresh < 0xffff) out += ` ssthresh:${ssthresh}`;
  for (const [k, label] of [["bytes_sent", "bytes_sent"], ["bytes_retrans", "bytes_retrans"], ["bytes_acked", "bytes_acked"], ["bytes_received", "bytes_received"]] as const)
    if (big(k)) out += ` ${label}:${big(k)}`;
  for (const k of ["segs_out", "segs_in", "data_segs_out", "data_segs_in"]) if (f(k)) out += ` ${k}:${f(k)}`;
  if (s.bbr && s.bbr.length >= 3) {
    const bw = (BigInt(s.bbr[1]!) << 32n) | BigInt(s.bbr[0]!);
    out += ` bbr:(bw:${bandwidth(Number(bw) * 8, numeric)}bps,mrtt:${formatG(s.bbr[2]! / 1000)}`;
    if (s.bbr[3]) out += `,pacing_gain:${formatG(s.bbr[3] / 256)}`;
    if (s.bbr[4]) out += `,cwnd_gain:${formatG(s.bbr[4] / 256)}`;
    out += ")";
  }
  const rtt = f("rtt");
  if (rtt > 0 && f("snd_mss") && f("snd_cwnd")) out += ` send ${bandwidth((f("snd_cwnd") * f("snd_mss") * 8000000) / rtt, numeric)}bps`;
  if (f("last_data_sent")) out += ` lastsnd:${f("last_data_sent")}`;
  if (f("last_data_recv")) out += ` lastrcv:${f("last_data_recv")}`;
  if (f("last_ack_recv")) out += ` lastack:${f("last_ack_recv")}`;
  const pacing = big("pacing_rate");
  const NONE = 0xffffffffffffffffn;
  if (pacing && pacing !== NONE) {
    out += ` pacing_rate ${bandwidth(Number(pacing) * 8, numeric)}bps`;
    const max = big("max_pacing_rate");
    if (max && max !== NONE) out += `/${bandwidth(Number(max) * 8, numeric)}bps`;
  }
  const delivery = Number(big("delivery_rate")) * 8;
  if (delivery) out += ` delivery_rate ${bandwidth(delivery, numeric)}bps`;
  if (f("delivered")) out += ` delivered:${f("delivered")}`;
  if (f("delivered_ce")) out += ` delivered_ce:${f("delivered_ce")}`;
  if (t.appLimited) out += " app_limited";
  const busy = big("busy_time");
  if (busy) {
    out += ` busy:${busy / 1000n}ms`;
    const rw = big("rwnd_limited");
    if (rw) out += ` rwnd_limited:${rw / 1000n}ms(${((100 * Number(rw)) / Number(busy)).toFixed(1)}%)`;
    const sb = big("sndbuf_limited");
    if (sb) out += ` sndbuf_limited:${sb / 1000n}ms(${((100 * Number(sb)) / Number(busy)).toFixed(1)}%)`;
  }
  if (f("unacked")) out += ` unacked:${f("unacked")}`;
  if (f("retrans") || f("total_retrans")) out += ` retrans:${f("retrans")}/${f("total_retrans")}`;
  if (f("lost")) out += ` lost:${f("lost")}`;
  if (f("sacked") && s.state !== SS.LISTEN) out += ` sacked:${f("sacked")}`;
  if (f("dsack_dups")) out += ` dsack_dups:${f("dsack_dups")}`;
  if (f("fackets")) out += ` fackets:${f("fackets")}`;
  if (f("reordering") !== 3) out += ` reordering:${f("reordering")}`;
  if (f("reord_seen")) out += ` reord_seen:${f("reord_seen")}`;
  if (f("rcv_rtt")) out += ` rcv_rtt:${formatG(f("rcv_rtt") / 1000)}`;
  if (f("rcv_space")) out += ` rcv_space:${f("rcv_space") | 0}`;
  if (f("rcv_ssthresh")) out += ` rcv_ssthresh:${f("rcv_ssthresh")}`;
  if (f("notsent_bytes")) out += ` notsent:${f("notsent_bytes")}`;
  const minRtt = f("min_rtt");
  if (minRtt && minRtt !== 0xffffffff) out += ` minrtt:${formatG(minRtt / 1000)}`;
  if (f("rcv_ooopack")) out += ` rcv_ooopack:${f("rcv_ooopack")}`;
  if (f("snd_wnd")) out += ` snd_wnd:${f("snd_wnd")}`;
  return out;
}

/** --tos: " tos:0x10 tclass:0 class_id:0". */
export function tosText(s: SocketRecord): string {
  let out = "";
  if (s.tos !== undefined) out += ` tos:${hashHex(s.tos)}`;
  if (s.tclass !== undefined) out += ` tclass:${hashHex(s.tclass)}`;
  if (s.classId !== undefined) out += ` class_id:${hashHex(s.classId)}`;
  return out;
}

/** mptcp_stats_print: the MPTCP connection's counters and sequence numbers, each only when not zero. */
export function mptcpInfoText(s: SocketRecord): string {
  const m = s.mptcp;
  if (!m) return "";
  const names = ["subflows", "add_addr_signal", "add_addr_accepted", "subflows_max", "add_addr_signal_max", "add_addr_accepted_max"];
  let out = names.map((n, i) => (m[i] ? ` ${n}:${m[i]}` : "")).join("");
  if (m[6]! & 1) out += " fallback";
  if (m[6]! & 2) out += " remote_key";
  if (m[7]) out += ` token:${m[7]!.toString(16)}`;
  if (m[8]) out += ` write_seq:${m[8]!.toString(16)}`;
  if (m[9]) out += ` snd_una:${m[9]!.toString(16)}`;
  if (m[10]) out += ` rcv_nxt:${m[10]!.toString(16)}`;
  return out;
}

/** The ULP part of -i: " tcp-ulp-NAME", and for an MPTCP subflow its flags, tokens and mapping (mptcp_subflow_info). */
export function ulpText(s: SocketRecord): string {
  const u = s.ulp;
  if (!u) return "";
  let out = u.name ? ` tcp-ulp-${u.name}` : "";
  const a = u.subflow;
  if (!a) return out;
  const u32 = (k: number) => a.get(k)!.getUint32(0, true);
  const flags = a.get(8) ? u32(8) : 0;
  const caps = [[1, "M"], [2, "m"], [4, "J"], [8, "j"], [16, "B"], [32, "b"], [64, "e"], [128, "c"], [256, "v"]] as const;
  if (flags) out += ` flags:${caps.filter(([b]) => flags & b).map(([, c]) => c).join("")}`;
  if (a.get(1) && a.get(2) && a.get(9) && a.get(10))
    out += ` token:${u32(1).toString(16).padStart(4, "0")}(id:${a.get(9)!.getUint8(0)})/${u32(2).toString(16).padStart(4, "0")}(id:${a.get(10)!.getUint8(0)})`;
  if (a.get(4)) out += ` seq:${a.get(4)!.getBigUint64(0, true).toString(16)}`;
  if (a.get(5)) out += ` sfseq:${u32(5).toString(16)}`;
  if (a.get(6)) out += ` ssnoff:${u32(6).toString(16)}`;
  if (a.get(7)) out += ` maplen:${u32(7).toString(16)}`;
  return out;
}
