// -d layer==selector,proto ("Decode As"): point a table entry at another dissector, with tshark's messages.
import { ToolError } from "../cli/error.ts";
import type { TableName, Tables } from "./tables.ts";

/** -d layer types we have, with the descriptions tshark lists. */
const LAYERS: ReadonlyMap<string, { table: TableName; title: string }> = new Map([
  ["ethertype", { table: "ethertype", title: "Ethertype" }],
  ["ip.proto", { table: "ip.proto", title: "IP protocol" }],
  ["tcp.port", { table: "tcp.port", title: "TCP port" }],
  ["udp.port", { table: "udp.port", title: "UDP port" }],
]);

const TEMPLATE = (s: string) => `Parameter "${s}" doesn't follow the template "<layer_type>==<selector>,<decode_as_protocol>"`;

function validLayers(): string[] {
  return ["Valid layer types are:", ...[...LAYERS].map(([k, v]) => `\t${k} (${v.title})`)].map((l, i) => (i ? l : `tsshark: ${l}`));
}

function validProtocols(t: Tables, layer: string): string[] {
  const names = [...t.byDissectorName.entries()].map(([n, d]) => `\t${n} (${d.proto.name})`).sort();
  return [`tsshark: Valid protocols for layer type "${layer}" are:`, ...names];
}

/** Apply one -d argument to the session's tables; selectors may be N, N-M (range) or N:count. */
export function applyDecodeAs(t: Tables, arg: string): void {
  const m = /^([^=]+)==([^,]*)(?:,(.*))?$/.exec(arg);
  const layerName = m?.[1] ?? arg.split("=")[0]!;
  const layer = LAYERS.get(layerName);
  if (!m || m[3] === undefined) {
    if (!layer) throw new ToolError(TEMPLATE(arg), 1, [`tsshark: Unknown layer type -- ${layerName}`, ...validLayers()]);
    throw new ToolError(TEMPLATE(arg), 1, validProtocols(t, layerName));
  }
  if (!layer) throw new ToolError(`Unknown layer type -- ${layerName}`, 1, validLayers());
  const sel = m[2]!.trim();
  const range = /^(\d+|0x[0-9a-f]+)(?:([-:])(\d+))?$/i.exec(sel);
  if (!range) throw new ToolError(`Invalid selector number "${sel}"`, 1);
  const lo = Number(range[1]);
  const hi = range[2] === "-" ? Number(range[3]) : range[2] === ":" ? lo + Number(range[3]) - 1 : lo;
  const protoName = m[3]!.trim();
  const d = t.byDissectorName.get(protoName);
  if (!d) throw new ToolError(`Unknown protocol -- "${protoName}"`, 1, validProtocols(t, layerName));
  const table = t.byName[layer.table];
  for (let k = Math.min(lo, hi); k <= Math.max(lo, hi); k++) table.set(k, d);
}
