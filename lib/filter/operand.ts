// Filter entities compiled to operands: a value class plus a per-packet producer of values (fields, slices, arithmetic, calls).
import type { Field, FieldType } from "../dissect/field.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Node, Packet } from "../dissect/tree.ts";
import { entityText, type Entity, type RangePart, type Span } from "./ast.ts";
import { fail } from "./error.ts";
import { convertLiteral, type Target } from "./literal.ts";
import { classOf, canSlice, prettyType, readerFor, type Val, type ValueClass } from "./value-class.ts";
import { compileCall } from "./functions.ts";

export interface Operand {
  readonly kind: "field" | "ref" | "slice" | "arith" | "func" | "const";
  readonly cls: ValueClass;
  readonly ftype: FieldType;
  /** plain fields (no layer): the field, for value strings and the fast path */
  readonly field?: Field;
  readonly span: Span;
  /** every value this operand has in a packet */
  values(pkt: Packet): readonly Val[];
  /** fields only: the nodes behind the values */
  nodes?(pkt: Packet): readonly Node[];
  /** constants: their values */
  readonly consts?: readonly Val[];
}

/** What compiling a filter collects besides closures. */
export interface CompileContext {
  readonly src: string;
  /** fields the filter reads (so the engine can build just those) */
  readonly fields: Set<Field>;
}

const NO_VALUES: readonly Val[] = [];
const NO_NODES: readonly Node[] = [];

/** A word names a field when the registry knows it (a leading "." always means a field). */
export function fieldOfWord(text: string): Field | undefined {
  return fieldByAbbrev(text.startsWith(".") ? text.slice(1) : text);
}

/** Nodes of a field that sit inside the given occurrences (layers) of the field's protocol. */
function layerNodes(f: Field, parts: readonly RangePart[]): (pkt: Packet) => readonly Node[] {
  const protoId = f.proto.self.id;
  return (pkt) => {
    const all = pkt.index.get(f.id);
    if (!all) return NO_NODES;
    if (f.id === protoId) return all.filter((_, i) => inLayers(i + 1, all.length, parts));
    const protos = pkt.index.get(protoId) ?? NO_NODES;
    return all.filter((n) => {
      let layer = 0;
      for (let i = 0; i < protos.length; i++) {
        const p = protos[i]!;
        if (p.data === n.data && n.start >= p.start && n.start <= p.start + p.length) layer = i + 1;
      }
      return layer > 0 && inLayers(layer, protos.length, parts);
    });
  };
}

function inLayers(layer: number, count: number, parts: readonly RangePart[]): boolean {
  for (const r of parts) {
    const start = r.start < 0 ? count + 1 + r.start : r.start;
    const end = r.end !== undefined ? (r.end < 0 ? count + 1 + r.end : r.end) : r.length !== undefined ? start + r.length - 1 : Infinity;
    if (layer >= start && layer <= end) return true;
  }
  return false;
}

function fieldOperand(ctx: CompileContext, f: Field, span: Span, layer?: readonly RangePart[]): Operand {
  ctx.fields.add(f);
  // a layer number counts the field's protocol occurrences, so their nodes must be built too
  if (layer) ctx.fields.add(f.proto.self);
  const cls = classOf(f.type);
  const read = readerFor(cls);
  const id = f.id;
  const nodes = layer ? layerNodes(f, layer) : (pkt: Packet) => pkt.index.get(id) ?? NO_NODES;
  return {
    kind: "field", cls, ftype: f.type, field: layer ? undefined : f, span, nodes,
    values: (pkt) => {
      const ns = nodes(pkt);
      return ns.length ? ns.map(read) : NO_VALUES;
    },
  };
}

