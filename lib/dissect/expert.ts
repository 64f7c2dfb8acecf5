// Attaching expert infos to tree items at the place Wireshark shows them (before the item's later children).
import type { Expert, Node, Packet } from "./tree.ts";

/** An expert info that remembers how many children its item had when it was added. */
export interface PlacedExpert extends Expert {
  readonly at: number;
}

/** Wireshark's expert_add_info: only built when a tree is wanted. */
export function addExpert(pkt: Packet, item: Node, e: Expert): void {
  if (!pkt.full) return;
  const placed: PlacedExpert = { ...e, at: item.children?.length ?? 0 };
  (item.expert ??= []).push(placed);
}

/** An item's children and expert infos in display order (experts without a place come last). */
export function childrenInOrder(n: Node): ({ node: Node; expert?: undefined } | { expert: Expert; node?: undefined })[] {
  const kids = n.children ?? [];
  const out: ({ node: Node; expert?: undefined } | { expert: Expert; node?: undefined })[] = [];
  const experts = n.expert ?? [];
  let e = 0;
  const at = (x: Expert) => ("at" in x && typeof x.at === "number" ? x.at : Number.MAX_SAFE_INTEGER);
  for (let i = 0; i <= kids.length; i++) {
    while (e < experts.length && at(experts[e]!) <= i) out.push({ expert: experts[e++]! });
    if (i < kids.length) out.push({ node: kids[i]! });
  }
  while (e < experts.length) out.push({ expert: experts[e++]! });
  return out;
}
