// -E: follow sockets as the kernel destroys them (sock_diag multicast groups), one listing per event as ss prints them.
import { writeSync } from "node:fs";
import { nlSubscribe } from "./netlink.ts";
import { SOCK_DIAG_BY_FAMILY, decodeInetDiag, IPPROTO } from "./inet-diag.ts";
import { DB, FAMILY } from "./record.ts";
import { hasDb, hasFamily } from "./ss-query.ts";
import { matchSsFilter } from "./ss-filter-match.ts";
import { renderSsListing, type SsDisplay } from "./ss-view.ts";
import type { SsPlan } from "./ss-main.ts";

/** SKNLGRP_* group numbers for destroyed TCP/UDP sockets of each family. */
const GROUPS = { INET_TCP: 1, INET_UDP: 2, INET6_TCP: 3, INET6_UDP: 4 } as const;

/** Runs until the process is stopped; each destroyed socket is written at once (the thread waits in recv between). */
export function followDestroyed(plan: SsPlan, display: SsDisplay): number {
  const { sel } = plan.settings;
  const bit = (g: number) => 1 << (g - 1);
  let groups = 0;
  if (hasFamily(sel, FAMILY.INET) && hasDb(sel, DB.TCP)) groups |= bit(GROUPS.INET_TCP);
  if (hasFamily(sel, FAMILY.INET) && hasDb(sel, DB.UDP)) groups |= bit(GROUPS.INET_UDP);
  if (hasFamily(sel, FAMILY.INET6) && hasDb(sel, DB.TCP)) groups |= bit(GROUPS.INET6_TCP);
  if (hasFamily(sel, FAMILY.INET6) && hasDb(sel, DB.UDP)) groups |= bit(GROUPS.INET6_UDP);
  if (groups === 0) return 255;
  let first = true;
  const widths = new Array<number>(10).fill(0);
  nlSubscribe(4, groups, (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return true;
    const family = m.view.getUint8(m.base);
    if (family !== FAMILY.INET && family !== FAMILY.INET6) return true;
    // The message names its protocol in an attribute; the table guess only matters when it is missing.
    const r = decodeInetDiag(m.view, DB.TCP, IPPROTO.TCP, m.base, m.length, true);
    const db = r.protocol === IPPROTO.UDP ? DB.UDP : DB.TCP;
    if (!hasFamily(sel, family) || (plan.filter && !matchSsFilter(plan.filter, { ...r, db }))) return true;
    // ss renders each event on its own; the header goes out with the first one.
    writeSync(1, renderSsListing([{ ...r, db, netid: db === DB.UDP ? "udp" : "tcp" }], { ...display, header: display.header && first }, plan.oneTable, plan.oneState, undefined, undefined, widths));
    first = false;
    return true;
  });
  return 0;
}
