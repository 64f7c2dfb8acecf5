// The top-most dissector: frame.* fields (times, lengths, protocols) and the hand-off by link type.
import { defineProtocol, vals } from "./field.ts";
import { callDissector } from "./tables.ts";
import { showException } from "./exceptions.ts";
import type { Tvb } from "./tvb.ts";
import { NOOP, type Node, type Packet } from "./tree.ts";

/** pcap LINKTYPE_* -> Wireshark's WTAP_ENCAP_* number and name (frame.encap_type). */
export const ENCAPS: ReadonlyMap<number, { readonly encap: number; readonly name: string }> = new Map([
  [0, { encap: 15, name: "NULL/Loopback" }],
  [1, { encap: 1, name: "Ethernet" }],
  [12, { encap: 7, name: "Raw IP" }],
  [14, { encap: 7, name: "Raw IP" }],
  [101, { encap: 7, name: "Raw IP" }],
  [108, { encap: 137, name: "OpenBSD loopback" }],
  [113, { encap: 25, name: "Linux cooked-mode capture v1" }],
  [228, { encap: 129, name: "Raw IPv4" }],
  [229, { encap: 130, name: "Raw IPv6" }],
  [276, { encap: 210, name: "Linux cooked-mode capture v2" }],
]);

export const frame = defineProtocol({ abbrev: "frame", name: "Frame", short: "Frame" }, {
  interface_id: { name: "Interface id", type: "FT_UINT32", base: "BASE_DEC" },
  interface_name: { name: "Interface name", type: "FT_STRING", blurb: "The friendly name for this interface" },
  interface_description: { name: "Interface description", type: "FT_STRING", blurb: "The description for this interface" },
  encap_type: { name: "Encapsulation type", type: "FT_INT16", base: "BASE_DEC", strings: vals(Object.fromEntries([...ENCAPS.values()].map((e) => [e.encap, e.name]))) },
  time: { name: "Arrival Time", type: "FT_ABSOLUTE_TIME", blurb: "Absolute time when this frame was captured" },
  offset_shift: { name: "Time shift for this packet", type: "FT_RELATIVE_TIME", blurb: "Time shift applied to this packet" },
  time_epoch: { name: "Epoch Time", type: "FT_RELATIVE_TIME", blurb: "Epoch time when this frame was captured" },
  time_delta: { name: "Time delta from previous captured frame", type: "FT_RELATIVE_TIME" },
  time_delta_displayed: { name: "Time delta from previous displayed frame", type: "FT_RELATIVE_TIME" },
  time_relative: { name: "Time since reference or first frame", type: "FT_RELATIVE_TIME", blurb: "Time relative to time reference or first frame" },
  number: { name: "Frame Number", type: "FT_UINT32", base: "BASE_DEC" },
  len: { name: "Frame length on the wire", type: "FT_UINT32", base: "BASE_DEC" },
  cap_len: { name: "Frame length stored into the capture file", type: "FT_UINT32", base: "BASE_DEC" },
  marked: { name: "Frame is marked", type: "FT_BOOLEAN", base: 0, blurb: "Frame is marked in the GUI" },
  ignored: { name: "Frame is ignored", type: "FT_BOOLEAN", base: 0, blurb: "Frame is ignored by the dissectors" },
  protocols: { name: "Protocols in frame", type: "FT_STRING", blurb: "Protocols carried by this frame" },
  comment: { name: "Comment", type: "FT_STRING" },
});

const F = frame.f;

/** "N bytes (M bits)" as the frame labels write lengths. */
const bits = (n: number) => `${n} bytes (${n * 8} bits)`;
const onWire = (n: number) => `${n} bytes on wire (${n * 8} bits)`;
const captured = (n: number) => `${n} bytes captured (${n * 8} bits)`;

