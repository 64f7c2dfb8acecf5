// The display-filter scanner: filter text -> tokens with positions, using tshark 4.0's word and escape rules.
import type { CmpOp, Token, TokenKind } from "./ast.ts";
import { fail } from "./error.ts";

/** Keyword words (case-sensitive: tshark 4.0 rejects "AND" and "EQ"). */
const KEYWORDS: Readonly<Record<string, { kind: TokenKind; op?: CmpOp }>> = {
  eq: { kind: "cmp", op: "any_eq" }, any_eq: { kind: "cmp", op: "any_eq" },
  ne: { kind: "cmp", op: "all_ne" }, all_ne: { kind: "cmp", op: "all_ne" },
  all_eq: { kind: "cmp", op: "all_eq" }, any_ne: { kind: "cmp", op: "any_ne" },
  gt: { kind: "cmp", op: "gt" }, ge: { kind: "cmp", op: "ge" }, lt: { kind: "cmp", op: "lt" }, le: { kind: "cmp", op: "le" },
  contains: { kind: "cmp", op: "contains" }, matches: { kind: "cmp", op: "matches" },
  and: { kind: "and" }, or: { kind: "or" }, not: { kind: "not" }, in: { kind: "in" },
  any: { kind: "any" }, all: { kind: "all" }, bitwise_and: { kind: "bitand" },
};

/** Punctuation, longest first so "===" wins over "==". */
const PUNCT: readonly (readonly [string, TokenKind, CmpOp?])[] = [
  ["===", "cmp", "all_eq"], ["!==", "cmp", "any_ne"],
  ["==", "cmp", "any_eq"], ["!=", "cmp", "all_ne"], ["~=", "cmp", "any_ne"], [">=", "cmp", "ge"], ["<=", "cmp", "le"],
  ["&&", "and"], ["||", "or"], ["..", "dotdot"],
  [">", "cmp", "gt"], ["<", "cmp", "lt"], ["~", "cmp", "matches"], ["!", "not"], ["&", "bitand"],
  ["+", "plus"], ["-", "minus"], ["*", "star"], ["/", "slash"], ["%", "percent"],
  ["(", "lparen"], [")", "rparen"], ["{", "lbrace"], ["}", "rbrace"], [",", "comma"], ["$", "dollar"], ["#", "hash"],
];

/** Hex groups joined by colons (MAC, byte strings, IPv6 with an optional dotted tail and /prefix). */
const COLON_WORD = /[0-9A-Fa-f]*(?::[0-9A-Fa-f]*)+(?:\.[0-9]+)*(?:\/[0-9]+)?/y;
/** A field name or unparsed value; "-" and "/" may follow the first character ("tcp.port-1" is one word). */
const WORD = /[A-Za-z0-9_.][A-Za-z0-9_.\-\/]*/y;
/** ":value" forces a literal; the colon stays in the text. */
const COLON_LITERAL = /:[A-Za-z0-9_.:\-\/]+/y;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  "'": 0x27, '"': 0x22, "\\": 0x5c, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11,
};

function matchAt(re: RegExp, s: string, i: number): string {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0] : "";
}

/** A word never swallows "..": "80..90" is 80, .., 90. */
function cutAtDotDot(w: string): string {
  if (w === "") return w;
  // a "/" at the end belongs to the next token (division), not to a CIDR prefix
  while (w.length > 1 && w.endsWith("/")) w = w.slice(0, -1);
  const k = w.indexOf("..", 1);
  return k > 0 ? w.slice(0, k) : w;
}

