// ss -s: socket totals from /proc/net/sockstat, sockstat6 and the Tcp CurrEstab counter of /proc/net/snmp.
import { readFileSync } from "node:fs";

export interface SocketSummary {
  sockets: number; tcpMem: number; tcpTotal: number; tcpOrphans: number; tcpTimewait: number;
  tcp4: number; udp4: number; raw4: number; frag4: number; tcp6: number; udp6: number; raw6: number; frag6: number;
  tcpEstab: number;
}

const procRoot = () => process.env.PROC_ROOT ?? "/proc";

/** The "inuse"-style numbers of one sockstat line: every value after a word. */
function values(rest: string): number[] {
  const parts = rest.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 1; i < parts.length; i += 2) out.push(Number(parts[i]));
  return out;
}

/** One Tcp:/Udp:... counter from a snmp file (header line, then value line). */
export function snmpCounter(text: string, proto: string, key: string): number | undefined {
  const lines = text.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith(proto + " ") || !lines[i + 1]!.startsWith(proto + " ")) continue;
    const idx = lines[i]!.split(/\s+/).indexOf(key);
    if (idx > 0) return Number(lines[i + 1]!.split(/\s+/)[idx]);
  }
  return undefined;
}

export function readSummary(): SocketSummary {
  const s: SocketSummary = { sockets: 0, tcpMem: 0, tcpTotal: 0, tcpOrphans: 0, tcpTimewait: 0, tcp4: 0, udp4: 0, raw4: 0, frag4: 0, tcp6: 0, udp6: 0, raw6: 0, frag6: 0, tcpEstab: 0 };
  for (const file of ["sockstat", "sockstat6"]) {
    let text = "";
    try {
      text = readFileSync(`${procRoot()}/net/${file}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      const sp = line.indexOf(" ");
      if (sp < 0) continue;
      const id = line.slice(0, sp);
      const v = values(line.slice(sp));
      switch (id) {
        case "sockets:": s.sockets = v[0] ?? 0; break;
        case "UDP:": s.udp4 = v[0] ?? 0; break;
        case "UDP6:": s.udp6 = v[0] ?? 0; break;
        case "RAW:": s.raw4 = v[0] ?? 0; break;
        case "RAW6:": s.raw6 = v[0] ?? 0; break;
        case "TCP6:": s.tcp6 = v[0] ?? 0; break;
        case "FRAG:": s.frag4 = v[0] ?? 0; break;
        case "FRAG6:": s.frag6 = v[0] ?? 0; break;
        case "TCP:": [s.tcp4, s.tcpOrphans, s.tcpTimewait, s.tcpTotal, s.tcpMem] = [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0, v[4] ?? 0]; break;
      }
    }
  }
  try {
    s.tcpEstab = snmpCounter(readFileSync(`${procRoot()}/net/snmp`, "utf8"), "Tcp:", "CurrEstab") ?? 0;
  } catch {
    // leave 0, as ss does after its perror
  }
  return s;
}

const col = (n: number) => String(n).padEnd(9);

/** The text of ss -s, byte for byte (tabs after the transport names, padded columns). */
export function renderSummary(s: SocketSummary): string {
  const row = (name: string, total: number, ip: number, ip6: number) => `${name}\t  ${col(total)} ${col(ip)} ${col(ip6)}\n`;
  return (
    `Total: ${s.sockets}\n` +
    `TCP:   ${s.tcpTotal + s.tcpTimewait} (estab ${s.tcpEstab}, closed ${s.tcpTotal - (s.tcp4 + s.tcp6 - s.tcpTimewait)}, orphaned ${s.tcpOrphans}, timewait ${s.tcpTimewait})\n` +
    "\n" +
    "Transport Total     IP        IPv6\n" +
    row("RAW", s.raw4 + s.raw6, s.raw4, s.raw6) +
    row("UDP", s.udp4 + s.udp6, s.udp4, s.udp6) +
    row("TCP", s.tcp4 + s.tcp6, s.tcp4, s.tcp6) +
    row("INET", s.raw4 + s.udp4 + s.tcp4 + s.raw6 + s.udp6 + s.tcp6, s.raw4 + s.udp4 + s.tcp4, s.raw6 + s.udp6 + s.tcp6) +
    row("FRAG", s.frag4 + s.frag6, s.frag4, s.frag6) +
    "\n"
  );
}
