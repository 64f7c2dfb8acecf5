// The display-filter functions of tshark 4.0: len count lower upper string abs max min, with its argument checks.
import type { Packet } from "../dissect/tree.ts";
import { entityText, type Entity } from "./ast.ts";
import { fail } from "./error.ts";
import type { Target } from "./literal.ts";
import { fieldOfWord, type CompileContext, type Operand } from "./operand.ts";
import { fieldText } from "../format/value.ts";
import { orderOf } from "./relations.ts";
import type { Val } from "./value-class.ts";

type Sub = (e: Entity, t?: Target) => Operand;
type Call = Extract<Entity, { t: "call" }>;

interface FunctionDef {
  readonly min: number;
  readonly max: number;
  readonly build: (ctx: CompileContext, e: Call, sub: Sub) => Operand;
}

const ENC = new TextEncoder();

/** A field name written as an argument (known to the registry). */
function isField(e: Entity): boolean {
  return e.t === "field" || (e.t === "literal" && fieldOfWord(e.text) !== undefined);
}

/** The one argument, which must be a field (len, count, string). */
function fieldArg(ctx: CompileContext, e: Call, sub: Sub, allowSlice: boolean): Operand {
  const a = e.args[0]!;
  // tshark keeps no position for a slice, so its message has no caret line then
  if (!isField(a) && !(allowSlice && a.t === "slice")) fail(ctx.src, `Only fields can be used as parameter for ${e.name}()`, a.t === "slice" ? undefined : a.span);
  return sub(a);
}

function mapValues(op: Operand, fn: (v: Val) => Val): (pkt: Packet) => readonly Val[] {
  return (pkt) => op.values(pkt).map(fn);
}

function caseFn(upper: boolean): FunctionDef {
  return {
    min: 1, max: 1,
    build(ctx, e, sub) {
      const a = e.args[0]!;
      const name = upper ? "upper" : "lower";
      if (a.t === "string" || a.t === "char" || (a.t === "literal" && !isField(a))) fail(ctx.src, `Only string type fields can be used as parameter for ${name}()`, a.span);
      const op = sub(a);
      if (op.cls !== "string") fail(ctx.src, `Only string type fields can be used as parameter for ${name}()`, a.span);
      return { kind: "func", cls: "string", ftype: "FT_STRING", span: e.span, values: mapValues(op, (v) => (upper ? (v as string).toUpperCase() : (v as string).toLowerCase())) };
    },
  };
}

function extremum(isMax: boolean): FunctionDef {
  return {
    min: 1, max: Infinity,
    build(ctx, e, sub) {
      const ops: Operand[] = [];
      for (const a of e.args) {
        const op = sub(a, ops[0] ? { cls: ops[0].cls, ftype: ops[0].ftype } : undefined);
        if (ops[0] && op.cls !== ops[0].cls) fail(ctx.src, `Arguments to '${e.name}' must have the same type (expected ${ops[0].ftype}, got ${op.ftype})`, a.span);
        ops.push(op);
      }
      const first = ops[0]!;
      const ord = orderOf(first.cls);
      return {
        kind: "func", cls: first.cls, ftype: first.ftype, span: e.span,
        values: (pkt) => {
          let best: Val | undefined;
          for (const op of ops) for (const v of op.values(pkt)) if (best === undefined || (isMax ? ord(v, best) > 0 : ord(v, best) < 0)) best = v;
          return best === undefined ? [] : [best];
        },
      };
    },
  };
}

const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  len: {
    min: 1, max: 1,
    build(ctx, e, sub) {
      const op = fieldArg(ctx, e, sub, false);
      const nodes = op.nodes;
      const values = nodes
        ? (pkt: Packet) => nodes(pkt).map((n) => (typeof n.value === "string" ? ENC.encode(n.value).length : n.value instanceof Uint8Array ? n.value.length : n.length))
        : mapValues(op, (v) => (typeof v === "string" ? ENC.encode(v).length : (v as Uint8Array).length));
      return { kind: "func", cls: "int", ftype: "FT_UINT32", span: e.span, values };
    },
  },
  count: {
    min: 1, max: 1,
    build(ctx, e, sub) {
      const a = e.args[0]!;
      if (!isField(a)) fail(ctx.src, "Only fields can be used as parameter for count()", a.span);
      const op = sub(a);
      const nodes = op.nodes!;
      return { kind: "func", cls: "int", ftype: "FT_UINT32", span: e.span, values: (pkt) => {
        // an absent field has no count at all (tshark: "count(udp.port) == 0" matches nothing)
        const n = nodes(pkt).length;
        return n ? [n] : [];
      } };
    },
  },
  lower: caseFn(false),
  upper: caseFn(true),
  string: {
    min: 1, max: 1,
    build(ctx, e, sub) {
      const op = fieldArg(ctx, e, sub, false);
      if (op.cls === "string") fail(ctx.src, `String conversion for field "${entityText(ctx.src, e.args[0]!)}" is not supported`, e.args[0]!.span);
      const nodes = op.nodes!;
      const isInt = op.cls === "int";
      return {
        kind: "func", cls: "string", ftype: "FT_STRING", span: e.span,
        values: (pkt) => nodes(pkt).map((n) => (isInt && (typeof n.value === "number" || typeof n.value === "bigint") ? n.value.toString() : fieldText(n))),
      };
    },
  },
  abs: {
    min: 1, max: 1,
    build(ctx, e, sub) {
      const a = e.args[0]!;
      const op = sub(a);
      if (op.cls !== "int" && op.cls !== "float" && op.cls !== "reltime") fail(ctx.src, `'${entityText(ctx.src, a)}' is not a valid argument to 'abs'()`, a.span);
      return {
        kind: "func", cls: op.cls, ftype: op.ftype, span: e.span,
        values: mapValues(op, (v) => (typeof v === "bigint" ? (v < 0n ? -v : v) : Math.abs(v as number))),
      };
    },
  },
  max: extremum(true),
  min: extremum(false),
};

/** Compile a function call after checking its name and argument count as tshark does. */
export function compileCall(ctx: CompileContext, e: Call, sub: Sub): Operand {
  const def = FUNCTIONS[e.name];
  if (!def) return fail(ctx.src, `Function '${e.name}' does not exist`, e.span);
  if (e.args.length < def.min) fail(ctx.src, `Function ${e.name} needs at least ${def.min} arguments.`, e.span);
  if (e.args.length > def.max) fail(ctx.src, `Function ${e.name} can only accept ${def.max} arguments.`, e.span);
  return def.build(ctx, e, sub);
}
