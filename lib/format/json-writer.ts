// A JSON value model that keeps duplicate keys and member order, printed the way tshark's json_dumper prints.

/** An object as an ordered list of members; duplicate keys are allowed (tshark writes ip.addr twice). */
export type JsonObject = { readonly members: [string, JsonValue][] };
export type JsonValue = string | number | boolean | null | JsonObject | readonly JsonValue[];

export const obj = (members: [string, JsonValue][] = []): JsonObject => ({ members });

/** A JSON string as tshark's json_dumper writes it: "</" is written "<\/" so the text is safe inside HTML. */
export function jsonString(s: string): string {
  const j = JSON.stringify(s);
  return j.includes("</") ? j.replace(/<\//g, "<\\/") : j;
}

const isObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Pretty form: two spaces per level, one member or element per line (tshark -T json). */
export function prettyJson(v: JsonValue, indent: string, out: string[]): void {
  if (isObject(v)) {
    if (!v.members.length) return void out.push("{}");
    out.push("{\n");
    const inner = indent + "  ";
    v.members.forEach(([k, m], i) => {
      out.push(`${inner}${jsonString(k)}: `);
      prettyJson(m, inner, out);
      out.push(i + 1 < v.members.length ? ",\n" : "\n");
    });
    out.push(`${indent}}`);
  } else if (Array.isArray(v)) {
    if (!v.length) return void out.push("[]");
    out.push("[\n");
    const inner = indent + "  ";
    v.forEach((m, i) => {
      out.push(inner);
      prettyJson(m, inner, out);
      out.push(i + 1 < v.length ? ",\n" : "\n");
    });
    out.push(`${indent}]`);
  } else out.push(typeof v === "string" ? jsonString(v) : JSON.stringify(v));
}

/** Compact form on one line (tshark -T ek). */
export function compactJson(v: JsonValue): string {
  if (isObject(v)) return "{" + v.members.map(([k, m]) => `${jsonString(k)}:${compactJson(m)}`).join(",") + "}";
  if (Array.isArray(v)) return "[" + v.map(compactJson).join(",") + "]";
  return typeof v === "string" ? jsonString(v) : JSON.stringify(v);
}
