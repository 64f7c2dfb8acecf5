// "matches": PCRE2 patterns run as JS RegExp (case-insensitive by default, as tshark 4.0), with a guard against catastrophic backtracking.
import { fail } from "./error.ts";
import type { Span } from "./ast.ts";

/** JS RegExp texts mapped to PCRE2's wording, which tshark prints after "Regex compilation error: ". */
const PCRE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/missing \)|unterminated group/i, "missing closing parenthesis"],
  [/unmatched '?\)'?|unmatched parenthes/i, "unmatched closing parenthesis"],
  [/missing \]|unterminated character class|missing terminating \]/i, "missing terminating ] for character class"],
  [/nothing to repeat/i, "quantifier does not follow a repeatable item"],
  [/\\ at end of pattern/i, "\\ at end of pattern"],
];

/**
 * A quantified group that itself contains a quantifier ("(a+)+", "(x*y)*", "(a|aa){2,}") can take exponential
 * time in a backtracking engine; PCRE2 stops such runs with a match limit, JS cannot, so we refuse them.
 */
function nestedQuantifier(p: string): boolean {
  const open: { inner: boolean }[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      for (i++; i < p.length && p[i] !== "]"; i++) if (p[i] === "\\") i++;
      continue;
    }
    if (c === "(") open.push({ inner: false });
    else if (c === ")") {
      const g = open.pop();
      const q = p[i + 1];
      const quantified = q === "*" || q === "+" || (q === "{" && /^\{\d*,\d*\}/.test(p.slice(i + 1)) && !/^\{\d+\}/.test(p.slice(i + 1)));
      if (g?.inner && quantified) return true;
      if (g?.inner && open.length) open[open.length - 1]!.inner = true;
    } else if ((c === "*" || c === "+" || c === "{") && open.length) {
      if (c !== "{" || /^\{\d*,\d*\}/.test(p.slice(i))) open[open.length - 1]!.inner = true;
    }
  }
  return false;
}

/** Compile a filter's regular expression (PCRE2 syntax as far as JS shares it). */
export function compileRegex(src: string, pattern: string, span: Span): RegExp {
  let flags = "i";
  let body = pattern;
  // PCRE's leading option setting "(?-i)" / "(?s)" / "(?im)": JS has no inline flags, so they become RegExp flags
  const lead = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(body);
  if (lead) {
    const on = lead[1] ?? "", off = lead[2] ?? "";
    if (on.includes("x") || off.includes("x")) fail(src, "Regex compilation error: the (?x) option is not supported by tsshark.", span);
    for (const f of on) if (!flags.includes(f)) flags += f;
    for (const f of off) flags = flags.replace(f, "");
    body = body.slice(lead[0].length);
  }
  if (nestedQuantifier(body)) fail(src, "Regex compilation error: nested quantifiers are refused (catastrophic backtracking guard).");
  try {
    return new RegExp(body, flags);
  } catch (e) {
    const msg = (e as Error).message;
    const word = PCRE_WORDS.find(([re]) => re.test(msg))?.[1] ?? msg.replace(/^Invalid regular expression: /, "");
    return fail(src, `Regex compilation error: ${word}.`);
  }
}

/** Bytes as a one-char-per-byte string, so a pattern sees raw payload bytes as PCRE2 does. */
export function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}
