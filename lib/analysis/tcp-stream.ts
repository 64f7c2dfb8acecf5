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
  /** Packet.rel of the stream's first and previous segments; -1 unset */
  first: number;
  prev: number;
  /** what the capture has seen of the connection: SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16, RST 32 */
  completeness: number;
  /** the SYN asked for Accurate ECN (AE, CWR and ECE all set): later segments show the ACE counter */
  accEcn: boolean;
}

/** Wireshark's words for a completeness value ("Complete, WITH_DATA (31)"). */
export function completenessText(v: number): string {
  const words: Record<number, string> = {
    1: "Incomplete, SYN_SENT", 3: "Incomplete, CLIENT_ESTABLISHED", 7: "Incomplete, ESTABLISHED", 15: "Incomplete, DATA",
    31: "Complete, WITH_DATA", 47: "Complete, WITH_DATA", 63: "Complete, WITH_DATA",
    23: "Complete, NO_DATA", 39: "Complete, NO_DATA", 55: "Complete, NO_DATA",
  };
  return `${words[v] ?? "Incomplete"} (${v})`;
}

/** Fold one segment into the completeness flags (after the segment's own item shows the old value). */
export function updateCompleteness(c: TcpConversation, flags: number, segLen: number): void {
  const SYN = 2, ACK = 16, FIN = 1, RST = 4;
  if (flags & SYN) c.completeness |= flags & ACK ? 2 : 1;
  else if (flags & ACK && c.completeness & 2) c.completeness |= 4;
  if (segLen > 0) c.completeness |= 8;
  if (flags & FIN) c.completeness |= 16;
  if (flags & RST) c.completeness |= 32;
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
  const convs = pkt.session.state(owner, () => new ConversationIndex<TcpConversation>((i) => ({ stream: i, fwd: newFlow(), rev: newFlow(), first: -1, prev: -1, completeness: 0, accEcn: false })));
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
