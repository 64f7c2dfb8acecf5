// -T fields: one line per packet of the -e fields, with tshark's -E header/separator/quote/occurrence/aggregator rules.
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";
import { fieldText } from "./value.ts";

export interface FieldsOptions {
  readonly header: boolean;
  readonly separator: string;
  /** "" for none, else the quote character */
  readonly quote: string;
  /** "f" first, "l" last, "a" all occurrences */
  readonly occurrence: "f" | "l" | "a";
  readonly aggregator: string;
  readonly bom: boolean;
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = { header: false, separator: "\t", quote: "", occurrence: "a", aggregator: ",", bom: false };

/** One -e column: a registry field, or a summary column (_ws.col.Info) whose text comes from `column`. */
export interface FieldColumn {
  readonly name: string;
  readonly field?: Field;
  readonly column?: (pkt: Packet) => string;
}

/**
 * Parse one -E option ("separator=,"); returns the updated options or an error message in tshark's words.
 */
export function applyFieldsOption(o: FieldsOptions, spec: string): FieldsOptions | string {
  const eq = spec.indexOf("=");
  const key = eq < 0 ? spec : spec.slice(0, eq);
  const val = eq < 0 ? "" : spec.slice(eq + 1);
  const bad = `"${key}" is not a valid field output option=value pair.`;
  switch (key) {
    case "header":
    case "bom": {
      const yes = val === "y" || val === "Y";
      const no = val === "n" || val === "N";
      if (!yes && !no) return bad;
      return { ...o, [key]: yes };
    }
    case "separator": {
      const map: Record<string, string> = { "/t": "\t", "/s": " " };
      return { ...o, separator: map[val] ?? val };
    }
    case "aggregator": {
      const map: Record<string, string> = { "/t": "\t", "/s": " " };
      return { ...o, aggregator: map[val] ?? val };
    }
    case "quote": {
      const map: Record<string, string> = { d: '"', s: "'", n: "" };
      const q = map[val];
      if (q === undefined) return bad;
      return { ...o, quote: q };
    }
    case "occurrence": {
      if (val !== "f" && val !== "l" && val !== "a") return bad;
      return { ...o, occurrence: val };
    }
    default:
      return bad;
  }
}

/** The header line (field names), when -E header=y. */
export function fieldsHeader(cols: readonly FieldColumn[], o: FieldsOptions): string {
  // tshark quotes the values, never the names
  return cols.map((c) => c.name).join(o.separator);
}

/** The values of one packet's line. */
export function fieldsLine(pkt: Packet, cols: readonly FieldColumn[], o: FieldsOptions): string {
  let line = "";
  for (let i = 0; i < cols.length; i++) {
    if (i) line += o.separator;
    const c = cols[i]!;
    let text: string | undefined;
    if (c.column) text = c.column(pkt);
    else {
      const nodes = pkt.nodes(c.field!);
      if (nodes.length) {
        if (o.occurrence === "f") text = fieldText(nodes[0]!);
        else if (o.occurrence === "l") text = fieldText(nodes[nodes.length - 1]!);
        else {
          text = fieldText(nodes[0]!);
          for (let k = 1; k < nodes.length; k++) text += o.aggregator + fieldText(nodes[k]!);
        }
      }
    }
    if (text !== undefined) line += o.quote ? o.quote + text + o.quote : text;
  }
  return line;
}

/** The help tshark prints after a bad -E option. */
export const FIELDS_OPTION_HELP: readonly string[] = [
  'The available options for field output "E" are:',
  "bom=y|n    Prepend output with the UTF-8 BOM (def: N: no)",
  "header=y|n    Print field abbreviations as first line of output (def: N: no)",
  "separator=/t|/s|<character>   Set the separator to use;",
  '     "/t" = tab, "/s" = space (def: /t: tab)',
  "occurrence=f|l|a  Select the occurrence of a field to use;",
  '     "f" = first, "l" = last, "a" = all (def: a: all)',
  "aggregator=,|/s|<character>   Set the aggregator to use;",
  '     "," = comma, "/s" = space (def: ,: comma)',
  "quote=d|s|n   Print either d: double-quotes, s: single quotes or ",
  "     n: no quotes around field values (def: n: none)",
];
