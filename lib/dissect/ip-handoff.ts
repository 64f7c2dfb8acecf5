// Handing an IP payload to the protocol its number names (shared by IPv4, IPv6 and their extension headers).
import { callData, tryTable } from "./tables.ts";
import { ipProtoName } from "./values/ip-proto.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";

/** ip.proto table, else the "<name> (<number>)" Info text of an unknown protocol and Data. */
export function dispatchIpProto(pkt: Packet, proto: number, payload: Tvb, parent: Node): number {
  pkt.info.ipProto = proto;
  const n = tryTable(pkt, "ip.proto", proto, payload, parent);
  if (n) return n;
  pkt.cols?.setInfo(`${ipProtoName(proto)} (${proto})`);
  return callData(payload, pkt, parent);
}
