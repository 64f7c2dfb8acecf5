// The display-filter grammar of tshark 4.0: tokens -> Test tree (logic, relations, sets, arithmetic, slices, calls).
import type { ArithOp, Entity, RangePart, SetMember, Span, Test, Token, TokenKind } from "./ast.ts";
import { fail } from "./error.ts";
import { scanFilter } from "./lexer.ts";

const ARITH: Partial<Record<TokenKind, ArithOp>> = { plus: "+", minus: "-", star: "*", slash: "/", percent: "%", bitand: "&" };
/** Binding strength of arithmetic operators: "&" loosest, then + -, then * / %. */
const LEVELS: readonly (readonly TokenKind[])[] = [["bitand"], ["plus", "minus"], ["star", "slash", "percent"]];

function join(a: Span, b: Span): Span {
  return { pos: a.pos, len: b.pos + b.len - a.pos };
}

/** Parse one slice or layer range ("0:3", "-4:", "1-2", ":3", "1,3-5,9:"). */
export function parseRange(src: string, tok: Token): RangePart[] {
  if (tok.text.trim() === "") fail(src, `"]" was unexpected in this context.`, { pos: tok.pos + tok.len, len: 1 });
  const parts: RangePart[] = [];
  let at = tok.pos;
  for (const piece of tok.text.split(",")) {
    const lead = piece.length - piece.trimStart().length;
    const p = piece.trim();
    const span = { pos: at + lead, len: p.length };
    at += piece.length + 1;
    let m: RegExpExecArray | null;
    if ((m = /^(-?\d+):(-?\d+)$/.exec(p))) {
      const len = Number(m[2]);
      if (len <= 0) fail(src, `Range ${p} isn't valid because length ${len} isn't positive`, span);
      parts.push({ start: Number(m[1]), length: len });
    } else if ((m = /^(-?\d+):$/.exec(p))) parts.push({ start: Number(m[1]) });
    else if ((m = /^:(-?\d+)$/.exec(p))) {
      const len = Number(m[1]);
      if (len <= 0) fail(src, `Range ${p} isn't valid because length ${len} isn't positive`, span);
      parts.push({ start: 0, length: len });
    } else if ((m = /^(-?\d+)-(-?\d+)$/.exec(p))) {
      const a = Number(m[1]), b = Number(m[2]);
      if (a > b && Math.sign(a) === Math.sign(b)) fail(src, `Range ${p} isn't valid because ${a} is greater or equal than ${b}`, span);
      parts.push({ start: a, end: b });
    } else if ((m = /^(-?\d+)$/.exec(p))) parts.push({ start: Number(m[1]), length: 1 });
    else fail(src, `"${p}" is not a valid range.`, span);
  }
  return parts;
}

