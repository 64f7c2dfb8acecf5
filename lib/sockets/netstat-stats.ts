// netstat -s: per-protocol counters from /proc/net/snmp and /proc/net/netstat,
// printed in net-tools 2.10's layout. Sentences come from a data table; counters
// without a sentence print as "Name: value" (omitted when zero), like net-tools.
import { readFileSync } from "node:fs";

// [section, counter, sentence with %u, always print even when zero]
type Entry = readonly [string, string, string, boolean];
const E: readonly Entry[] = [
  ["Ip", "Forwarding", "Forwarding: %s", true],
  ["Ip", "InReceives", "%u total packets received", true],
  ["Ip", "InHdrErrors", "%u with invalid headers", false],
  ["Ip", "InAddrErrors", "%u with invalid addresses", false],
  ["Ip", "ForwDatagrams", "%u forwarded", true],
  ["Ip", "InUnknownProtos", "%u with unknown protocol", false],
  ["Ip", "InDiscards", "%u incoming packets discarded", true],
  ["Ip", "InDelivers", "%u incoming packets delivered", true],
  ["Ip", "OutRequests", "%u requests sent out", true],
  ["Ip", "OutDiscards", "%u outgoing packets dropped", false],
  ["Icmp", "InMsgs", "%u ICMP messages received", true],
  ["Icmp", "InErrors", "%u input ICMP message failed\n    ICMP input histogram:", true],
  ["Icmp", "InDestUnreachs", "    destination unreachable: %u", false],
  ["Icmp", "InTimeExcds", "    timeout in transit: %u", false],
  ["Icmp", "InParmProbs", "    wrong parameters: %u", false],
  ["Icmp", "InSrcQuenchs", "    source quenches: %u", false],
  ["Icmp", "InRedirects", "    redirects: %u", false],
  ["Icmp", "InEchos", "    echo requests: %u", false],
  ["Icmp", "InEchoReps", "    echo replies: %u", false],
  ["Icmp", "InTimestamps", "    timestamp request: %u", false],
  ["Icmp", "InTimestampReps", "    timestamp reply: %u", false],
  ["Icmp", "InAddrMasks", "    address mask request: %u", false],
  ["Icmp", "InAddrMaskReps", "    address mask replies: %u", false],
  ["Icmp", "OutMsgs", "%u ICMP messages sent", true],
  ["Icmp", "OutErrors", "%u ICMP messages failed\n    ICMP output histogram:", true],
  ["Icmp", "OutDestUnreachs", "    destination unreachable: %u", false],
  ["Icmp", "OutTimeExcds", "    time exceeded: %u", false],
  ["Icmp", "OutParmProbs", "    wrong parameters: %u", false],
  ["Icmp", "OutSrcQuenchs", "    source quench: %u", false],
  ["Icmp", "OutRedirects", "    redirect: %u", false],
  ["Icmp", "OutEchos", "    echo requests: %u", false],
  ["Icmp", "OutEchoReps", "    echo replies: %u", false],
  ["Icmp", "OutTimestamps", "    timestamp requests: %u", false],
  ["Icmp", "OutTimestampReps", "    timestamp replies: %u", false],
  ["Icmp", "OutAddrMasks", "    address mask requests: %u", false],
  ["Icmp", "OutAddrMaskReps", "    address mask replies: %u", false],
  ["TcpExt", "SyncookiesSent", "%u SYN cookies sent", false],
  ["TcpExt", "SyncookiesRecv", "%u SYN cookies received", false],
  ["TcpExt", "SyncookiesFailed", "%u invalid SYN cookies received", false],
  ["TcpExt", "TW", "%u TCP sockets finished time wait in fast timer", false],
  ["TcpExt", "TWRecycled", "%u time wait sockets recycled by time stamp", false],
  ["TcpExt", "DelayedACKs", "%u delayed acks sent", false],
  ["TcpExt", "DelayedACKLocked", "%u delayed acks further delayed because of locked socket", false],
  ["TcpExt", "DelayedACKLost", "Quick ack mode was activated %u times", false],
  ["TcpExt", "ListenOverflows", "%u times the listen queue of a socket overflowed", false],
  ["TcpExt", "ListenDrops", "%u SYNs to LISTEN sockets dropped", false],
  ["TcpExt", "TCPPureAcks", "%u acknowledgments not containing data payload received", false],
  ["TcpExt", "TCPHPAcks", "%u predicted acknowledgments", false],
  ["TcpExt", "TCPSACKReorder", "Detected reordering %u times using SACK", false],
  ["TcpExt", "TCPTSReorder", "Detected reordering %u times using time stamp", false],
  ["TcpExt", "TCPFullUndo", "%u congestion windows fully recovered without slow start", false],
  ["TcpExt", "TCPPartialUndo", "%u congestion windows partially recovered using Hoe heuristic", false],
  ["TcpExt", "TCPFastRetrans", "%u fast retransmits", false],
  ["TcpExt", "TCPAbortOnData", "%u connections reset due to unexpected data", false],
  ["TcpExt", "TCPAbortOnClose", "%u connections reset due to early user close", false],
  ["TcpExt", "TCPAbortOnTimeout", "%u connections aborted due to timeout", false],
  ["TcpExt", "TCPHPHits", "%u packet headers predicted", true],
  ["Tcp", "ActiveOpens", "%u active connection openings", true],
  ["Tcp", "PassiveOpens", "%u passive connection openings", true],
  ["Tcp", "AttemptFails", "%u failed connection attempts", true],
  ["Tcp", "EstabResets", "%u connection resets received", true],
  ["Tcp", "CurrEstab", "%u connections established", true],
  ["Tcp", "InSegs", "%u segments received", true],
  ["Tcp", "OutSegs", "%u segments sent out", true],
  ["Tcp", "RetransSegs", "%u segments retransmitted", true],
  ["Tcp", "InErrs", "%u bad segments received", true],
  ["Tcp", "OutRsts", "%u resets sent", true],
  ["Udp", "InDatagrams", "%u packets received", true],
  ["Udp", "NoPorts", "%u packets to unknown port received", true],
  ["Udp", "InErrors", "%u packet receive errors", true],
  ["Udp", "OutDatagrams", "%u packets sent", true],
  ["Udp", "RcvbufErrors", "%u receive buffer errors", true],
  ["Udp", "SndbufErrors", "%u send buffer errors", true],
];
const SKIP = new Set(["Ip:DefaultTTL", "Tcp:RtoAlgorithm", "Tcp:RtoMin", "Tcp:RtoMax", "Tcp:MaxConn"]);

