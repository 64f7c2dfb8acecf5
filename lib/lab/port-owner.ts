// Who holds a port: the socket's inode from /proc/net/{tcp,udp}{,6}, then the process whose /proc/<pid>/fd points at it.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/** /proc/net state codes: a TCP listener is 0A (LISTEN); a bound UDP socket is 07 (no connection). */
const BOUND_STATE = { tcp: "0A", udp: "07" } as const;

/** Inodes of the sockets bound to `port` (listening for TCP), read from /proc/net. */
export function socketInodes(proto: "tcp" | "udp", port: number, procRoot = "/proc"): Set<string> {
  const inodes = new Set<string>();
  for (const file of [proto, `${proto}6`]) {
    let text: string;
    try {
      text = readFileSync(`${procRoot}/net/${file}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const localPort = parseInt(f[1]!.split(":")[1] ?? "", 16);
      if (localPort === port && f[3] === BOUND_STATE[proto] && f[9] !== "0") inodes.add(f[9]!);
    }
  }
  return inodes;
}

/** The first process holding one of these socket inodes; undefined when none is visible to us. */
export function processOfInodes(inodes: Set<string>, procRoot = "/proc"): PortOwner | undefined {
  if (!inodes.size) return undefined;
  const wanted = new Set([...inodes].map((i) => `socket:[${i}]`));
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`${procRoot}/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`${procRoot}/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (wanted.has(target)) {
        let command = "?";
        try {
          command = readFileSync(`${procRoot}/${entry}/comm`, "utf8").trim();
        } catch {}
        return { pid: Number(entry), command };
      }
    }
  }
  return undefined;
}

/** The process listening on a TCP port or bound to a UDP port, when /proc lets us see it. */
export function portOwner(proto: "tcp" | "udp", port: number): PortOwner | undefined {
  try {
    return processOfInodes(socketInodes(proto, port));
  } catch {
    return undefined;
  }
}
