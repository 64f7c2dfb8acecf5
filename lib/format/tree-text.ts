// The -V / -O packet details: tshark's text tree (4 spaces per level, generated items in [brackets], expert infos).
import type { Expert, Node, Packet } from "../dissect/tree.ts";
import { GENERATED, HIDDEN } from "../dissect/tree.ts";
import { nodeLabel } from "./value.ts";
import { childrenInOrder } from "../dissect/expert.ts";

/** Which protocols get their whole subtree: all of them (-V), or only those -O named (the rest show one line). */
export type DetailSelection = null | ReadonlySet<string>;

/** Parse -O's comma-separated protocol list (tshark accepts commas and spaces). */
export function parseDetailProtocols(arg: string): ReadonlySet<string> {
  return new Set(arg.split(/[,\s]+/).filter(Boolean));
}

/** The label of a node as -V prints it: generated items are wrapped in brackets. */
export function detailLabel(n: Node): string {
  const s = nodeLabel(n);
  return n.flags & GENERATED ? `[${s}]` : s;
}

/** Expert info as a subtree, the way Wireshark's expert_add_info items print. */
function expertLines(e: Expert, indent: string, out: string[]): void {
  out.push(`${indent}[Expert Info (${e.severity}/${e.group}): ${e.message}]`);
  const inner = indent + "    ";
  out.push(`${inner}[${e.message}]`, `${inner}[Severity level: ${e.severity}]`, `${inner}[Group: ${e.group}]`);
}

/** Indentation by depth, made once (trees rarely go past a dozen levels). */
const INDENTS: string[] = Array.from({ length: 32 }, (_, i) => "    ".repeat(i));
const indentOf = (depth: number) => INDENTS[depth] ?? "    ".repeat(depth);

function walk(n: Node, depth: number, out: string[]): void {
  if (n.flags & HIDDEN) return;
  const indent = indentOf(depth);
  out.push(indent + detailLabel(n));
  if (n.expert) {
    for (const c of childrenInOrder(n)) {
      if (c.node) walk(c.node, depth + 1, out);
      else expertLines(c.expert, indentOf(depth + 1), out);
    }
  } else if (n.children) {
    // the common case: no expert items to interleave
    for (const c of n.children) walk(c, depth + 1, out);
  }
}

/**
 * The detail lines of one packet (without the blank line tshark prints after each packet). The frame
 * subtree and the protocol subtrees are the top level, as in tshark; with a selection, a protocol not in
 * it prints only its own line.
 */
export function treeLines(pkt: Packet, only: DetailSelection = null): string[] {
  const out: string[] = [];
  const root = pkt.root;
  if (root.field.id < 0) return out;
  for (const top of topLevel(root)) {
    if (top.flags & HIDDEN) continue;
    if (only && !only.has(top.field.proto.abbrev)) out.push(detailLabel(top));
    else walk(top, 0, out);
  }
  return out;
}

/**
 * The frame node holds its own fields and, after them, the protocol subtrees (the engine hangs every layer
 * on the frame, as Wireshark's tree does at top level). Split them: the frame with its fields, then each
 * protocol subtree as its own top-level item.
 */
export function topLevel(root: Node): Node[] {
  const frameOwn: Node[] = [];
  const layers: Node[] = [];
  for (const c of root.children ?? []) (isLayer(c, root) ? layers : frameOwn).push(c);
  const frameOnly = Object.create(Object.getPrototypeOf(root) as object) as Node;
  Object.assign(frameOnly, root, { children: frameOwn.length ? frameOwn : null });
  return [frameOnly, ...layers];
}

function isLayer(n: Node, root: Node): boolean {
  return n.field.type === "FT_PROTOCOL" && n.field.proto !== root.field.proto;
}

/** The whole -V text of one packet, blank line included. */
export function treeText(pkt: Packet, only: DetailSelection = null): string {
  return treeLines(pkt, only).join("\n") + "\n";
}
