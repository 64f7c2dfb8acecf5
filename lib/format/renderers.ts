// Picks the per-packet output of a tsshark run (summary, fields, -V/-O tree, -x bytes, json/ek/pdml/psml) from the flags.
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";
import { columnTexts, summaryLine, type LineTimes, type SummaryOptions } from "./columns.ts";
import { fieldsHeader, fieldsLine, type FieldColumn, type FieldsOptions } from "./fields.ts";
import { treeText, type DetailSelection } from "./tree-text.ts";
import { hexDumpText } from "./hexdump.ts";
import { jsonEnd, jsonFieldsPacket, jsonPacket, jsonStart, JSON_OPTIONS, JSONRAW_OPTIONS } from "./json.ts";
import { ekFieldsPacket, ekPacket } from "./ek.ts";
import { pdmlEnd, pdmlPacket, pdmlStart, psmlEnd, psmlPacket, psmlStart } from "./pdml.ts";

export type OutputFormat = "text" | "tabs" | "fields" | "json" | "jsonraw" | "ek" | "pdml" | "psml";

export interface RenderPlan {
  readonly format: OutputFormat;
  readonly fields: readonly FieldColumn[];
  readonly fieldsOpts: FieldsOptions;
  readonly summary: SummaryOptions;
  /** -V (null selection) or -O protocols; undefined for neither */
  readonly detail?: DetailSelection;
  /** -x */
  readonly hex: boolean;
  /** the -r argument, for pdml's capture_file */
  readonly captureFile: string;
  /** the version pdml/psml name as their creator */
  readonly creatorVersion: string;
}

/** What a run writes: a head, one text per packet, a tail. */
export interface Renderer {
  /** the packet tree must be built whole (detail, json, pdml ...) */
  readonly fullTree: boolean;
  /** the summary columns are read */
  readonly columns: boolean;
  start(): string;
  packet(pkt: Packet, t: LineTimes): string;
  end(): string;
}

const registryFields = (cols: readonly FieldColumn[]): Field[] => cols.flatMap((c) => (c.field ? [c.field] : []));

export function makeRenderer(p: RenderPlan): Renderer {
  const hex = (pkt: Packet) => (p.hex ? hexDumpText(pkt.frame.data) : "");
  switch (p.format) {
    case "fields":
      return {
        fullTree: false,
        columns: p.fields.some((c) => c.column),
        start: () => (p.fieldsOpts.header ? fieldsHeader(p.fields, p.fieldsOpts) + "\n" : ""),
        packet: (pkt) => fieldsLine(pkt, p.fields, p.fieldsOpts) + "\n",
        end: () => "",
      };
    case "json":
    case "jsonraw": {
      let first = true;
      const opts = p.format === "jsonraw" ? JSONRAW_OPTIONS : p.hex ? { ...JSON_OPTIONS, raw: true } : JSON_OPTIONS;
      const fields = registryFields(p.fields);
      return {
        fullTree: fields.length === 0,
        columns: false,
        start: jsonStart,
        packet: (pkt) => {
          const s = fields.length ? jsonFieldsPacket(pkt, fields, first) : jsonPacket(pkt, opts, first);
          first = false;
          return s;
        },
        end: () => jsonEnd(!first),
      };
    }
    case "ek": {
      const fields = registryFields(p.fields);
      return { fullTree: fields.length === 0, columns: false, start: () => "", packet: (pkt) => (fields.length ? ekFieldsPacket(pkt, fields) : ekPacket(pkt)), end: () => "" };
    }
    case "pdml":
      return { fullTree: true, columns: false, start: () => pdmlStart(p.captureFile, p.creatorVersion), packet: (pkt) => pdmlPacket(pkt), end: pdmlEnd };
    case "psml":
      return { fullTree: false, columns: true, start: () => psmlStart(p.creatorVersion), packet: (pkt, t) => psmlPacket(columnTexts(pkt, t, p.summary)), end: psmlEnd };
    default:
      // text and tabs: the tree (-V/-O) replaces the summary line; -x alone prints only the bytes
      if (p.detail !== undefined) {
        return { fullTree: true, columns: false, start: () => "", packet: (pkt) => treeText(pkt, p.detail ?? null) + "\n" + hex(pkt), end: () => "" };
      }
      if (p.hex) return { fullTree: false, columns: false, start: () => "", packet: hex, end: () => "" };
      return { fullTree: false, columns: true, start: () => "", packet: (pkt, t) => summaryLine(pkt, t, p.summary) + "\n", end: () => "" };
  }
}
