// Which processes hold which sockets: one walk over /proc/*/fd for every socket at once, as ss -p does.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** One holder of a socket: process name, pid, thread id (for -T) and file descriptor. */
export interface SocketOwner {
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly fd: number;
}

/** comm from /proc/PID/stat: the text between the first "(" and the first ")" after it, as ss's scanf reads it. */
function taskName(dir: string): string {
  try {
    const stat = readFileSync(`${dir}/stat`, "latin1");
    const open = stat.indexOf("(");
    const close = stat.indexOf(")", open + 1);
    return open >= 0 && close > open ? stat.slice(open + 1, close) : "";
  } catch {
    return "";
  }
}

function scanTask(dir: string, pid: number, tid: number, into: Map<number, SocketOwner[]>): void {
  let fds: string[];
  try {
    fds = readdirSync(`${dir}/fd`);
  } catch {
    return; // not ours to read (another user's process without root), or gone
  }
  let name: string | undefined;
  for (const fdText of fds) {
    let link: string;
    try {
      link = readlinkSync(`${dir}/fd/${fdText}`);
    } catch {
      continue;
    }
    if (!link.startsWith("socket:[")) continue;
    const ino = Number(link.slice(8, -1));
    name ??= taskName(dir);
    const list = into.get(ino);
    const owner = { name, pid, tid, fd: Number(fdText) };
    if (list) list.push(owner);
    else into.set(ino, [owner]);
  }
}

/** inode -> holders, in the order ss prints them (its hash chains put the last one found first). */
export function socketOwners(withThreads: boolean, procRoot = "/proc"): Map<number, SocketOwner[]> {
  const map = new Map<number, SocketOwner[]>();
  let pids: string[] = [];
  try {
    pids = readdirSync(procRoot);
  } catch {
    return map;
  }
  for (const p of pids) {
    const c = p.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const pid = Number(p);
    scanTask(`${procRoot}/${p}`, pid, pid, map);
    if (!withThreads) continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`${procRoot}/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tids) if (Number(t) !== pid) scanTask(`${procRoot}/${p}/task/${t}`, pid, Number(t), map);
  }
  for (const list of map.values()) list.reverse();
  return map;
}

/** ss's users:(...) text for one socket, or "" when nobody we can see holds it. */
export function usersText(owners: readonly SocketOwner[] | undefined, withThreads: boolean): string {
  if (!owners?.length) return "";
  const parts = owners.map((o) => `("${o.name}",pid=${o.pid},${withThreads ? `tid=${o.tid},` : ""}fd=${o.fd})`);
  return ` users:(${parts.join(",")})`;
}
