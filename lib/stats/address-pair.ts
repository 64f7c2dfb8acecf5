// Which addresses and ports a packet carries for each kind of conversation (-z conv,X and endpoints,X).
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Field } from "../dissect/field.ts";
import type { Node, Packet } from "../dissect/tree.ts";
import { macName } from "../dissect/names.ts";
import { ipv4Text, ipv6At } from "../format/address.ts";

/** One packet seen as a conversation of some kind: its two ends, and an id that separates reused ports. */
export interface PacketEnds {
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  /** tcp.stream / udp.stream, or -1 when the kind has none */
  readonly id: number;
}

export interface ConversationKind {
  /** the -z name: conv,NAME / endpoints,NAME */
  readonly name: string;
  /** tshark's title word: "TCP Conversations", "IPv4 Endpoints" */
  readonly title: string;
  readonly ports: boolean;
  readonly fields: readonly Field[];
  ends(pkt: Packet): PacketEnds | null;
}

const need = (abbrev: string): Field => {
  const f = fieldByAbbrev(abbrev);
  if (!f) throw new Error(`field ${abbrev} is not registered`);
  return f;
};

const first = (pkt: Packet, f: Field): Node | undefined => pkt.nodes(f)[0];
const num = (n: Node | undefined): number => (typeof n?.value === "number" ? n.value : -1);

function addressKind(name: string, title: string, src: string, dst: string, text: (n: Node, pkt: Packet) => string): ConversationKind {
  const s = need(src), d = need(dst);
  return {
    name, title, ports: false, fields: [s, d],
    ends(pkt) {
      const a = first(pkt, s), b = first(pkt, d);
      if (!a || !b) return null;
      return { src: text(a, pkt), dst: text(b, pkt), sport: 0, dport: 0, id: -1 };
    },
  };
}

/** TCP and UDP: the network addresses of the innermost IP header before the transport header, and the ports. */
function portKind(name: string, title: string): ConversationKind {
  const sp = need(`${name}.srcport`), dp = need(`${name}.dstport`), st = need(`${name}.stream`);
  const ip4s = need("ip.src"), ip4d = need("ip.dst"), ip6s = need("ipv6.src"), ip6d = need("ipv6.dst");
  return {
    name, title, ports: true, fields: [sp, dp, st, ip4s, ip4d, ip6s, ip6d],
    ends(pkt) {
      const a = first(pkt, sp), b = first(pkt, dp);
      if (!a || !b) return null;
      let src: string, dst: string;
      const v4 = first(pkt, ip4s), v6 = first(pkt, ip6s);
      if (v4 && (!v6 || v4.start < v6.start)) {
        src = ipText(v4);
        dst = ipText(first(pkt, ip4d)!);
      } else if (v6) {
        src = ipv6At(v6.data, v6.start);
        dst = ipv6At(first(pkt, ip6d)!.data, first(pkt, ip6d)!.start);
      } else return null;
      return { src, dst, sport: num(a), dport: num(b), id: num(first(pkt, st)) };
    },
  };
}

const ipText = (n: Node): string => ipv4Text(n.value as number);

/** Every kind -z conv and -z endpoints accept, in the order tshark lists them. */
export const CONVERSATION_KINDS: readonly ConversationKind[] = [
  addressKind("eth", "Ethernet", "eth.src", "eth.dst", (n, pkt) => macName(n.data, n.start, pkt.session.resolve.mac)),
  addressKind("ip", "IPv4", "ip.src", "ip.dst", ipText),
  addressKind("ipv6", "IPv6", "ipv6.src", "ipv6.dst", (n) => ipv6At(n.data, n.start)),
  portKind("tcp", "TCP"),
  portKind("udp", "UDP"),
];

export function conversationKind(name: string): ConversationKind | undefined {
  return CONVERSATION_KINDS.find((k) => k.name === name);
}
