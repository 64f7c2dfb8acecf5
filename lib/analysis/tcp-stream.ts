// TCP per-stream state: tcp.stream numbering, relative sequence/ack bases, window scaling, stream timestamps.
import type { Packet } from "../dissect/tree.ts";
import { ConversationIndex, conversationKey } from "./conversation.ts";

/** One direction of a TCP conversation. */
export interface TcpFlow {
  /** sequence base for relative numbers; -1 until known */
  base: number;
  /** window scale shift from this side's SYN: -1 unknown, -2 not used */
  winScale: number;
  /** the SYN of this side was seen */
  synSeen: boolean;
  finSeen: boolean;
  rstSeen: boolean;
}

export interface TcpConversation {
  readonly stream: number;
  /** flows by direction: lower endpoint -> higher one, and back */
  readonly fwd: TcpFlow;
  readonly rev: TcpFlow;
  first: bigint;
  prev: bigint;
}

/** What one segment learns from its stream (kept per frame for the second pass of -2). */
export interface TcpSegmentView {
  readonly conv: TcpConversation;
  readonly me: TcpFlow;
  readonly peer: TcpFlow;
}

const newFlow = (): TcpFlow => ({ base: -1, winScale: -1, synSeen: false, finSeen: false, rstSeen: false });
const owner = {};

/** Find (or start) the conversation of this segment and orient its flows. */
export function tcpConversation(pkt: Packet, syn: boolean, ack: boolean, seq: number): TcpSegmentView {
  const convs = pkt.session.state(owner, () => new ConversationIndex<TcpConversation>((i) => ({ stream: i, fwd: newFlow(), rev: newFlow(), first: -1n, prev: -1n })));
  const { key, forward } = conversationKey(pkt);
  let c = convs.get(key);
  let me = forward ? c.state.fwd : c.state.rev;
  // A new SYN with another ISN on a finished (or already synchronised) conversation is a new connection (port reuse).
  if (syn && !ack && me.synSeen && me.base !== seq && (me.finSeen || me.rstSeen || (forward ? c.state.rev : c.state.fwd).rstSeen || true)) {
    c = convs.restart(key);
    me = forward ? c.state.fwd : c.state.rev;
  }
  return { conv: c.state, me, peer: forward ? c.state.rev : c.state.fwd };
}
