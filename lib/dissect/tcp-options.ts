// TCP options: kind/length walk, the -V subtrees and the Info column's MSS= / SACK_PERM / TSval= / WS= / SLE= texts.
import { tcp } from "./tcp.ts";
import type { Columns, Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";


/** -V names of the option kinds ("TCP Option - Maximum segment size: 1460 bytes"). */
const LABELS: ReadonlyMap<number, string> = new Map([
  [0, "End of Option List (EOL)"], [1, "No-Operation (NOP)"], [2, "Maximum segment size"], [3, "Window scale"],
  [4, "SACK permitted"], [5, "SACK"], [6, "Echo"], [7, "Echo reply"], [8, "Timestamps"], [19, "MD5 signature"],
  [28, "User Timeout"], [29, "TCP Authentication Option"], [30, "Multipath TCP"], [34, "TFO"], [172, "Accurate ECN Order 0 (AccECN0)"], [174, "Accurate ECN Order 1 (AccECN1)"], [253, "Experimental"], [254, "Experimental"],
]);

export interface TcpOptionsResult {
  /** window scale shift from this segment (-1 when absent) */
  wscale: number;
}

/** Expected lengths of the options that have one; others only need length >= 2. */
const FIXED: ReadonlyMap<number, number> = new Map([[2, 4], [3, 3], [4, 2], [8, 10], [6, 6], [7, 6], [28, 4]]);

export function dissectTcpOptions(tvb: Tvb, pkt: Packet, top: Node, hlen: number, peerBase: number, c: Columns | null): TcpOptionsResult {
  const res: TcpOptionsResult = { wscale: -1 };
  const optsNode = pkt.add(top, tcp.f.options, tvb, 20, hlen - 20, null);
  const names: string[] = [];
  let off = 20;
  while (off < hlen) {
    const kind = tvb.u8(off);
    const label = LABELS.get(kind) ?? `Unknown (0x${kind.toString(16).padStart(2, "0")})`;
    if (kind === 0 || kind === 1) {
      const o = pkt.addText(optsNode, tvb, off, 1, `TCP Option - ${label}`);
      pkt.add(o, tcp.f.option_kind, tvb, off, 1, kind);
      names.push(label);
      off++;
      if (kind === 0) break;
      continue;
    }
    if (off + 1 >= hlen) break;
    const len = tvb.u8(off + 1);
    const want = FIXED.get(kind);
    if (len < 2 || off + len > hlen || (want !== undefined && len !== want)) {
      // Wireshark stops at an option whose length is impossible (expert "Invalid length for option")
      const o = pkt.addText(optsNode, tvb, off, hlen - off, `TCP Option - ${label}`);
      pkt.add(o, tcp.f.option_kind, tvb, off, 1, kind);
      pkt.add(o, tcp.f.option_len, tvb, off + 1, 1, len);
      names.push(label);
      break;
    }
    const o = pkt.addText(optsNode, tvb, off, len, `TCP Option - ${label}`);
    pkt.add(o, tcp.f.option_kind, tvb, off, 1, kind);
    pkt.add(o, tcp.f.option_len, tvb, off + 1, 1, len);
    names.push(label);
    switch (kind) {
      case 2: {
        const mss = tvb.u16(off + 2);
        pkt.add(o, tcp.f["options.mss_val"], tvb, off + 2, 2, mss);
        if (pkt.full) o.label += `: ${mss} bytes`;
        c?.appendInfo(` MSS=${mss}`);
        break;
      }
      case 3: {
        const shift = tvb.u8(off + 2);
        const mult = 2 ** Math.min(shift, 14);
        pkt.add(o, tcp.f["options.wscale.shift"], tvb, off + 2, 1, shift);
        pkt.add(o, tcp.f["options.wscale.multiplier"], tvb, off + 2, 1, mult).generated();
        if (pkt.full) o.label += `: ${shift} (multiply by ${mult})`;
        c?.appendInfo(` WS=${mult}`);
        res.wscale = Math.min(shift, 14);
        break;
      }
      case 4:
        c?.appendInfo(" SACK_PERM");
        break;
      case 5: {
        let n = 0;
        for (let e = off + 2; e + 8 <= off + len; e += 8) {
          const le = tvb.u32(e), re = tvb.u32(e + 4);
          const rle = peerBase >= 0 ? (le - peerBase) >>> 0 : le;
          const rre = peerBase >= 0 ? (re - peerBase) >>> 0 : re;
          pkt.add(o, tcp.f["options.sack_le"], tvb, e, 4, rle);
          pkt.add(o, tcp.f["options.sack_re"], tvb, e + 4, 4, rre);
          c?.appendInfo(` SLE=${rle} SRE=${rre}`);
          n++;
        }
        pkt.add(o, tcp.f["options.sack.count"], tvb, off, len, n).generated();
        break;
      }
      case 8: {
        const tsval = tvb.u32(off + 2), tsecr = tvb.u32(off + 6);
        pkt.add(o, tcp.f["options.timestamp.tsval"], tvb, off + 2, 4, tsval);
        pkt.add(o, tcp.f["options.timestamp.tsecr"], tvb, off + 6, 4, tsecr);
        if (pkt.full) o.label += `: TSval ${tsval}, TSecr ${tsecr}`;
        c?.appendInfo(` TSval=${tsval} TSecr=${tsecr}`);
        break;
      }
      case 172:
      case 174:
        accEcn(tvb, pkt, o, c, off + 2, off + len, kind === 172 ? 0 : 1);
        break;
      case 253:
      case 254: {
        // RFC 6994 experiments: the draft Accurate ECN option rode on ExIDs 0xacc0 / 0xacc1
        const exid = len >= 4 ? tvb.u16(off + 2) : 0;
        if (exid === 0xacc0 || exid === 0xacc1) accEcn(tvb, pkt, o, c, off + 4, off + len, exid & 1);
        break;
      }
      case 34:
        c?.appendInfo(len > 2 ? " TFO=C" : " TFO=R");
        break;
    }
    off += len;
  }
  if (pkt.full) optsNode.setLabel(`Options: (${hlen - 20} bytes), ${names.join(", ")}`);
  return res;
}

/** Accurate ECN byte counters (24 bits each), in the order the option's variant gives them. */
function accEcn(tvb: Tvb, pkt: Packet, o: Node, c: Columns | null, from: number, end: number, variant: number): void {
  const order = variant === 0 ? (["ee0b", "eceb", "ee1b"] as const) : (["ee1b", "eceb", "ee0b"] as const);
  for (let k = 0; k < 3 && from + 3 * k + 3 <= end; k++) {
    const v = tvb.u24(from + 3 * k);
    pkt.add(o, tcp.f[`options.acc_ecn.${order[k]}`], tvb, from + 3 * k, 3, v);
    c?.appendInfo(` ${order[k]!.toUpperCase()}=${v}`);
  }
}
