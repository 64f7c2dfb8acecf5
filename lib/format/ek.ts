// -T ek: Elasticsearch bulk NDJSON, an index line then one flattened document per packet ("udp_udp_srcport": "53").
import type { Node, Packet } from "../dissect/tree.ts";
import type { Field } from "../dissect/field.ts";
import { fieldText } from "./value.ts";
import { compactJson, obj, type JsonObject, type JsonValue } from "./json-writer.ts";
import { childrenOf, expertGroupNumber, indexName, isTextItem, jsonValue, packetLayers, SEVERITY_NUMBER, type JsonChild } from "./json-tree.ts";
import { nodeLabel } from "./value.ts";

const flat = (s: string) => s.replace(/\./g, "_");

/** "proto_field" names: the field's protocol, then its filter name, dots made underscores (made once per field). */
const ekKeys = new Map<Field, string>();
function ekKey(f: Field): string {
  let k = ekKeys.get(f);
  if (k === undefined) ekKeys.set(f, (k = `${flat(f.proto.abbrev)}_${flat(f.abbrev)}`));
  return k;
}

/** One item's value in ek: booleans as JSON booleans, items without a value as null, absolute times in ISO 8601. */
function ekValue(n: Node): JsonValue {
  const t = n.field.type;
  if (isTextItem(n)) return nodeLabel(n);
  if (t === "FT_BOOLEAN") return !!n.value;
  if (t === "FT_ABSOLUTE_TIME") return isoTime(n.value as bigint);
  return jsonValue(n);
}

function isoTime(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, "0");
  return new Date(Number(secs) * 1000).toISOString().slice(0, 19) + `.${frac}Z`;
}

type Entry = { key: string; items: JsonChild[] };

/** Siblings with the same name are written once, their values as an array, their children merged. */
function groupByKey(items: readonly JsonChild[]): Entry[] {
  const groups = new Map<string, Entry>();
  for (const it of items) {
    const key = it.expert ? "_ws_expert" : isTextItem(it.node!) ? "text" : ekKey(it.node!.field);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, items: [] }));
    g.items.push(it);
  }
  return [...groups.values()];
}

function expertMembers(it: JsonChild): JsonObject {
  const e = it.expert!;
  const proto = flat(e.abbrev.startsWith("_ws.") ? e.abbrev.split(".").slice(0, 2).join(".") : e.abbrev.split(".")[0]!);
  return obj([
    [`${proto}_${flat(e.abbrev)}`, null],
    ["_ws_expert__ws_expert_message", e.message],
    ["_ws_expert__ws_expert_severity", String(SEVERITY_NUMBER[e.severity])],
    ["_ws_expert__ws_expert_group", String(expertGroupNumber(e.group))],
  ]);
}

/** Write a list of sibling items into `out`, flattening subtrees (nested protocols become objects). */
function flatten(items: readonly JsonChild[], out: [string, JsonValue][]): void {
  for (const g of groupByKey(items)) {
    if (g.items[0]!.expert) {
      for (const it of g.items) out.push(["_ws_expert", expertMembers(it)]);
      continue;
    }
    const nodes = g.items.map((i) => i.node!);
    if (nodes[0]!.field.type === "FT_PROTOCOL" && !isTextItem(nodes[0]!)) {
      for (const n of nodes) out.push([flat(n.field.abbrev), protocolObject(n)]);
      continue;
    }
    const values = nodes.map(ekValue);
    out.push([g.key, values.length === 1 ? values[0]! : values]);
    flatten(nodes.flatMap(childrenOf), out);
  }
}

function protocolObject(n: Node): JsonObject {
  const members: [string, JsonValue][] = [];
  flatten(childrenOf(n), members);
  // the malformed marker names itself inside, as tshark's does
  if (n.label !== null && n.expert) members.push([flat(n.field.abbrev), obj()]);
  return obj(members);
}

/** The bulk index line and the document of one packet, each ending in a newline. */
export function ekPacket(pkt: Packet): string {
  const layers: [string, JsonValue][] = [];
  for (const layer of packetLayers(pkt)) {
    const kids = childrenOf(layer);
    layers.push([flat(layer.field.proto.abbrev), kids.length || layer.label === null ? protocolObject(layer) : nodeLabel(layer)]);
  }
  return ekDocument(pkt, obj(layers));
}

function ekDocument(pkt: Packet, layers: JsonObject): string {
  const index = compactJson(obj([["index", obj([["_index", indexName(pkt)], ["_type", "doc"]])]]));
  const doc = compactJson(obj([["timestamp", String(pkt.frame.ts / 1_000_000n)], ["layers", layers]]));
  return `${index}\n${doc}\n`;
}

/** -T ek -e f ...: the named fields only, each an array of its -T fields values. */
export function ekFieldsPacket(pkt: Packet, fields: readonly Field[]): string {
  const members: [string, JsonValue][] = [];
  for (const f of fields) {
    const nodes = pkt.nodes(f);
    if (nodes.length) members.push([flat(f.abbrev), nodes.map(fieldText)]);
  }
  return ekDocument(pkt, obj(members));
}