/** Parse a filter into its test tree; the empty filter is the always-true test. */
export function parseFilter(src: string): Test {
  const toks = scanFilter(src);
  let k = 0;
  const peek = (): Token => toks[k]!;
  const next = (): Token => toks[k++]!;
  const unexpected = (t: Token): never => {
    if (t.kind === "end") fail(src, "Unexpected end of filter expression.");
    return fail(src, `"${src.slice(t.pos, t.pos + t.len)}" was unexpected in this context.`, t);
  };
  const expect = (kind: TokenKind): Token => (peek().kind === kind ? next() : unexpected(peek()));

  function orExpr(): Test {
    let a = andExpr();
    while (peek().kind === "or") {
      next();
      a = { t: "or", a, b: andExpr() };
    }
    return a;
  }
  function andExpr(): Test {
    let a = notExpr();
    while (peek().kind === "and") {
      next();
      a = { t: "and", a, b: notExpr() };
    }
    return a;
  }
  function notExpr(): Test {
    if (peek().kind === "not") {
      next();
      return { t: "not", a: notExpr() };
    }
    if (peek().kind === "lparen") {
      next();
      const e = orExpr();
      expect("rparen");
      return e;
    }
    return relation();
  }

  function relation(): Test {
    let quant: "" | "any" | "all" = "";
    if (peek().kind === "any" || peek().kind === "all") quant = next().kind as "any" | "all";
    const a = arith(0);
    const t = peek();
    if (t.kind === "in" || (t.kind === "not" && toks[k + 1]?.kind === "in")) {
      const negate = next().kind === "not";
      if (negate) next();
      return { t: "in", a, set: setBody(), negate, quant };
    }
    if (t.kind !== "cmp") {
      if (quant) unexpected(t);
      return { t: "exists", e: a };
    }
    let test: Test | null = null;
    let left = a;
    while (peek().kind === "cmp") {
      const op = next();
      const right = arith(0);
      const cmp: Test = { t: "cmp", op: op.op!, quant, a: left, b: right, span: op };
      test = test ? { t: "and", a: test, b: cmp } : cmp;
      left = right;
    }
    return test!;
  }

  function setBody(): SetMember[] {
    expect("lbrace");
    const members: SetMember[] = [];
    for (;;) {
      const v = arith(0);
      if (peek().kind === "dotdot") {
        next();
        members.push({ v, hi: arith(0) });
      } else members.push({ v });
      if (peek().kind === "comma") {
        next();
        continue;
      }
      expect("rbrace");
      return members;
    }
  }

  function arith(level: number): Entity {
    if (level === LEVELS.length) return unary();
    let a = arith(level + 1);
    while (LEVELS[level]!.includes(peek().kind)) {
      const op = next();
      const b = arith(level + 1);
      a = { t: "arith", op: ARITH[op.kind]!, a, b, span: { pos: op.pos, len: op.len } };
    }
    return a;
  }

  function unary(): Entity {
    if (peek().kind === "minus") {
      const m = next();
      const a = unary();
      return { t: "neg", a, span: join(m, a.span) };
    }
    let e = atom();
    while (peek().kind === "range") {
      const r = next();
      e = { t: "slice", of: e, parts: parseRange(src, r), span: e.span, rangeSpan: r };
    }
    return e;
  }

  function atom(): Entity {
    const t = next();
    switch (t.kind) {
      case "string":
        return { t: "string", text: t.text, span: t, raw: !!t.raw };
      case "char":
        return { t: "char", code: Number(t.text), text: src.slice(t.pos, t.pos + t.len), span: t };
      case "lbrace": {
        const e = arith(0);
        expect("rbrace");
        return e;
      }
      case "dollar": {
        expect("lbrace");
        const w = expect("word");
        expect("rbrace");
        return { t: "ref", name: w.text.startsWith(".") ? w.text.slice(1) : w.text, span: w };
      }
      case "word": {
        if (peek().kind === "lparen") return call(t);
        if (peek().kind === "hash") return layered(t);
        return { t: "literal", text: t.text, span: t };
      }
      default:
        return unexpected(t);
    }
  }

  function layered(w: Token): Entity {
    next();
    const t = peek();
    let layer: RangePart[];
    if (t.kind === "range") layer = parseRange(src, next());
    else if (t.kind === "word" && /^\d/.test(t.text)) {
      const m = /^\d+/.exec(t.text)![0];
      if (m.length !== t.text.length) fail(src, `Expected digit or "[", not "${t.text[m.length]}"`, { pos: t.pos + m.length, len: 1 });
      next();
      layer = [{ start: Number(m), length: 1 }];
    } else {
      const ch = t.kind === "end" ? "" : src[t.pos]!;
      return fail(src, `Expected digit or "[", not "${ch}"`, { pos: t.pos, len: 1 });
    }
    return { t: "field", name: w.text.startsWith(".") ? w.text.slice(1) : w.text, span: w, layer };
  }

  function call(name: Token): Entity {
    next();
    const args: Entity[] = [];
    if (peek().kind !== "rparen") {
      for (;;) {
        args.push(arith(0));
        if (peek().kind !== "comma") break;
        next();
      }
    }
    const close = expect("rparen");
    return { t: "call", name: name.text, args, span: { pos: name.pos, len: name.len }, ...{ end: close.pos } };
  }

  if (peek().kind === "end") return { t: "true" };
  const test = orExpr();
  if (peek().kind !== "end") unexpected(peek());
  return test;
}
