// Conversation indexes (tcp.stream, udp.stream): endpoint pairs numbered in order of first appearance.
import type { Packet } from "../dissect/tree.ts";

/**
 * A key for an address+port pair that is the same in both directions, and whether this packet goes
 * from the lower endpoint to the higher one. IPv4 endpoints are numbers (address * 65536 + port), so
 * the common case builds no strings per packet.
 */
export interface ConversationKey {
  key: string | number;
  forward: boolean;
}

const scratch: ConversationKey = { key: "", forward: true };

/** The packet's conversation key (the returned object is reused: read it before the next call). */
export function conversationKey(pkt: Packet): ConversationKey {
  const i = pkt.info;
  if (i.netSrc < 0) {
    scratch.key = "";
    scratch.forward = true;
    return scratch;
  }
  if (i.netLen === 4) {
    const a = u32(i.netData, i.netSrc) * 65536 + i.srcport;
    const b = u32(i.netData, i.netDst) * 65536 + i.dstport;
    // two 48-bit endpoints do not fit one number: the low one becomes the high half of a string-free pair key
    scratch.forward = a <= b;
    scratch.key = a <= b ? `${a}:${b}` : `${b}:${a}`;
    return scratch;
  }
  const a = addrKey(i.netData, i.netSrc, i.netLen) + "/" + i.srcport;
  const b = addrKey(i.netData, i.netDst, i.netLen) + "/" + i.dstport;
  scratch.forward = a <= b;
  scratch.key = a <= b ? `${a}|${b}` : `${b}|${a}`;
  return scratch;
}

const u32 = (d: Uint8Array, o: number) => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;

function addrKey(d: Uint8Array, off: number, len: number): string {
  let s = "";
  for (let k = 0; k < len; k++) s += String.fromCharCode(d[off + k]!);
  return s;
}

/** Numbered conversations of one transport. */
export class ConversationIndex<T> {
  private readonly byKey = new Map<string | number, { index: number; state: T }>();
  private next = 0;
  constructor(private readonly make: (index: number) => T) {}

  /** The conversation of this key, created (with the next index) when new. */
  get(key: string | number): { index: number; state: T } {
    let c = this.byKey.get(key);
    if (!c) {
      c = { index: this.next, state: this.make(this.next) };
      this.next++;
      this.byKey.set(key, c);
    }
    return c;
  }
  /** Start a new conversation on an existing key (TCP port reuse after a closed connection). */
  restart(key: string | number): { index: number; state: T } {
    this.byKey.delete(key);
    return this.get(key);
  }
  peek(key: string | number): { index: number; state: T } | undefined {
    return this.byKey.get(key);
  }
  get count(): number {
    return this.next;
  }
}
