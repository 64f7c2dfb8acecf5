// -z endpoints,eth|ip|ipv6|tcp|udp[,FILTER]: tshark's endpoint table, busiest first.
import type { CaptureSpan, Stat } from "./stat.ts";
import type { ConversationKind } from "./address-pair.ts";
import { portText } from "../format/ports.ts";
import type { Packet } from "../dissect/tree.ts";
import { busiestFirst, countFrame, zeroCounts, type TrafficCounts } from "./traffic-counts.ts";

interface Endpoint extends TrafficCounts {
  readonly addr: string;
  readonly port: number;
}

const RULE = "=".repeat(80);

export function endpointStat(kind: ConversationKind, filter: string, arg: string): Stat {
  const byKey = new Map<string, Endpoint>();
  const list: Endpoint[] = [];
  let resolvePorts = false;
  const get = (addr: string, port: number): Endpoint => {
    const key = `${addr}|${port}`;
    let e = byKey.get(key);
    if (!e) {
      e = { addr, port, ...zeroCounts() };
      byKey.set(key, e);
      list.push(e);
    }
    return e;
  };
  return {
    arg, filter, fields: kind.fields, fullTree: false,
    packet(pkt: Packet) {
      const e = kind.ends(pkt);
      if (!e) return;
      resolvePorts = pkt.session.resolve.transport;
      countFrame(get(e.src, e.sport), true, pkt.frame.len);
      countFrame(get(e.dst, e.dport), false, pkt.frame.len);
    },
    report(_span: CaptureSpan) {
      const out = [
        RULE,
        `${kind.title} Endpoints`,
        `Filter:${filter || "<No Filter>"}`,
        kind.ports
          ? "                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |"
          : "                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |",
      ];
      const total = (e: Endpoint) => e.txFrames + e.rxFrames;
      for (const e of busiestFirst(list)) {
        const head = kind.ports
          ? `${e.addr.padEnd(20)}      ${portText(e.port, kind.name as "tcp" | "udp", resolvePorts).padStart(5)}     `
          : `${e.addr.padEnd(20)}      `;
        out.push(
          head +
            `${String(total(e)).padStart(6)}     ${String(e.txBytes + e.rxBytes).padStart(9)}` +
            `     ${String(e.txFrames).padStart(6)}       ${String(e.txBytes).padStart(9)}` +
            `      ${String(e.rxFrames).padStart(6)}       ${String(e.rxBytes).padStart(9)}   `,
        );
      }
      out.push(RULE);
      return out.join("\n") + "\n";
    },
  };
}
