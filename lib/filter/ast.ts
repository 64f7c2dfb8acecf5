// The display-filter syntax tree: tokens and nodes, each carrying its place in the filter text for tshark's caret line.

/** Where a token or node sits in the filter text (for the "^~~~" line under an error). */
export interface Span {
  readonly pos: number;
  readonly len: number;
}

export type TokenKind =
  | "word" /* field name or unparsed literal: tcp.port, 80, aa:bb, 10.0.0.0/8, :x */
  | "string" /* "..." or r"..." (text already unescaped) */
  | "char" /* 'a' (value already decoded) */
  | "cmp" /* == != === !== ~= > >= < <= and their word forms, contains, matches, ~ */
  | "and" | "or" | "not" | "in" | "any" | "all"
  | "bitand" | "plus" | "minus" | "star" | "slash" | "percent"
  | "lparen" | "rparen" | "lbrace" | "rbrace" | "comma" | "dotdot" | "dollar" | "hash"
  | "range" /* the raw text between [ and ] (slices and layer ranges) */
  | "bad" /* a character no token starts with ("@", a lone "|" or ":") */
  | "end";

export interface Token extends Span {
  readonly kind: TokenKind;
  /** the text as written (for "X was unexpected"), or the decoded value for strings */
  readonly text: string;
  /** cmp tokens: the operator they stand for */
  readonly op?: CmpOp;
  /** string tokens: written as r"..." */
  readonly raw?: boolean;
}

/** Comparison operators after aliases are folded (== eq any_eq -> "any_eq" and so on). */
export type CmpOp = "any_eq" | "all_ne" | "all_eq" | "any_ne" | "gt" | "ge" | "lt" | "le" | "contains" | "matches";

export type ArithOp = "+" | "-" | "*" | "/" | "%" | "&";

/** One element of a slice or layer range: [i:j] [i-j] [i] [:j] [i:] as (start, length | end). */
export interface RangePart {
  readonly start: number;
  /** length, or undefined for "to the end" */
  readonly length?: number;
  /** i-j form: inclusive end offset */
  readonly end?: number;
}

/** Things that have a value (the operands of tests). */
export type Entity =
  | { readonly t: "field"; readonly name: string; readonly span: Span; readonly layer?: readonly RangePart[] }
  | { readonly t: "ref"; readonly name: string; readonly span: Span }
  | { readonly t: "literal"; readonly text: string; readonly span: Span }
  | { readonly t: "string"; readonly text: string; readonly span: Span; readonly raw: boolean }
  | { readonly t: "char"; readonly code: number; readonly text: string; readonly span: Span }
  | { readonly t: "slice"; readonly of: Entity; readonly parts: readonly RangePart[]; readonly span: Span; readonly rangeSpan: Span }
  | { readonly t: "call"; readonly name: string; readonly args: readonly Entity[]; readonly span: Span }
  | { readonly t: "arith"; readonly op: ArithOp; readonly a: Entity; readonly b: Entity; readonly span: Span }
  | { readonly t: "neg"; readonly a: Entity; readonly span: Span };

/** A member of `in {...}`: one value or an inclusive range lo..hi. */
export type SetMember = { readonly v: Entity; readonly hi?: Entity };

/** Boolean tests. */
export type Test =
  | { readonly t: "exists"; readonly e: Entity }
  | { readonly t: "cmp"; readonly op: CmpOp; readonly quant: "" | "any" | "all"; readonly a: Entity; readonly b: Entity; readonly span: Span }
  | { readonly t: "in"; readonly a: Entity; readonly set: readonly SetMember[]; readonly negate: boolean; readonly quant: "" | "any" | "all" }
  | { readonly t: "and" | "or"; readonly a: Test; readonly b: Test }
  | { readonly t: "not"; readonly a: Test }
  | { readonly t: "true" };

/** The text an entity prints as in error messages ("Left side ... not tcp.prot."). */
export function entityText(src: string, e: Entity): string {
  return src.slice(e.span.pos, e.span.pos + e.span.len);
}
