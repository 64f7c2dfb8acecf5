// Conversation indexes (tcp.stream, udp.stream): endpoint pairs numbered in order of first appearance.
import type { Packet } from "../dissect/tree.ts";

/** A key for an address+port pair that is the same in both directions; "" when the packet has no addresses. */
export function conversationKey(pkt: Packet): string {
  const i = pkt.info;
  if (i.netSrc < 0) return "";
  const a = addrKey(i.netData, i.netSrc, i.netLen) + "/" + i.srcport;
  const b = addrKey(i.netData, i.netDst, i.netLen) + "/" + i.dstport;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Whether this packet goes from the lower endpoint of its key to the higher one. */
export function isForward(pkt: Packet): boolean {
  const i = pkt.info;
  const a = addrKey(i.netData, i.netSrc, i.netLen) + "/" + i.srcport;
  const b = addrKey(i.netData, i.netDst, i.netLen) + "/" + i.dstport;
  return a <= b;
}

function addrKey(d: Uint8Array, off: number, len: number): string {
  if (len === 4) return String(((d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!) >>> 0);
  let s = "";
  for (let k = 0; k < len; k++) s += String.fromCharCode(d[off + k]!);
  return s;
}

/** Numbered conversations of one transport. */
export class ConversationIndex<T> {
  private readonly byKey = new Map<string, { index: number; state: T }>();
  private next = 0;
  constructor(private readonly make: (index: number) => T) {}

  /** The conversation of this key, created (with the next index) when new. */
  get(key: string): { index: number; state: T } {
    let c = this.byKey.get(key);
    if (!c) {
      c = { index: this.next, state: this.make(this.next) };
      this.next++;
      this.byKey.set(key, c);
    }
    return c;
  }
  /** Start a new conversation on an existing key (TCP port reuse after a closed connection). */
  restart(key: string): { index: number; state: T } {
    this.byKey.delete(key);
    return this.get(key);
  }
  peek(key: string): { index: number; state: T } | undefined {
    return this.byKey.get(key);
  }
  get count(): number {
    return this.next;
  }
}
