// ss's plain listing of TCP/UDP sockets (with or without -p) straight from the dump into rows: no record per socket.
//
// `ss -tan` on 20,000 sockets is the case people time; building a full SocketRecord (and its endpoints) per socket
// costs more than the kernel's dump itself, so this path keeps only the ten printed fields. Anything beyond a
// plain listing (filters, -e -o -i -m, JSON, watch, -K, -E, -r) takes the general path.
import { NetlinkError } from "./netlink.ts";
import { SysError } from "../sys/libc.ts";
import { IPPROTO, scanInet } from "./inet-diag.ts";
import { DB, FAMILY, STATE_NAMES } from "./record.ts";
import { hasDb, hasFamily } from "./ss-query.ts";
import { procForced } from "./proc-net.ts";
import { headerRow, renderSsTable, type SsRow } from "./ss-table.ts";
import { portText, queueText, withColon } from "./ss-view.ts";
import { usersText, type SocketOwner } from "./processes.ts";
import type { SsPlan } from "./ss-main.ts";

/** Whether a plan is a plain TCP/UDP listing this path prints exactly as the general one does. */
export function fastEligible(plan: SsPlan): boolean {
  const s = plan.settings;
  const onlyTcpUdp = (s.sel.dbs & ~((1 << DB.TCP) | (1 << DB.UDP))) === 0;
  return (
    onlyTcpUdp && !plan.filter && !s.json && s.watch === undefined && !s.kill && !s.events && !s.resolve &&
    !s.showOptions && !s.details && !s.mem && !s.info && !s.tos && !s.cgroup && !s.threads &&
    !procForced("tcp") && !procForced("udp")
  );
}

/** The listing, or undefined when netlink cannot be used (the general path then falls back to /proc). */
export function fastListing(plan: SsPlan, owners: ReadonlyMap<number, SocketOwner[]> | undefined, screenWidth?: number, paintState?: (state: string) => string): Uint8Array | undefined {
  const s = plan.settings;
  const sel = s.sel;
  const rows: SsRow[] = s.header ? [headerRow()] : [];
  const families = (sel.preferredFamily === FAMILY.INET6 ? [FAMILY.INET6] : sel.preferredFamily === FAMILY.INET ? [FAMILY.INET] : [FAMILY.INET, FAMILY.INET6]).filter((af) => hasFamily(sel, af));
  const tables: [number, number, string][] = [[DB.UDP, IPPROTO.UDP, "udp"], [DB.TCP, IPPROTO.TCP, "tcp"]];
  try {
    for (const [db, proto, netid] of tables) {
      if (!hasDb(sel, db)) continue;
      for (const af of families)
        scanInet(af, proto, sel.states, (family, state, lport, rport, laddr, raddr, rq, wq, inode, v6only) => {
          const v6 = family === FAMILY.INET6;
          rows.push([
            netid,
            STATE_NAMES[state]?.ss ?? "UNKNOWN",
            queueText(rq),
            queueText(wq),
            v6 ? v6Text(laddr, v6only) : withColon(laddr),
            portText(lport, netid, s.numeric),
            v6 ? v6Text(raddr, v6only) : withColon(raddr),
            portText(rport, netid, s.numeric),
            owners ? usersText(owners.get(inode), false) : "",
            "",
          ]);
        });
    }
  } catch (e) {
    if (e instanceof SysError || e instanceof NetlinkError) return undefined;
    throw e;
  }
  const disabled = [plan.oneTable, plan.oneState, false, false, false, false, false, false, false, false];
  return renderSsTable(rows, disabled, screenWidth, paintState, s.header ? 1 : 0);
}

/** inet_addr_print for IPv6: "*" for a dual-stack wildcard, else the address in brackets. */
const v6Text = (addr: string, v6only: number): string => (addr === "::" && !v6only ? "*:" : withColon(`[${addr}]`));
