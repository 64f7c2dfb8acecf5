// IPv4/IPv6 fragment reassembly (Wireshark's default "reassemble fragmented datagrams" preference).
import type { Node, Packet } from "../dissect/tree.ts";
import { Tvb } from "../dissect/tvb.ts";

export interface FragmentKey {
  src: number | string;
  dst: number | string;
  id: number;
  proto: number;
  /** byte offset of this fragment's payload in the datagram */
  offset: number;
  more: boolean;
}

interface Pending {
  /** payload pieces by offset (copies: the frames they come from are gone by the time we finish) */
  parts: Map<number, Uint8Array>;
  frames: number[];
  total: number;
}

interface ReassemblyState {
  pending: Map<string, Pending>;
  /** frame that completed a datagram -> its payload (kept for the second pass of -2) */
  done: Map<number, Uint8Array>;
  /** frame -> the frame its datagram was reassembled in */
  reassembledIn: Map<number, number>;
}

const owner = {};

/**
 * Add a fragment. Returns a Tvb over the whole payload in the frame that completes the datagram, else
 * undefined. Sets pkt.notes "ip.reassembled_in" for fragments whose datagram completed (known in the second
 * pass of -2, or at once for the completing frame).
 */
export function reassembleIpv4(pkt: Packet, _top: Node, payload: Tvb, k: FragmentKey): Tvb | undefined {
  const s = pkt.session.state(owner, (): ReassemblyState => ({ pending: new Map(), done: new Map(), reassembledIn: new Map() }));
  if (pkt.info.inError) return undefined;
  if (pkt.session.pass === 2) {
    const whole = s.done.get(pkt.num);
    const inFrame = s.reassembledIn.get(pkt.num);
    if (inFrame !== undefined) pkt.notes.set("ip.reassembled_in", inFrame);
    return whole ? wrap(whole) : undefined;
  }
  // Fragments cut by the snap length cannot be put together (Wireshark gives up on them too).
  if (payload.captured < payload.reported) return undefined;
  const key = `${k.src}/${k.dst}/${k.id}/${k.proto}`;
  let p = s.pending.get(key);
  if (!p) {
    p = { parts: new Map(), frames: [], total: -1 };
    s.pending.set(key, p);
  }
  p.parts.set(k.offset, payload.data.slice(payload.start, payload.start + payload.captured));
  p.frames.push(pkt.num);
  if (!k.more) p.total = k.offset + payload.captured;
  if (p.total < 0) return undefined;
  // complete when the pieces cover [0, total) without a gap
  const offsets = [...p.parts.keys()].sort((a, b) => a - b);
  let covered = 0;
  for (const o of offsets) {
    if (o > covered) return undefined;
    covered = Math.max(covered, o + p.parts.get(o)!.length);
  }
  if (covered < p.total) return undefined;
  const whole = new Uint8Array(p.total);
  for (const o of offsets) {
    const part = p.parts.get(o)!;
    whole.set(part.subarray(0, Math.max(0, Math.min(part.length, p.total - o))), o);
  }
  s.pending.delete(key);
  // kept for the second pass of -2 only: a single pass never looks back
  if (pkt.session.twoPass) {
    s.done.set(pkt.num, whole);
    for (const f of p.frames) s.reassembledIn.set(f, pkt.num);
  }
  pkt.notes.set("ip.reassembled_in", pkt.num);
  return wrap(whole);
}

function wrap(bytes: Uint8Array): Tvb {
  return new Tvb(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, bytes.length);
}
