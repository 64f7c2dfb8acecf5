// compileDisplayFilter: tshark's -Y / -R text -> one closure over a Packet's per-field index, or a ToolError worded as tshark.
//
// How the binary uses it (the only entry point of lib/filter):
//
//   const filter = compileDisplayFilter(text);      // throws FilterError (a ToolError, exit code 2) with
//                                                   //  tshark's message and the "    text" / "    ^~~~" lines
//   want[f.id] = 1 for every f of filter.fields     // the fields the filter reads: build just those nodes
//   (or dissect with full: true when filter.needsFullTree)
//   if (filter.test(pkt)) print(pkt)                // no allocation on the common paths (field op constant)
//
// Semantics follow Wireshark 4.0: a field that occurs several times matches "==" when ANY occurrence does,
// "!=" only when ALL differ, "===" when all are equal and "!==" / "~=" when any differs; `any` / `all` in
// front of a comparison override that; every comparison implies the field exists.
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";
import { entityText, type CmpOp, type Entity, type Test } from "./ast.ts";
import { fail } from "./error.ts";
import { parseFilter } from "./parser.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import { fieldOfWord, operand, type CompileContext, type Operand } from "./operand.ts";
import { compileRegex, latin1 } from "./regex.ts";
import { containsOf, equalOf, orderOf, relationOf, type Rel } from "./relations.ts";
import { prettyType, readerFor, type Val } from "./value-class.ts";
import type { Target } from "./literal.ts";

export { FilterError } from "./error.ts";

export interface DisplayFilter {
  /** the filter as given */
  readonly text: string;
  /** whether a dissected packet passes */
  test(pkt: Packet): boolean;
  /** every field and protocol the filter reads (mark them in DissectWants.want) */
  readonly fields: readonly Field[];
  /** true when the filter needs nodes beyond `fields` (never, today: kept so the caller need not change) */
  readonly needsFullTree: boolean;
}

type Pred = (pkt: Packet) => boolean;

/** An operator's own quantifier and the relation it tests. */
const OPS: Readonly<Record<CmpOp, { quant: "any" | "all"; base: "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "contains" | "matches" }>> = {
  any_eq: { quant: "any", base: "eq" }, all_ne: { quant: "all", base: "ne" },
  all_eq: { quant: "all", base: "eq" }, any_ne: { quant: "any", base: "ne" },
  gt: { quant: "any", base: "gt" }, ge: { quant: "any", base: "ge" }, lt: { quant: "any", base: "lt" }, le: { quant: "any", base: "le" },
  contains: { quant: "any", base: "contains" }, matches: { quant: "any", base: "matches" },
};

/** A literal (not a field name): what cannot stand on the left of a comparison. */
function isConstant(e: Entity): boolean {
  if (e.t === "literal") return !fieldOfWord(e.text);
  return e.t === "string" || e.t === "char";
}

function targetOf(a: Operand): Target {
  return { cls: a.cls, ftype: a.ftype, field: a.field };
}

function anyPair(A: readonly Val[], B: readonly Val[], r: Rel): boolean {
  for (let i = 0; i < A.length; i++) for (let k = 0; k < B.length; k++) if (r(A[i]!, B[k]!)) return true;
  return false;
}

function allPairs(A: readonly Val[], B: readonly Val[], r: Rel): boolean {
  if (!A.length || !B.length) return false;
  for (let i = 0; i < A.length; i++) for (let k = 0; k < B.length; k++) if (!r(A[i]!, B[k]!)) return false;
  return true;
}

function compatible(a: Operand, b: Operand): boolean {
  return a.cls === b.cls;
}