/** One slice of a byte string or text; undefined when the range falls outside it (Wireshark drops that value). */
function sliceOne(v: Uint8Array | string, parts: readonly RangePart[]): Uint8Array | string | undefined {
  const len = v.length;
  const pieces: (Uint8Array | string)[] = [];
  for (const r of parts) {
    let start = r.start < 0 ? len + r.start : r.start;
    let end: number; // exclusive
    if (r.end !== undefined) end = (r.end < 0 ? len + r.end : r.end) + 1;
    else if (r.length !== undefined) end = start + r.length;
    else end = len;
    if (start < 0 || start > len || end > len || end < start) return undefined;
    if (r.length === undefined && r.end === undefined && start === len) start = len;
    pieces.push(v.slice(start, end));
  }
  if (pieces.length === 1) return pieces[0];
  if (typeof v === "string") return pieces.join("");
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of pieces as Uint8Array[]) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function ipv4Bytes(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function sliceOperand(ctx: CompileContext, e: Extract<Entity, { t: "slice" }>): Operand {
  const of = operand(ctx, e.of);
  if (of.kind === "field" && !canSlice(of.cls) && of.cls !== "ipv4") {
    const name = entityText(ctx.src, e.of);
    fail(ctx.src, `"${name}" is a ${prettyType(of.ftype)} and cannot be sliced into a sequence of bytes.`, e.of.span);
  }
  if (of.kind !== "field" && !canSlice(of.cls)) {
    fail(ctx.src, `Return value of function "${entityText(ctx.src, e.of)}" is a ${prettyType(of.ftype)} and cannot be converted into a sequence of bytes.`, e.of.span);
  }
  const isText = of.cls === "string";
  const parts = e.parts;
  return {
    kind: "slice", cls: isText ? "string" : "bytes", ftype: isText ? "FT_STRING" : "FT_BYTES", span: e.span,
    values: (pkt) => {
      const out: Val[] = [];
      for (const v of of.values(pkt)) {
        const src = typeof v === "number" ? ipv4Bytes(v) : (v as Uint8Array | string);
        const s = sliceOne(src, parts);
        if (s !== undefined) out.push(s);
      }
      return out;
    },
  };
}

type ArithFn = (a: number | bigint, b: number | bigint) => number | bigint | undefined;
const ARITH: Readonly<Record<string, ArithFn>> = {
  "+": (a, b) => (typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) + BigInt(b) : a + b),
  "-": (a, b) => (typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) - BigInt(b) : a - b),
  "*": (a, b) => (typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) * BigInt(b) : a * b),
  "/": (a, b) => (b == 0 ? undefined : typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) / BigInt(b) : Math.trunc(a / b)),
  "%": (a, b) => (b == 0 ? undefined : typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) % BigInt(b) : a % b),
  "&": (a, b) => (typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) & BigInt(b) : (a & b) >>> 0),
};

