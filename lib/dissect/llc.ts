// IEEE 802.2 LLC (and SNAP): SAPs and the I/S/U control field; also what UDP ports 12000-12004 carry (IBM Enterprise Extender).
import { defineProtocol, vals } from "./field.ts";
import { callData, type Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { bitPicture } from "../format/value.ts";
import { ethertypeNames } from "./values/ethertype.ts";
import { dissectEthertype } from "./eth.ts";

/** SAP names by the SAP byte (Wireshark's sap_vals). */
const SAPS = vals({ 0x0: "NULL LSAP", 0x1: "NULL LSAP", 0x2: "LLC Sub-Layer Management", 0x4: "SNA Path Control", 0x6: "TCP/IP", 0x8: "SNA", 0xc: "SNA", 0xe: "PROWAY (IEC955) Network Management and Initialization", 0x10: "NetWare (unofficial?)", 0x14: "ISO Network Layer (OSLAN 1)", 0x18: "Texas Instruments", 0x20: "ISO Network Layer (unofficial?)", 0x34: "ISO Network Layer (unofficial?)", 0x42: "Spanning Tree BPDU", 0x4e: "EIA RS-511 Manufacturing Message Service", 0x54: "ISO Network Layer (OSLAN 2)", 0x7e: "ISO 8208 (X.25 over 802.2)", 0x7f: "ISO 802.2", 0x80: "XNS", 0x82: "BACnet", 0x86: "Nestar", 0x8e: "PROWAY (IEC955) Active Station List Maintenance", 0x98: "ARP", 0xb4: "HP JetDirect Printer", 0xaa: "SNAP", 0xba: "Banyan Vines", 0xbc: "Banyan Vines", 0xe0: "NetWare", 0xf0: "NetBIOS", 0xf4: "IBM Net Management", 0xf8: "HP Extended LLC", 0xfa: "Ungermann-Bass", 0xfc: "Remote Program Load", 0xfe: "ISO Network Layer", 0xff: "Global LSAP",  });

const S_FUNCS = vals({ 0: "Receiver ready", 1: "Receiver not ready", 2: "Reject", 3: "Selective reject" });
const S_ABBREV = ["RR", "RNR", "REJ", "SREJ"] as const;
const U_CMDS = vals({ 0x00: "Unnumbered Information", 0x08: "Unnumbered Poll", 0x10: "Disconnect", 0x18: "Unnumbered Acknowledge", 0x20: "Set Normal Response Mode", 0x38: "Test", 0x01: "Set Initialization Mode", 0x21: "Frame reject", 0x31: "Configure", 0x03: "Set Asynchronous Response Mode", 0x0b: "Set Asynchronous Balanced Mode", 0x13: "Set Asynchronous Response Mode Extended", 0x1b: "Set Asynchronous Balanced Mode Extended", 0x23: "Reset", 0x2b: "Exchange identification", 0x33: "Set Normal Response Mode Extended", 0x3b: "Beacon" });
const U_RESPS = vals({ 0x00: "Unnumbered Information", 0x08: "Unnumbered Poll", 0x10: "Request Disconnect", 0x18: "Unnumbered Acknowledge", 0x20: "Set Normal Response Mode", 0x38: "Test", 0x01: "Request Initialization Mode", 0x21: "Frame reject", 0x31: "Configure", 0x03: "Disconnected mode", 0x0b: "Set Asynchronous Balanced Mode", 0x13: "Set Asynchronous Response Mode Extended", 0x1b: "Set Asynchronous Balanced Mode Extended", 0x23: "Reset", 0x2b: "Exchange identification", 0x33: "Set Normal Response Mode Extended", 0x3b: "Beacon" });
/** The short U-frame names of the Info column, by modifier (0xec bits, shifted), for commands and responses. */
const U_CMD_ABBREV = vals({ 0x00: "UI", 0x08: "UP", 0x10: "DISC", 0x18: "UA", 0x20: "SNRM", 0x38: "TEST", 0x01: "SIM", 0x21: "FRMR", 0x31: "CFGR", 0x03: "SARM", 0x0b: "SABM", 0x13: "SARME", 0x1b: "SABME", 0x23: "RESET", 0x2b: "XID", 0x33: "SNRME", 0x3b: "BCN" });
const U_RESP_ABBREV = vals({ 0x00: "UI", 0x08: "UP", 0x10: "RD", 0x18: "UA", 0x20: "SNRM", 0x38: "TEST", 0x01: "RIM", 0x21: "FRMR", 0x31: "CFGR", 0x03: "DM", 0x0b: "SABM", 0x13: "SARME", 0x1b: "SABME", 0x23: "RESET", 0x2b: "XID", 0x33: "SNRME", 0x3b: "BCN" });
const FTYPES = vals({ 0: "Information frame", 1: "Supervisory frame", 3: "Unnumbered frame" });

export const llc = defineProtocol({ abbrev: "llc", name: "Logical-Link Control", short: "LLC" }, {
  dsap: { name: "DSAP", type: "FT_UINT8", base: "BASE_HEX", strings: SAPS, blurb: "DSAP - 7 Most Significant Bits only" },
  "dsap.sap": { name: "SAP", type: "FT_UINT8", base: "BASE_CUSTOM", mask: 0xfe, blurb: "Service Access Point" },
  "dsap.ig": { name: "IG Bit", type: "FT_BOOLEAN", base: 8, mask: 0x01, tfs: { yes: "Group", no: "Individual" }, blurb: "Individual/Group - if IG bit is set, this is a group DSAP" },
  ssap: { name: "SSAP", type: "FT_UINT8", base: "BASE_HEX", strings: SAPS, blurb: "SSAP - 7 Most Significant Bits only" },
  "ssap.sap": { name: "SAP", type: "FT_UINT8", base: "BASE_CUSTOM", mask: 0xfe, blurb: "Service Access Point" },
  "ssap.cr": { name: "CR Bit", type: "FT_BOOLEAN", base: 8, mask: 0x01, tfs: { yes: "Response", no: "Command" }, blurb: "Command/Response - if CR bit is set, this is a response SSAP" },
  control: { name: "Control", type: "FT_UINT16", base: "BASE_HEX" },
  "control.n_r": { name: "N(R)", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfe00 },
  "control.n_s": { name: "N(S)", type: "FT_UINT16", base: "BASE_DEC", mask: 0x00fe },
  "control.p": { name: "Poll", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "control.f": { name: "Final", type: "FT_BOOLEAN", base: 8, mask: 0x10 },
  "control.p_ext": { name: "Poll", type: "FT_BOOLEAN", base: 16, mask: 0x0100, abbrev: "llc.control.p" },
  "control.f_ext": { name: "Final", type: "FT_BOOLEAN", base: 16, mask: 0x0100, abbrev: "llc.control.f" },
  "control.s_ftype": { name: "Supervisory frame type", type: "FT_UINT16", base: "BASE_HEX", mask: 0x000c, strings: S_FUNCS },
  "control.u_modifier_cmd": { name: "Command", type: "FT_UINT8", base: "BASE_HEX", mask: 0xec, strings: U_CMDS },
  "control.u_modifier_resp": { name: "Response", type: "FT_UINT8", base: "BASE_HEX", mask: 0xec, strings: U_RESPS },
  "control.ftype": { name: "Frame type", type: "FT_UINT16", base: "BASE_HEX", mask: 0x0001, strings: FTYPES },
  "control.ftype_s": { name: "Frame type", type: "FT_UINT16", base: "BASE_HEX", mask: 0x0003, strings: FTYPES, abbrev: "llc.control.ftype" },
  "control.ftype_u": { name: "Frame type", type: "FT_UINT8", base: "BASE_HEX", mask: 0x03, strings: FTYPES, abbrev: "llc.control.ftype" },
  type: { name: "Type", type: "FT_UINT16", base: "BASE_HEX", strings: ethertypeNames },
  oui: { name: "Organization Code", type: "FT_UINT24", base: "BASE_OUI" },
  pid: { name: "Protocol ID", type: "FT_UINT16", base: "BASE_HEX" },
});

const F = llc.f;
const SNAP = 0xaa;

/** A SAP as the Info column names it: its name, or its 7 bits in hex. */
function sapText(sap: number): string {
  return SAPS.get(sap & 0xfe) ?? `0x${(sap & 0xfe).toString(16).padStart(2, "0")}`;
}

/** The "SAP: name" bit line; Wireshark's custom format names the SAP without its number. */
function addSapLine(pkt: Packet, parent: Node, f: typeof F.dsap, tvb: Tvb, off: number, sap: number): void {
  const n = pkt.add(parent, f, tvb, off, 1, sap >> 1);
  if (pkt.full) n.setLabel(`${bitPicture(f, sap & 0xfe)} = SAP: ${SAPS.get(sap & 0xfe) ?? "Unknown"}`);
}

function dissectLlc(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.cols;
  c?.setProtocol("LLC");
  c?.clearInfo();
  const top = pkt.addProto(parent, llc, tvb, 0, -1);
  const dsap = tvb.u8(0);
  const d = pkt.add(top, F.dsap, tvb, 0, 1, dsap);
  addSapLine(pkt, d, F["dsap.sap"], tvb, 0, dsap);
  pkt.add(d, F["dsap.ig"], tvb, 0, 1, dsap & 1);
  const ssap = tvb.u8(1);
  const s = pkt.add(top, F.ssap, tvb, 1, 1, ssap);
  addSapLine(pkt, s, F["ssap.sap"], tvb, 1, ssap);
  pkt.add(s, F["ssap.cr"], tvb, 1, 1, ssap & 1);
  const response = (ssap & 1) === 1;
  const b0 = tvb.u8(2);
  const isU = (b0 & 3) === 3;
  const ctrl = isU ? b0 : b0 | (tvb.u8(3) << 8);
  const ctlLen = isU ? 1 : 2;
  const pf = isU ? (ctrl & 0x10) !== 0 : (ctrl & 0x100) !== 0;
  const pfText = pf ? (response ? " F" : " P") : "";
  let summary: string;
  const ct = pkt.add(top, F.control, tvb, 2, ctlLen, ctrl);
  if ((b0 & 1) === 0) {
    const nr = ctrl >> 9, ns = (ctrl >> 1) & 0x7f;
    summary = `I${pfText}, N(R)=${nr}, N(S)=${ns}`;
    pkt.add(ct, F["control.n_r"], tvb, 2, 2, nr);
    pkt.add(ct, F["control.n_s"], tvb, 2, 2, ns);
    if (pf) pkt.add(ct, response ? F["control.f_ext"] : F["control.p_ext"], tvb, 2, 2, 1);
    pkt.add(ct, F["control.ftype"], tvb, 2, 2, 0);
  } else if (!isU) {
    const nr = ctrl >> 9, func = (ctrl >> 2) & 3;
    summary = `S${pfText}, func=${S_ABBREV[func]}, N(R)=${nr}`;
    pkt.add(ct, F["control.n_r"], tvb, 2, 2, nr);
    if (pf) pkt.add(ct, response ? F["control.f_ext"] : F["control.p_ext"], tvb, 2, 2, 1);
    pkt.add(ct, F["control.s_ftype"], tvb, 2, 2, func);
    pkt.add(ct, F["control.ftype_s"], tvb, 2, 2, 1);
  } else {
    const mod = (ctrl & 0xec) >> 2;
    const name = (response ? U_RESP_ABBREV : U_CMD_ABBREV).get(mod) ?? "Unknown";
    summary = `U${pfText}, func=${name}`;
    if (pf) pkt.add(ct, response ? F["control.f"] : F["control.p"], tvb, 2, 1, 1);
    pkt.add(ct, response ? F["control.u_modifier_resp"] : F["control.u_modifier_cmd"], tvb, 2, 1, mod);
    pkt.add(ct, F["control.ftype_u"], tvb, 2, 1, 3);
  }
  if (pkt.full) ct.setLabel(`Control field: ${summary} (0x${ctrl.toString(16).toUpperCase().padStart(isU ? 2 : 4, "0")})`);
  c?.setInfo(`${summary}; DSAP ${sapText(dsap)} ${dsap & 1 ? "Group" : "Individual"}, SSAP ${sapText(ssap)} ${response ? "Response" : "Command"}`);
  let off = 2 + ctlLen;
  // Only I frames and UI/XID/TEST-style U frames carry data; S frames end here.
  if (!isU && (b0 & 1) === 1) {
    if (pkt.full) top.setLen(off);
    return tvb.reported;
  }
  if (dsap === SNAP && ssap === SNAP && isU) {
    const oui = tvb.u24(off);
    const pid = tvb.u16(off + 3);
    const o = pkt.add(top, F.oui, tvb, off, 3, oui);
    if (oui === 0) {
      // RFC 1042 encapsulation: the PID is an ethertype
      if (pkt.full) o.setLabel("Organization Code: 00:00:00 (Officially Xerox, but");
      pkt.add(top, F.type, tvb, off + 3, 2, pid);
      if (pkt.full) top.setLen(off + 5);
      dissectEthertype(pkt, pid, tvb.subset(off + 5), parent, false);
      return tvb.reported;
    }
    pkt.add(top, F.pid, tvb, off + 3, 2, pid);
    off += 5;
  }
  if (pkt.full) top.setLen(off);
  if (tvb.reported > off) callData(tvb.subset(off), pkt, parent);
  return tvb.reported;
}

export const llcDissector: Dissector = {
  proto: llc,
  name: "llc",
  handoff: [["udp.port", 12000], ["udp.port", 12001], ["udp.port", 12002], ["udp.port", 12003], ["udp.port", 12004]],
  dissect: dissectLlc,
};
