// Echo request/reply pairing for ICMP and ICMPv6: "(request in N)", and with -2 "(reply in N)" / "(no response found!)".
import type { Packet } from "../dissect/tree.ts";

interface EchoState {
  /** key -> request frames waiting for a reply (in order) */
  open: Map<string, number[]>;
  /** request frame -> reply frame, and reply frame -> request frame */
  replyOf: Map<number, number>;
  requestOf: Map<number, number>;
  requestTs: Map<number, number>;
}

export interface EchoMatch {
  /** for a request: the reply's frame (only known in the second pass of -2) */
  replyIn?: number;
  /** for a reply: the request's frame */
  requestIn?: number;
  /** ms between request and reply, for icmp.resptime */
  responseMs?: number;
  /** -2 and a request that never got an answer */
  noResponse?: boolean;
}

/** Match one echo message. `proto` separates ICMP from ICMPv6; addresses make the key direction-free. */
export function matchEcho(pkt: Packet, owner: object, isRequest: boolean, id: number, seq: number): EchoMatch {
  const s = pkt.session.state(owner, (): EchoState => ({ open: new Map(), replyOf: new Map(), requestOf: new Map(), requestTs: new Map() }));
  const i = pkt.info;
  const a = addr(i.netData, i.netSrc, i.netLen), b = addr(i.netData, i.netDst, i.netLen);
  const key = `${isRequest ? a : b}>${isRequest ? b : a}/${id}/${seq}`;
  if (pkt.session.pass === 2) {
    if (isRequest) {
      const r = s.replyOf.get(pkt.num);
      return r !== undefined ? { replyIn: r } : { noResponse: true };
    }
    const q = s.requestOf.get(pkt.num);
    return q !== undefined ? { requestIn: q, responseMs: ms(pkt.rel - s.requestTs.get(q)!) } : {};
  }
  if (isRequest) {
    const list = s.open.get(key);
    if (list) list.push(pkt.num);
    else s.open.set(key, [pkt.num]);
    s.requestTs.set(pkt.num, pkt.rel);
    return {};
  }
  const list = s.open.get(key);
  const q = list?.shift();
  if (q === undefined) return {};
  if (!list!.length) s.open.delete(key);
  const sent = s.requestTs.get(q)!;
  // the per-frame links are only read back by the second pass of -2; a single pass forgets them
  if (pkt.session.twoPass) {
    s.replyOf.set(q, pkt.num);
    s.requestOf.set(pkt.num, q);
  } else s.requestTs.delete(q);
  return { requestIn: q, responseMs: ms(pkt.rel - sent) };
}

const ms = (ns: number) => ns / 1e6;

function addr(d: Uint8Array, off: number, len: number): string {
  let s = "";
  for (let k = 0; k < len; k++) s += d[off + k]!.toString(16).padStart(2, "0");
  return s;
}