function bytesAnd(a: Uint8Array, b: Uint8Array): Uint8Array | undefined {
  if (a.length !== b.length) return undefined;
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

function isConstEntity(e: Entity): boolean {
  return e.t === "literal" ? !fieldOfWord(e.text) : e.t === "string" || e.t === "char" || (e.t === "neg" && isConstEntity(e.a));
}

/** Whether the left operand's type supports the operator ("FT_IPv4 cannot /."). */
function checkArith(ctx: CompileContext, e: Extract<Entity, { t: "arith" }>, a: Operand): void {
  const ok =
    e.op === "&" ? a.cls === "int" || a.cls === "bool" || a.cls === "ipv4" || a.cls === "bytes" || a.cls === "ipv6"
    : a.cls === "int" || a.cls === "float" || a.cls === "reltime";
  if (!ok) fail(ctx.src, `${a.ftype} cannot ${e.op}.`, e.a.span);
}

function arithOperand(ctx: CompileContext, e: Extract<Entity, { t: "arith" }>, target?: Target): Operand {
  // a constant side takes the type of the other side; two constants need a target (the comparison's other side)
  const aConst = isConstEntity(e.a), bConst = isConstEntity(e.b);
  if (aConst && bConst && !target) fail(ctx.src, "Constant arithmetic expression on the LHS is invalid.", e.a.span);
  let a: Operand, b: Operand;
  if (aConst && !bConst) {
    b = operand(ctx, e.b, target);
    a = constOperand(ctx, e.a, { cls: b.cls, ftype: b.ftype, field: b.field });
    checkArith(ctx, e, a);
  } else {
    a = aConst ? constOperand(ctx, e.a, target!) : operand(ctx, e.a, target);
    checkArith(ctx, e, a);
    b = bConst ? constOperand(ctx, e.b, { cls: a.cls, ftype: a.ftype, field: a.field }) : operand(ctx, e.b, { cls: a.cls, ftype: a.ftype, field: a.field });
  }
  if (a.cls !== b.cls) fail(ctx.src, `${entityText(ctx.src, e.a)} and ${entityText(ctx.src, e.b)} are not of compatible types.`, e.b.span);
  const bytes = a.cls === "bytes" || a.cls === "ipv6";
  const fn = ARITH[e.op]!;
  const float = a.cls === "float";
  return {
    kind: "arith", cls: a.cls, ftype: a.ftype, span: e.span,
    values: (pkt) => {
      const A = a.values(pkt), B = b.values(pkt);
      if (!A.length || !B.length) return NO_VALUES;
      const out: Val[] = [];
      for (const x of A) {
        for (const y of B) {
          const r = bytes ? bytesAnd(x as Uint8Array, y as Uint8Array) : float && e.op === "/" ? (x as number) / (y as number) : fn(x as number, y as number);
          if (r !== undefined) out.push(r);
        }
      }
      return out;
    },
  };
}

/** A literal turned into a constant of the target type. */
function constOperand(ctx: CompileContext, e: Entity, t: Target): Operand {
  let lit: { kind: "literal" | "string" | "char"; text: string; span: Span };
  if (e.t === "literal") lit = { kind: "literal", text: e.text, span: e.span };
  else if (e.t === "string") lit = { kind: "string", text: e.text, span: e.span };
  else if (e.t === "char") lit = { kind: "char", text: String(e.code), span: e.span };
  else if (e.t === "neg" && (e.a.t === "literal" || e.a.t === "char")) {
    const inner = e.a.t === "literal" ? e.a.text : String(e.a.code);
    lit = { kind: "literal", text: "-" + inner, span: e.span };
  } else throw new Error("not a literal");
  const v = convertLiteral(ctx.src, lit, t);
  return { kind: "const", cls: t.cls, ftype: t.ftype, span: e.span, consts: [v], values: () => [v] };
}

/**
 * Compile an entity. `target` is the type a literal must take (the other side of a comparison); without one a
 * literal that is not a field name is an error the caller words (it knows the operator).
 */
export function operand(ctx: CompileContext, e: Entity, target?: Target): Operand {
  switch (e.t) {
    case "literal": {
      const f = fieldOfWord(e.text);
      if (f) return fieldOperand(ctx, f, e.span);
      if (!target) return fail(ctx.src, `${e.text} is neither a field nor a protocol name.`, e.span);
      return constOperand(ctx, e, target);
    }
    case "string":
    case "char":
      if (!target) return fail(ctx.src, `${entityText(ctx.src, e)} is neither a field nor a protocol name.`, e.span);
      return constOperand(ctx, e, target);
    case "field": {
      const f = fieldOfWord(e.name);
      if (!f) return fail(ctx.src, `${e.name} is neither a field nor a protocol name.`, e.span);
      return fieldOperand(ctx, f, e.span, e.layer);
    }
    case "ref": {
      const f = fieldOfWord(e.name);
      if (!f) return fail(ctx.src, `macro '${e.name}' does not exist`);
      // a reference reads the frame selected in the GUI; tshark has none, so it never has a value
      return { kind: "ref", cls: classOf(f.type), ftype: f.type, field: f, span: e.span, values: () => NO_VALUES };
    }
    case "slice":
      return sliceOperand(ctx, e);
    case "arith":
      return arithOperand(ctx, e, target);
    case "neg": {
      if (isConstEntity(e.a)) {
        if (!target) fail(ctx.src, "Constant arithmetic expression on the LHS is invalid.", e.a.span);
        return constOperand(ctx, e, target);
      }
      const a = operand(ctx, e.a, target);
      if (a.cls !== "int" && a.cls !== "float" && a.cls !== "reltime") fail(ctx.src, `${prettyType(a.ftype)} cannot be negated.`, e.span);
      return {
        kind: "arith", cls: a.cls, ftype: a.ftype, span: e.span,
        values: (pkt) => a.values(pkt).map((v) => (typeof v === "bigint" ? -v : -(v as number))),
      };
    }
    case "call":
      return compileCall(ctx, e, (x, t) => operand(ctx, x, t));
  }
}