function cmpTest(ctx: CompileContext, t: Extract<Test, { t: "cmp" }>): Pred {
  const src = ctx.src;
  const opText = src.slice(t.span.pos, t.span.pos + t.span.len);
  if (isConstant(t.a)) fail(src, `Left side of "${opText}" expression must be a field or function, not ${entityText(src, t.a)}.`, t.a.span);
  const a = operand(ctx, t.a);
  const { quant: ownQuant, base } = OPS[t.op];
  const quant = t.quant || ownQuant;
  let rel: Rel;
  if (base === "matches") {
    if (a.cls !== "string" && a.cls !== "bytes") fail(src, `${entityText(src, t.a)} (type=${prettyType(a.ftype)}) cannot participate in matches comparison.`, t.a.span);
    if (t.b.t !== "string") fail(src, "Matches requires a double quoted string on the right side.", t.b.span);
    const re = compileRegex(src, t.b.text, t.b.span);
    rel = a.cls === "string" ? (x) => re.test(x as string) : (x) => re.test(latin1(x as Uint8Array));
    const values = searchValues(ctx, a);
    return quant === "any" ? (pkt) => values(pkt).some((x) => rel(x, 0)) : (pkt) => {
      const A = values(pkt);
      return A.length > 0 && A.every((x) => rel(x, 0));
    };
  }
  if (base === "contains" && a.ftype === "FT_ETHER" && t.b.t === "string") {
    fail(src, `${prettyType(a.ftype)} cannot be converted from a string ("${t.b.text}").`, t.b.span);
  }
  if (base === "contains" && a.ftype === "FT_PROTOCOL") {
    const b = operand(ctx, t.b, targetOf(a));
    if (b.kind !== "const" && !compatible(a, b)) fail(src, `${entityText(src, t.a)} and ${entityText(src, t.b)} are not of compatible types.`, t.b.span);
    const values = searchValues(ctx, a);
    const has = containsOf("bytes");
    return (pkt) => {
      const A = values(pkt);
      return A.length > 0 && anyPair(A, b.values(pkt), has);
    };
  }
  if (base === "contains" && a.cls !== "string" && a.cls !== "bytes") {
    fail(src, `${entityText(src, t.a)} (type=${prettyType(a.ftype)}) cannot participate in contains comparison.`, t.a.span);
  }
  // "contains" takes any byte string, not a whole address, on the right of a MAC address field
  const b = operand(ctx, t.b, base === "contains" && a.ftype === "FT_ETHER" ? { cls: "bytes", ftype: "FT_BYTES" } : targetOf(a));
  if (b.kind !== "const" && !compatible(a, b)) fail(src, `${entityText(src, t.a)} and ${entityText(src, t.b)} are not of compatible types.`, t.b.span);
  rel = base === "contains" ? containsOf(a.cls) : relationOf(base, a.cls);
  if (a.kind === "field" && a.field && b.consts) return fieldVsConstant(a, b.consts[0]!, rel, quant);
  return quant === "any"
    ? (pkt) => {
        const A = a.values(pkt);
        return A.length > 0 && anyPair(A, b.values(pkt), rel);
      }
    : (pkt) => {
        const A = a.values(pkt);
        return A.length > 0 && allPairs(A, b.values(pkt), rel);
      };
}

/** Link-layer protocols whose own tvb keeps the Ethernet padding and trailer. */
const KEEPS_TRAILER = new Set(["frame", "eth", "vlan", "ieee8021ad", "sll", "null", "raw"]);

/**
 * What contains / matches search: a protocol's value is the rest of its tvb from its first byte (Wireshark keeps
 * the protocol's whole tvb), even though len() and slices see only the protocol's own length. Above the link
 * layer that tvb stops where the Ethernet padding or trailer starts (IP trims it to its total length).
 */
function searchValues(ctx: CompileContext, a: Operand): (pkt: Packet) => readonly Val[] {
  if (a.ftype !== "FT_PROTOCOL" || !a.nodes) return (pkt) => a.values(pkt);
  const nodes = a.nodes;
  if (a.field && KEEPS_TRAILER.has(a.field.abbrev)) return (pkt) => nodes(pkt).map((n) => n.data.subarray(n.start));
  const tails = ["eth.padding", "eth.trailer"].map(fieldByAbbrev).filter((f): f is Field => f !== undefined);
  for (const f of tails) ctx.fields.add(f);
  return (pkt) =>
    nodes(pkt).map((n) => {
      let end = n.data.length;
      for (const f of tails) for (const t of pkt.index.get(f.id) ?? []) if (t.data === n.data && t.start >= n.start && t.start < end) end = t.start;
      return n.data.subarray(n.start, end);
    });
}

