// Which socket tables, families and states ss shows: its defaults per table and per family, -A names and state names.
import { DB, FAMILY, SS, SS_ALL, SS_CONN } from "./record.ts";

/** The selection ss builds from its flags before reading any socket. */
export interface SsSelection {
  dbs: number;
  states: number;
  /** bit (1 << AF) per address family */
  families: number;
  /** the family -4/-6/-f/-x named last (parse_hostcond reads its filter words in this family) */
  preferredFamily: number;
  /** false once any of -t -u -w -x -A -f -4 -6 ... was given */
  useDefault: boolean;
}

const fam = (af: number) => 1 << af;
const INET_FAMS = fam(FAMILY.INET) | fam(FAMILY.INET6);
const CLOSE = 1 << SS.CLOSE;
const ESTAB = 1 << SS.ESTABLISHED;

/** Per table: the states it adds when selected and the families it lives in (default_dbs in ss.c). */
const DB_DEFAULTS: Readonly<Record<number, { states: number; families: number }>> = {
  [DB.TCP]: { states: SS_CONN, families: INET_FAMS },
  [DB.MPTCP]: { states: SS_CONN, families: INET_FAMS },
  [DB.DCCP]: { states: SS_CONN, families: INET_FAMS },
  [DB.UDP]: { states: ESTAB, families: INET_FAMS },
  [DB.RAW]: { states: ESTAB, families: INET_FAMS },
  [DB.UNIX_DG]: { states: CLOSE, families: fam(FAMILY.UNIX) },
  [DB.UNIX_ST]: { states: SS_CONN, families: fam(FAMILY.UNIX) },
  [DB.UNIX_SQ]: { states: SS_CONN, families: fam(FAMILY.UNIX) },
  [DB.PACKET_DG]: { states: CLOSE, families: fam(FAMILY.PACKET) },
  [DB.PACKET_R]: { states: CLOSE, families: fam(FAMILY.PACKET) },
  [DB.NETLINK]: { states: CLOSE, families: fam(FAMILY.NETLINK) },
  [DB.SCTP]: { states: SS_CONN, families: INET_FAMS },
  [DB.VSOCK_ST]: { states: SS_CONN, families: fam(FAMILY.VSOCK) },
  [DB.VSOCK_DG]: { states: SS_CONN, families: fam(FAMILY.VSOCK) },
  [DB.TIPC]: { states: (1 << SS.ESTABLISHED) | (1 << SS.LISTEN) | CLOSE, families: fam(FAMILY.TIPC) },
  [DB.XDP]: { states: CLOSE, families: fam(FAMILY.XDP) },
};

const dbm = (...ds: number[]) => ds.reduce((m, d) => m | (1 << d), 0);
export const UNIX_DBM = dbm(DB.UNIX_DG, DB.UNIX_ST, DB.UNIX_SQ);
export const PACKET_DBM = dbm(DB.PACKET_DG, DB.PACKET_R);
const INET_DBM = dbm(DB.TCP, DB.MPTCP, DB.UDP, DB.DCCP, DB.SCTP, DB.RAW);

/** Per family: the tables and states it brings (default_afs in ss.c). */
const AF_DEFAULTS: Readonly<Record<number, { dbs: number; states: number }>> = {
  [FAMILY.INET]: { dbs: INET_DBM, states: SS_CONN },
  [FAMILY.INET6]: { dbs: INET_DBM, states: SS_CONN },
  [FAMILY.UNIX]: { dbs: UNIX_DBM, states: SS_CONN },
  [FAMILY.PACKET]: { dbs: PACKET_DBM, states: CLOSE },
  [FAMILY.NETLINK]: { dbs: dbm(DB.NETLINK), states: CLOSE },
  [FAMILY.VSOCK]: { dbs: dbm(DB.VSOCK_ST, DB.VSOCK_DG), states: SS_CONN },
  [FAMILY.TIPC]: { dbs: dbm(DB.TIPC), states: DB_DEFAULTS[DB.TIPC]!.states },
  [FAMILY.XDP]: { dbs: dbm(DB.XDP), states: CLOSE },
};

