// The socket record every source (sock_diag, /proc/net) produces and every view (ss, netstat, JSON) reads.

/** Socket states as ss numbers them (the kernel's TCP_* values). */
export const SS = {
  UNKNOWN: 0, ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6,
  CLOSE: 7, CLOSE_WAIT: 8, LAST_ACK: 9, LISTEN: 10, CLOSING: 11,
} as const;
export const SS_MAX = 12;
export const SS_ALL = (1 << SS_MAX) - 1;
/** ss's default: everything but listening, closed, time-wait and syn-recv. */
export const SS_CONN = SS_ALL & ~((1 << SS.LISTEN) | (1 << SS.CLOSE) | (1 << SS.TIME_WAIT) | (1 << SS.SYN_RECV));

/** One row per state: ss's display name, its filter name, netstat's name. */
export const STATE_NAMES: readonly { ss: string; filter: string; netstat: string }[] = [
  { ss: "UNKNOWN", filter: "UNKNOWN", netstat: "UNKNOWN" },
  { ss: "ESTAB", filter: "established", netstat: "ESTABLISHED" },
  { ss: "SYN-SENT", filter: "syn-sent", netstat: "SYN_SENT" },
  { ss: "SYN-RECV", filter: "syn-recv", netstat: "SYN_RECV" },
  { ss: "FIN-WAIT-1", filter: "fin-wait-1", netstat: "FIN_WAIT1" },
  { ss: "FIN-WAIT-2", filter: "fin-wait-2", netstat: "FIN_WAIT2" },
  { ss: "TIME-WAIT", filter: "time-wait", netstat: "TIME_WAIT" },
  { ss: "UNCONN", filter: "unconnected", netstat: "CLOSE" },
  { ss: "CLOSE-WAIT", filter: "close-wait", netstat: "CLOSE_WAIT" },
  { ss: "LAST-ACK", filter: "last-ack", netstat: "LAST_ACK" },
  { ss: "LISTEN", filter: "listening", netstat: "LISTEN" },
  { ss: "CLOSING", filter: "closing", netstat: "CLOSING" },
];

/** The socket tables ss knows (its *_DB), in the order of its bit numbers. */
export const DB = {
  TCP: 0, MPTCP: 1, DCCP: 2, UDP: 3, RAW: 4, UNIX_DG: 5, UNIX_ST: 6, UNIX_SQ: 7,
  PACKET_DG: 8, PACKET_R: 9, NETLINK: 10, SCTP: 11, VSOCK_ST: 12, VSOCK_DG: 13, TIPC: 14, XDP: 15,
} as const;
export type DbName = keyof typeof DB;

/** Address families by number (Linux). */
export const FAMILY = { UNIX: 1, INET: 2, INET6: 10, NETLINK: 16, PACKET: 17, TIPC: 30, VSOCK: 40, XDP: 44 } as const;

/** One end of a socket: the address as text (IPv4 dotted, IPv6 compressed, unix path) and a port. */
export interface Endpoint {
  /** "0.0.0.0", "::1", "::ffff:127.0.0.1", a unix path, or "" for none */
  readonly addr: string;
  /** raw address bytes (4 or 16) for prefix matching; absent for unix */
  readonly bytes?: Uint8Array;
  /** port (inet), inode (unix local), peer inode (unix remote) */
  readonly port: number;
}

/** tcp_info and friends, decoded: only what ss prints. */
export interface TcpInfo {
  readonly fields: Readonly<Record<string, number | bigint>>;
  readonly options: number;
  readonly sndWscale: number;
  readonly rcvWscale: number;
  readonly appLimited: boolean;
}

/** Everything a view may print about one socket. */
export interface SocketRecord {
  /** which table it came from: "tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "p_raw", "p_dgr", "nl" */
  readonly netid: string;
  readonly db: number;
  readonly family: number;
  readonly state: number;
  readonly recvQ: number;
  readonly sendQ: number;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly inode: number;
  readonly uid: number;
  /** the kernel's socket cookie (ss prints it as sk:hex) */
  readonly cookie: number | bigint;
  /** bound interface index (inet), 0 when none */
  readonly iface: number;
  /** timer kind (0 off, 1 on, 2 keepalive, 3 timewait, 4 persist), ms to expiry, retransmits */
  readonly timer: number;
  readonly expires: number;
  readonly retrans: number;
  /** IPPROTO of a raw socket, or the protocol attribute the kernel sent */
  readonly protocol?: number;
  readonly v6only?: number;
  readonly shutdown?: number;
  readonly mark?: number;
  readonly cgroupId?: number;
  readonly tos?: number;
  readonly tclass?: number;
  readonly classId?: number;
  /** struct inet_diag_sockopt's two flag bytes (recverr, is_icsk, freebind, ...), for --inet-sockopt */
  readonly sockopt?: number;
  /** the TCP upper layer protocol ("mptcp", "tls") and an MPTCP subflow's attributes by MPTCP_SUBFLOW_ATTR_* number */
  readonly ulp?: { readonly name: string; readonly subflow?: ReadonlyMap<number, DataView> };
  readonly tcp?: TcpInfo;
  /** mptcp_info: subflows, add_addr_signal, add_addr_accepted, subflows_max, add_addr_signal_max, add_addr_accepted_max, flags, token, write_seq, snd_una, rcv_nxt */
  readonly mptcp?: readonly number[];
  readonly cong?: string;
  readonly meminfo?: readonly number[];
  readonly skmem?: readonly number[];
  readonly bbr?: readonly number[];
  /** unix: the VFS inode/device of a bound path, and the inodes of pending connections */
  readonly vfs?: { readonly ino: number; readonly dev: number };
  readonly icons?: readonly number[];
  /** rto/ato/qack/cwnd/ssthresh as /proc/net/tcp gives them (ss's -i on the /proc path) */
  readonly procTcp?: { readonly rto: number; readonly ato: number; readonly qack: number; readonly cwnd: number; readonly ssthresh: number };
  /** packet sockets: PACKET_DIAG_INFO (version, copy threshold, flags) and the attached classic BPF program */
  readonly packetInfo?: { readonly version: number; readonly copyThresh: number; readonly flags: number };
  readonly bpf?: readonly (readonly [number, number, number, number])[];
  /** inet_diag_sockid as the kernel sent it (48 bytes), kept for -K's SOCK_DESTROY */
  readonly diagId?: Uint8Array;
  /** which source produced it, for -v and the tests */
  readonly source: "netlink" | "proc";
}