export type StatSection = { name: string; counters: Record<string, number> };

export function readStatSections(files = ["/proc/net/snmp", "/proc/net/netstat"]): StatSection[] {
  const out: StatSection[] = [];
  for (const f of files) {
    let lines: string[];
    try { lines = readFileSync(f, "utf8").split("\n").filter(Boolean); } catch { continue; }
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const h = lines[i].split(/\s+/), v = lines[i + 1].split(/\s+/);
      const name = h[0].replace(/:$/, "");
      const counters: Record<string, number> = {};
      h.slice(1).forEach((k, j) => { counters[k] = Number(v[j + 1]); });
      out.push({ name, counters });
    }
  }
  return out;
}

export function statisticsText(sections = readStatSections()): string {
  let s = "";
  for (const sec of sections) {
    s += `${sec.name}:\n`;
    for (const [k, val] of Object.entries(sec.counters)) {
      if (SKIP.has(`${sec.name}:${k}`)) continue;
      const e = E.find((x) => x[0] === sec.name && x[1] === k);
      if (e) {
        if (val === 0 && !e[3]) continue;
        s += "    " + e[2].replace("%u", String(val)).replace("%s", String(val)) + "\n";
      } else if (val !== 0) s += `${sec.name === "IcmpMsg" ? "        " : "    "}${k}: ${val}\n`;
    }
  }
  return s;
}

export function statisticsJson(sections = readStatSections()): Record<string, unknown> {
  return { statistics: Object.fromEntries(sections.map((x) => [x.name, x.counters])) };
}