/** Dissect the whole frame. Never throws: a bounds error becomes a marker, anything else a malformed one. */
export function dissectFrameRoot(tvb: Tvb, pkt: Packet): void {
  const fr = pkt.frame;
  const s = pkt.session;
  // seconds and nanoseconds as numbers (readers provide them; a bigint timestamp is split once)
  const sec = fr.tsSec ?? Number(fr.ts / 1_000_000_000n);
  const nsec = fr.tsNsec ?? Number(fr.ts % 1_000_000_000n);
  if (Number.isNaN(s.baseSec)) s.baseSec = sec;
  const rel = (sec - s.baseSec) * 1e9 + nsec;
  pkt.sec = sec;
  pkt.nsec = nsec;
  pkt.rel = rel;
  if (s.firstRel < 0) s.firstRel = rel;
  const prev = s.prevRel < 0 ? rel : s.prevRel;
  s.prevRel = rel;

  const root = pkt.addProto(NOOP, frame, tvb, 0, -1);
  pkt.root = root;
  const iface = fr.iface;
  const ifName = iface !== undefined ? s.interfaceNames[iface] : undefined;
  if (pkt.full) {
    root.setLabel(
      `Frame ${pkt.num}: ${onWire(fr.len)}, ${captured(fr.caplen)}` + (ifName !== undefined ? ` on interface ${ifName}, id ${iface}` : ""),
    );
  }
  if (ifName !== undefined) {
    const n = pkt.add(root, F.interface_id, tvb, 0, 0, iface!);
    if (pkt.full) n.append(` (${ifName})`);
    pkt.add(n, F.interface_name, tvb, 0, 0, ifName);
  }
  const encap = ENCAPS.get(fr.linktype);
  pkt.add(root, F.encap_type, tvb, 0, 0, encap ? encap.encap : -1);
  if (pkt.full || pkt.want) {
    // each value only when asked for: -T fields runs must not pay a BigInt per field per packet
    const w = (f: (typeof F)[keyof typeof F]) => pkt.wants(f);
    if (w(F.time)) pkt.add(root, F.time, tvb, 0, 0, fr.ts);
    if (w(F.offset_shift)) pkt.add(root, F.offset_shift, tvb, 0, 0, 0n).generated();
    if (w(F.time_epoch)) pkt.add(root, F.time_epoch, tvb, 0, 0, fr.ts);
    if (w(F.time_delta)) pkt.add(root, F.time_delta, tvb, 0, 0, BigInt(rel - prev)).generated();
    // Without -Y every frame is displayed, so "previous displayed" is the previous frame (a filter updates it).
    if (w(F.time_delta_displayed)) {
      const prevShown = s.prevDisplayedRel < 0 ? rel : s.prevDisplayedRel;
      pkt.add(root, F.time_delta_displayed, tvb, 0, 0, BigInt(rel - prevShown)).generated();
    }
    if (w(F.time_relative)) pkt.add(root, F.time_relative, tvb, 0, 0, BigInt(rel - s.firstRel)).generated();
    pkt.add(root, F.number, tvb, 0, 0, pkt.num);
    const lenNode = pkt.add(root, F.len, tvb, 0, 0, fr.len);
    const capNode = pkt.add(root, F.cap_len, tvb, 0, 0, fr.caplen);
    if (pkt.full) {
      lenNode.setLabel(`Frame Length: ${bits(fr.len)}`);
      capNode.setLabel(`Capture Length: ${bits(fr.caplen)}`);
    }
    pkt.add(root, F.marked, tvb, 0, 0, 0).generated();
    pkt.add(root, F.ignored, tvb, 0, 0, 0).generated();
    for (const c of fr.comments ?? []) pkt.add(root, F.comment, tvb, 0, 0, c);
  }
  const protocols = pkt.add(root, F.protocols, tvb, 0, 0, "").generated();

  const d = s.tables.byName.link.get(fr.linktype);
  try {
    if (d) callDissector(d, tvb, pkt, root);
    else dissectUnknownEncap(tvb, pkt, root);
  } catch (err) {
    showException(err, tvb, pkt, root);
  }
  // frame.protocols is known only now; the node was added in its place above (Wireshark fills it in late too)
  if (protocols.field === F.protocols) protocols.value = pkt.layers.slice(1).join(":");
}

/** Wireshark shows a frame of an encapsulation it cannot dissect as Data, with the Protocol column "UNKNOWN". */
function dissectUnknownEncap(tvb: Tvb, pkt: Packet, root: Node): void {
  pkt.cols?.setProtocol("UNKNOWN");
  pkt.cols?.setInfo(`WTAP_ENCAP = ${pkt.frame.linktype}`);
  callDissector(pkt.session.tables.data, tvb, pkt, root);
}