/** Decode the escapes of a quoted string or char constant into bytes; `at` is the position of the body. */
function unescape(src: string, body: string, at: number, raw: boolean): number[] {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\" || raw) {
      if (raw && c === "\\" && body[i + 1] === '"') {
        out.push(0x5c, 0x22);
        i++;
        continue;
      }
      const cp = body.codePointAt(i)!;
      if (cp < 0x80) out.push(cp);
      else {
        out.push(...enc.encode(String.fromCodePoint(cp)));
        if (cp > 0xffff) i++;
      }
      continue;
    }
    const e = body[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      i++;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out.push(parseInt(m, 8) & 0xff);
      i += m.length;
    } else if (e === "x" && /^[0-9A-Fa-f]/.test(body.slice(i + 2))) {
      const m = /^[0-9A-Fa-f]{1,2}/.exec(body.slice(i + 2))![0];
      out.push(parseInt(m, 16));
      i += 1 + m.length;
    } else if ((e === "u" || e === "U") && new RegExp(`^[0-9A-Fa-f]{${e === "u" ? 4 : 8}}`).test(body.slice(i + 2))) {
      const n = e === "u" ? 4 : 8;
      out.push(...enc.encode(String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + n), 16))));
      i += 1 + n;
    } else {
      fail(src, `\\${e} is not a valid character escape sequence`, { pos: at + i, len: 2 });
    }
  }
  return out;
}

/** Bytes to the string a filter compares with: UTF-8 when valid, else one char per byte. */
export function bytesToText(b: readonly number[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(b));
  } catch {
    return String.fromCharCode(...b);
  }
}

/** Find the closing quote of a string starting at `i` (the opening quote); -1 when missing. */
function closingQuote(s: string, i: number, q: string): number {
  for (let k = i + 1; k < s.length; k++) {
    if (s[k] === "\\") k++;
    else if (s[k] === q) return k;
  }
  return -1;
}

/** Scan a whole filter. Slices and layer ranges come out as one "range" token (the text inside [ ]). */
export function scanFilter(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === '"' || ((c === "r" || c === "R") && src[i + 1] === '"')) {
      const raw = c !== '"';
      const q = raw ? i + 1 : i;
      const end = closingQuote(src, q, '"');
      if (end < 0) fail(src, "The final quote was missing from a quoted string.", { pos: src.length, len: 1 });
      const bytes = unescape(src, src.slice(q + 1, end), q + 1, raw);
      out.push({ kind: "string", text: bytesToText(bytes), pos: i, len: end + 1 - i, raw });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const end = closingQuote(src, i, "'");
      if (end < 0) fail(src, "The final quote was missing from a quoted string.", { pos: src.length, len: 1 });
      const written = src.slice(i, end + 1);
      const bytes = unescape(src, src.slice(i + 1, end), i + 1, false);
      if (bytes.length !== 1) fail(src, `${written} is too long to be a valid character constant.`, { pos: i, len: written.length });
      out.push({ kind: "char", text: String(bytes[0]), pos: i, len: written.length });
      i = end + 1;
      continue;
    }
    if (c === "[") {
      const end = src.indexOf("]", i + 1);
      if (end < 0) fail(src, "Unexpected end of filter expression.");
      out.push({ kind: "range", text: src.slice(i + 1, end), pos: i + 1, len: end - i - 1 });
      i = end + 1;
      continue;
    }
    let colon = matchAt(COLON_WORD, src, i);
    // "56:49:" is the bytes 56:49 and a stray ":"; only "aa:" (one byte) and IPv6's "::" may end in a colon
    if (colon.endsWith(":") && !colon.endsWith("::") && colon.indexOf(":") !== colon.length - 1) colon = colon.slice(0, -1);
    const word = /[A-Za-z0-9_.]/.test(c) && !src.startsWith("..", i) ? cutAtDotDot(matchAt(WORD, src, i)) : "";
    const forced = c === ":" ? matchAt(COLON_LITERAL, src, i) : "";
    const best = [colon, word, forced].reduce((a, b) => (b.length > a.length ? b : a));
    if (best.length > 1 || (best.length === 1 && best !== ":")) {
      const kw = KEYWORDS[best];
      out.push({ kind: kw?.kind ?? "word", text: best, pos: i, len: best.length, op: kw?.op });
      i += best.length;
      continue;
    }
    const p = PUNCT.find(([t]) => src.startsWith(t, i));
    if (p) {
      out.push({ kind: p[1], text: p[0], pos: i, len: p[0].length, op: p[2] });
      i += p[0].length;
      continue;
    }
    // tshark reports a stray character only when the parser reaches it, like any other unexpected token
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    out.push({ kind: "bad", text: ch, pos: i, len: ch.length });
    i += ch.length;
  }
  out.push({ kind: "end", text: "", pos: src.length, len: 0 });
  return out;
}
