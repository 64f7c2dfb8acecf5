// Raw IP link types (LINKTYPE_RAW and the old 12/14 numbers): the version nibble picks IPv4 or IPv6.
import { defineProtocol } from "./field.ts";
import { callData, tryTable, type Dissector } from "./tables.ts";

export const raw = defineProtocol({ abbrev: "raw", name: "Raw packet data", short: "Raw" }, {});

export const rawDissector: Dissector = {
  proto: raw,
  name: "raw_ip",
  handoff: [["link", 101], ["link", 12], ["link", 14]],
  dissect(tvb, pkt, parent) {
    const c = pkt.cols;
    if (c) {
      // packet-raw.c: "N/A" everywhere until the IP layer names things
      c.setProtocol("N/A");
      c.setInfo("Raw packet data");
      c.setAddrText("src", "N/A");
      c.setAddrText("dst", "N/A");
    }
    const top = pkt.addProto(parent, raw, tvb, 0, tvb.remaining(0));
    if (pkt.full) top.setLabel("Raw packet data");
    // the PPP-in-HDLC check reads two bytes first: a 1-byte capture stops here
    tvb.u16(0);
    const v = tvb.u8(0) >> 4;
    const et = v === 4 ? 0x0800 : v === 6 ? 0x86dd : -1;
    if (et < 0 || !tryTable(pkt, "ethertype", et, tvb, parent)) callData(tvb, pkt, parent);
    return tvb.reported;
  },
};