/** -A names and their tables, in ss's table order. */
export const QUERY_NAMES: Readonly<Record<string, readonly number[]>> = {
  all: [DB.UDP, DB.DCCP, DB.TCP, DB.MPTCP, DB.RAW, DB.UNIX_ST, DB.UNIX_DG, DB.UNIX_SQ, DB.PACKET_R, DB.PACKET_DG, DB.NETLINK, DB.SCTP, DB.VSOCK_ST, DB.VSOCK_DG, DB.XDP],
  inet: [DB.UDP, DB.DCCP, DB.TCP, DB.MPTCP, DB.SCTP, DB.RAW],
  udp: [DB.UDP], dccp: [DB.DCCP], tcp: [DB.TCP], mptcp: [DB.MPTCP], sctp: [DB.SCTP], raw: [DB.RAW],
  unix: [DB.UNIX_ST, DB.UNIX_DG, DB.UNIX_SQ],
  unix_stream: [DB.UNIX_ST], u_str: [DB.UNIX_ST],
  unix_dgram: [DB.UNIX_DG], u_dgr: [DB.UNIX_DG],
  unix_seqpacket: [DB.UNIX_SQ], u_seq: [DB.UNIX_SQ],
  packet: [DB.PACKET_R, DB.PACKET_DG], packet_raw: [DB.PACKET_R], p_raw: [DB.PACKET_R],
  packet_dgram: [DB.PACKET_DG], p_dgr: [DB.PACKET_DG],
  netlink: [DB.NETLINK], tipc: [DB.TIPC],
  vsock: [DB.VSOCK_ST, DB.VSOCK_DG], vsock_stream: [DB.VSOCK_ST], v_str: [DB.VSOCK_ST],
  vsock_dgram: [DB.VSOCK_DG], v_dgr: [DB.VSOCK_DG],
  xdp: [DB.XDP],
};

/** -f names and their families. */
export const FAMILY_NAMES: Readonly<Record<string, number>> = {
  inet: FAMILY.INET, inet6: FAMILY.INET6, link: FAMILY.PACKET, unix: FAMILY.UNIX,
  netlink: FAMILY.NETLINK, tipc: FAMILY.TIPC, vsock: FAMILY.VSOCK, xdp: FAMILY.XDP,
};

export function newSelection(): SsSelection {
  return { dbs: 0, states: 0, families: 0, preferredFamily: 0, useDefault: true };
}

export function selectDb(s: SsSelection, db: number, enable = true): void {
  if (enable) {
    s.states |= DB_DEFAULTS[db]!.states;
    s.dbs |= 1 << db;
  } else s.dbs &= ~(1 << db);
  s.useDefault = false;
}

export function selectFamily(s: SsSelection, af: number): void {
  s.states |= AF_DEFAULTS[af]?.states ?? 0;
  s.families |= fam(af);
  s.useDefault = false;
  s.preferredFamily = af;
}

/** One -A word ("tcp", "!unix"); false when the name is unknown. */
export function selectQuery(s: SsSelection, word: string): boolean {
  const enable = !word.startsWith("!");
  const dbs = QUERY_NAMES[enable ? word : word.slice(1)];
  if (!dbs) return false;
  for (const d of dbs) selectDb(s, d, enable);
  return true;
}

/** Fill in families for chosen tables and tables for chosen families (filter_merge_defaults). */
export function mergeDefaults(s: SsSelection): void {
  for (let db = 0; db < 16; db++) {
    if (!(s.dbs & (1 << db))) continue;
    if (!(DB_DEFAULTS[db]!.families & s.families)) s.families |= DB_DEFAULTS[db]!.families;
  }
  for (const [afText, d] of Object.entries(AF_DEFAULTS)) {
    const af = Number(afText);
    if (!(s.families & fam(af))) continue;
    if (!(d.dbs & s.dbs)) s.dbs |= d.dbs;
  }
}

export const hasFamily = (s: SsSelection, af: number): boolean => (s.families & fam(af)) !== 0;
export const hasDb = (s: SsSelection, db: number): boolean => (s.dbs & (1 << db)) !== 0;

/** A state word of `state`/`exclude` as a mask, or undefined when ss would say "wrong state name". */
export function stateMask(word: string): number | undefined {
  const w = word.toLowerCase();
  const groups: Record<string, number> = {
    close: CLOSE, closed: CLOSE, "syn-rcv": 1 << SS.SYN_RECV, established: ESTAB, all: SS_ALL,
    connected: SS_ALL & ~(CLOSE | (1 << SS.LISTEN)),
    synchronized: SS_ALL & ~(CLOSE | (1 << SS.LISTEN) | (1 << SS.SYN_SENT)),
    bucket: (1 << SS.SYN_RECV) | (1 << SS.TIME_WAIT),
    big: SS_ALL & ~((1 << SS.SYN_RECV) | (1 << SS.TIME_WAIT)),
    unknown: 1 << SS.UNKNOWN, "syn-sent": 1 << SS.SYN_SENT, "syn-recv": 1 << SS.SYN_RECV,
    "fin-wait-1": 1 << SS.FIN_WAIT1, "fin-wait-2": 1 << SS.FIN_WAIT2, "time-wait": 1 << SS.TIME_WAIT,
    unconnected: CLOSE, "close-wait": 1 << SS.CLOSE_WAIT, "last-ack": 1 << SS.LAST_ACK,
    listening: 1 << SS.LISTEN, closing: 1 << SS.CLOSING,
  };
  return groups[w];
}
