// "Data": what Wireshark shows for bytes no dissector claims.
import { defineProtocol } from "./field.ts";
import type { Dissector } from "./tables.ts";

export const data = defineProtocol({ abbrev: "data", name: "Data", short: "Data" }, {
  data: { name: "Data", type: "FT_BYTES" },
  text: { name: "Text", type: "FT_STRING" },
  len: { name: "Length", type: "FT_INT32", base: "BASE_DEC" },
});

export const dataDissector: Dissector = {
  proto: data,
  name: "data",
  dissect(tvb, pkt, parent) {
    if (tvb.reported <= 0) return 0;
    // Like packet-data.c: the layer counts whenever called, the items cover only the captured bytes.
    const n = tvb.captured;
    if (n <= 0) {
      pkt.addLayer(data.abbrev);
      return tvb.reported;
    }
    const top = pkt.addProto(parent, data, tvb, 0, n);
    if (pkt.full) top.setLabel(`Data (${n} byte${n === 1 ? "" : "s"})`);
    pkt.add(top, data.f.data, tvb, 0, n, null);
    pkt.add(top, data.f.len, tvb, 0, 0, n).generated();
    return tvb.reported;
  },
};