/** The hot path: one field against one constant, straight off the packet's index. */
function fieldVsConstant(a: Operand, c: Val, rel: Rel, quant: "any" | "all"): Pred {
  const id = a.field!.id;
  const read = readerFor(a.cls);
  if (quant === "any") {
    return (pkt) => {
      const ns = pkt.index.get(id);
      if (ns === undefined) return false;
      for (let i = 0; i < ns.length; i++) if (rel(read(ns[i]!), c)) return true;
      return false;
    };
  }
  return (pkt) => {
    const ns = pkt.index.get(id);
    if (ns === undefined || ns.length === 0) return false;
    for (let i = 0; i < ns.length; i++) if (!rel(read(ns[i]!), c)) return false;
    return true;
  };
}

function isNonZero(v: Val): boolean {
  if (v instanceof Uint8Array) return v.some((b) => b !== 0);
  if (typeof v === "object") return true;
  return v != 0 && v !== "";
}

function existsTest(ctx: CompileContext, e: Entity): Pred {
  const src = ctx.src;
  switch (e.t) {
    case "call":
      return fail(src, "You cannot test whether a function is present.", e.span);
    case "ref": {
      const f = fieldOfWord(e.name);
      if (!f) return fail(src, `macro '${e.name}' does not exist`);
      return fail(src, `${f.abbrev} <${f.type}> is neither a field nor a protocol name.`, e.span);
    }
    case "string":
    case "char":
      return fail(src, `${entityText(src, e)} is neither a field nor a protocol name.`, e.span);
    default:
      break;
  }
  const a = operand(ctx, e);
  if (a.kind === "field" && a.field) {
    const id = a.field.id;
    return (pkt) => pkt.index.has(id);
  }
  if (a.kind === "arith") return (pkt) => a.values(pkt).some(isNonZero);
  return (pkt) => a.values(pkt).length > 0;
}

function inTest(ctx: CompileContext, t: Extract<Test, { t: "in" }>): Pred {
  const src = ctx.src;
  if (isConstant(t.a) || (t.a.t !== "literal" && t.a.t !== "field")) fail(src, "Only a field may be tested for membership in a set.", t.a.span);
  const a = operand(ctx, t.a);
  const eq = equalOf(a.cls);
  const ord = orderOf(a.cls);
  const members = t.set.map((m) => {
    const v = operand(ctx, m.v, targetOf(a));
    const hi = m.hi ? operand(ctx, m.hi, targetOf(a)) : undefined;
    for (const [op, e] of [[v, m.v], [hi, m.hi]] as const) {
      if (op && e && op.kind !== "const" && !compatible(a, op)) fail(src, `${entityText(src, t.a)} and ${entityText(src, e)} are not of compatible types.`, e.span);
    }
    return { v, hi };
  });
  const inSet = (pkt: Packet, x: Val): boolean => {
    for (const m of members) {
      const lo = m.v.values(pkt);
      if (m.hi) {
        const hi = m.hi.values(pkt);
        if (lo.some((l) => ord(x, l) >= 0) && hi.some((h) => ord(x, h) <= 0)) return true;
      } else if (lo.some((l) => eq(x, l))) return true;
    }
    return false;
  };
  const test: Pred =
    t.quant === "all"
      ? (pkt) => {
          const A = a.values(pkt);
          return A.length > 0 && A.every((x) => inSet(pkt, x));
        }
      : (pkt) => a.values(pkt).some((x) => inSet(pkt, x));
  return t.negate ? (pkt) => !test(pkt) : test;
}

function compileTest(ctx: CompileContext, t: Test): Pred {
  switch (t.t) {
    case "true":
      return () => true;
    case "exists":
      return existsTest(ctx, t.e);
    case "cmp":
      return cmpTest(ctx, t);
    case "in":
      return inTest(ctx, t);
    case "not": {
      const a = compileTest(ctx, t.a);
      return (pkt) => !a(pkt);
    }
    case "and": {
      const a = compileTest(ctx, t.a), b = compileTest(ctx, t.b);
      return (pkt) => a(pkt) && b(pkt);
    }
    case "or": {
      const a = compileTest(ctx, t.a), b = compileTest(ctx, t.b);
      return (pkt) => a(pkt) || b(pkt);
    }
  }
}

/** Compile a display filter once; throws FilterError (exit code 2) in tshark's words when it is not valid. */
export function compileDisplayFilter(text: string): DisplayFilter {
  const ctx: CompileContext = { src: text, fields: new Set() };
  const test = compileTest(ctx, parseFilter(text));
  return { text, test, fields: [...ctx.fields], needsFullTree: false };
}
