// -z io,phs[,FILTER]: the protocol hierarchy, frames and bytes per protocol path, as tshark prints it.
import type { CaptureSpan, Stat } from "./stat.ts";
import type { Packet } from "../dissect/tree.ts";

interface Level {
  readonly name: string;
  frames: number;
  bytes: number;
  readonly children: Level[];
}

/** Layers that frame.protocols lists but the hierarchy does not show (they add no subtree of their own). */
const NOT_SHOWN = new Set(["frame", "ethertype"]);
const RULE = "=".repeat(67);

export function protocolHierarchyStat(filter: string, arg: string): Stat {
  const top: Level = { name: "", frames: 0, bytes: 0, children: [] };
  return {
    arg, filter, fields: [], fullTree: false,
    packet(pkt: Packet) {
      let at = top;
      for (const name of pkt.layers) {
        if (NOT_SHOWN.has(name)) continue;
        let next = at.children.find((c) => c.name === name);
        if (!next) {
          next = { name, frames: 0, bytes: 0, children: [] };
          at.children.push(next);
        }
        next.frames++;
        next.bytes += pkt.frame.len;
        at = next;
      }
    },
    report(_span: CaptureSpan) {
      const out = ["", RULE, "Protocol Hierarchy Statistics", `Filter: ${filter}`, ""];
      const walk = (l: Level, depth: number) => {
        for (const c of l.children) {
          out.push(`${("  ".repeat(depth) + c.name).padEnd(40)} frames:${c.frames} bytes:${c.bytes}`);
          walk(c, depth + 1);
        }
      };
      walk(top, 0);
      out.push(RULE);
      return out.join("\n") + "\n";
    },
  };
}
