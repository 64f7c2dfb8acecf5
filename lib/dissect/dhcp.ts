// DHCP / BOOTP (RFC 2131, 2132): the fixed header, the magic cookie and the options, with tshark's Info line.
import { defineProtocol, vals, type FieldSpec } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { ipv4Text } from "../format/address.ts";
import { secondsText } from "./dns-rdata.ts";
import { etherAt } from "../format/address.ts";
import { macName } from "./names.ts";

/** "00:0c:29:1f:74:06 (VMware_1f:74:06)": the address, then its name as the BOOTP Info column shows it. */
function macText(tvb: Tvb, off: number): string {
  tvb.check(off, 6);
  return `${etherAt(tvb.data, tvb.start + off)} (${macName(tvb.data, tvb.start + off, true)})`;
}

const MSG_TYPES = vals({ 1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK", 6: "NAK", 7: "Release", 8: "Inform", 9: "Force Renew", 10: "Lease query", 11: "Lease Unassigned", 12: "Lease Unknown", 13: "Lease Active", 14: "Bulk Lease Query", 15: "Lease Query Done", 16: "Active LeaseQuery", 17: "Lease Query Status", 18: "TLS" });
const HW_TYPES = vals({ 1: "Ethernet", 6: "IEEE 802", 7: "ARCNET", 15: "Frame Relay", 16: "ATM", 20: "Serial Line", 32: "InfiniBand" });

/** Option names as Wireshark labels them ("Option: (53) DHCP Message Type"). */
const OPTION_NAMES = vals({
  0: "Padding", 1: "Subnet Mask", 2: "Time Offset", 3: "Router", 4: "Time Server", 5: "Name Server", 6: "Domain Name Server",
  7: "Log Server", 12: "Host Name", 13: "Boot File Size", 15: "Domain Name", 19: "IP Forwarding", 23: "Default IP Time-to-Live",
  26: "Interface MTU", 28: "Broadcast Address", 31: "Perform Router Discover", 33: "Static Route", 42: "Network Time Protocol Servers",
  43: "Vendor-Specific Information", 44: "NetBIOS over TCP/IP Name Server", 46: "NetBIOS over TCP/IP Node Type",
  47: "NetBIOS over TCP/IP Scope", 50: "Requested IP Address", 51: "IP Address Lease Time", 52: "Option Overload",
  53: "DHCP Message Type", 54: "DHCP Server Identifier", 55: "Parameter Request List", 56: "Message",
  57: "Maximum DHCP Message Size", 58: "Renewal Time Value", 59: "Rebinding Time Value", 60: "Vendor class identifier",
  61: "Client identifier", 66: "TFTP Server Name", 67: "Bootfile name", 77: "User Class Information",
  81: "Client Fully Qualified Domain Name", 82: "Agent Information Option", 119: "Domain Search", 121: "Classless Static Route",
  40: "Network Information Service Domain", 41: "Network Information Service Servers", 91: "Client last transaction time",
  92: "Associated IP option", 95: "LDAP [TODO:RFC3679]", 100: "PCode", 101: "TCode", 108: "IPv6-Only Preferred",
  114: "DHCP Captive-Portal", 143: "Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]", 145: "Forcerenew Nonce Capable",
  150: "TFTP Server Address", 161: "Manufacturer Usage Description",
  252: "Private/Proxy autodiscovery", 255: "End",
});

const ip = (name: string): FieldSpec => ({ name, type: "FT_IPv4" });
const stringz = (name: string): FieldSpec => ({ name, type: "FT_STRINGZ" });

export const dhcp = defineProtocol({ abbrev: "dhcp", name: "Dynamic Host Configuration Protocol", short: "DHCP/BOOTP" }, {
  bootp: { name: "Frame is BOOTP", type: "FT_BOOLEAN", base: 0 },
  type: { name: "Message type", type: "FT_UINT8", base: "BASE_DEC", strings: vals({ 1: "Boot Request", 2: "Boot Reply" }) },
  "hw.type": { name: "Hardware type", type: "FT_UINT8", base: "BASE_HEX", strings: HW_TYPES },
  "hw.len": { name: "Hardware address length", type: "FT_UINT8", base: "BASE_DEC" },
  hops: { name: "Hops", type: "FT_UINT8", base: "BASE_DEC" },
  id: { name: "Transaction ID", type: "FT_UINT32", base: "BASE_HEX" },
  secs: { name: "Seconds elapsed", type: "FT_UINT16", base: "BASE_DEC" },
  flags: { name: "Bootp flags", type: "FT_UINT16", base: "BASE_HEX" },
  "flags.bc": { name: "Broadcast flag", type: "FT_BOOLEAN", base: 16, mask: 0x8000, tfs: { yes: "Broadcast", no: "Unicast" } },
  "flags.reserved": { name: "Reserved flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0x7fff },
  "ip.client": ip("Client IP address"),
  "ip.your": ip("Your (client) IP address"),
  "ip.server": ip("Next server IP address"),
  "ip.relay": ip("Relay agent IP address"),
  "hw.addr": { name: "Client hardware address", type: "FT_BYTES" },
  "hw.addr_padding": { name: "Client hardware address padding", type: "FT_BYTES" },
  "hw.mac_addr": { name: "Client MAC address", type: "FT_ETHER" },
  server: { name: "Server host name", type: "FT_STRING" },
  file: { name: "Boot file name", type: "FT_STRING" },
  cookie: { name: "Magic cookie", type: "FT_IPv4" },
  vendor_specific_options: { name: "Bootp vendor specific options", type: "FT_BYTES" },
  "option.type": { name: "Option", type: "FT_UINT8", base: "BASE_DEC", strings: OPTION_NAMES },
  "option.length": { name: "Length", type: "FT_UINT8", base: "BASE_DEC" },
  "option.value": { name: "Value", type: "FT_BYTES" },
  "option.padding": { name: "Padding", type: "FT_BYTES" },
  "option.subnet_mask": ip("Subnet Mask"),
  "option.router": ip("Router"),
  "option.domain_name_server": ip("Domain Name Server"),
  "option.hostname": stringz("Host Name"),
  "option.domain_name": stringz("Domain Name"),
  "option.broadcast_address": ip("Broadcast Address"),
  "option.requested_ip_address": ip("Requested IP Address"),
  "option.ip_address_lease_time": { name: "IP Address Lease Time", type: "FT_UINT32", base: "BASE_DEC" },
  "option.dhcp": { name: "DHCP", type: "FT_UINT8", base: "BASE_DEC", strings: MSG_TYPES },
  "option.dhcp_server_id": ip("DHCP Server Identifier"),
  "option.request_list_item": { name: "Parameter Request List Item", type: "FT_UINT8", base: "BASE_DEC", strings: OPTION_NAMES },
  "option.message": stringz("Message"),
  "option.dhcp_max_message_size": { name: "Maximum DHCP Message Size", type: "FT_UINT16", base: "BASE_DEC" },
  "option.renewal_time_value": { name: "Renewal Time Value", type: "FT_UINT32", base: "BASE_DEC" },
  "option.rebinding_time_value": { name: "Rebinding Time Value", type: "FT_UINT32", base: "BASE_DEC" },
  "option.vendor_class_id": stringz("Vendor class identifier"),
  "option.end": { name: "Option End", type: "FT_UINT8", base: "BASE_DEC" },
  "option.client_last_transaction_time": { name: "Client last transaction time", type: "FT_UINT32", base: "BASE_DEC" },
  "option.associated_ip_option": ip("Associated IP option"),
  "option.tftp_server_address": ip("TFTP Server Address"),
  "option.mudurl": { name: "MUDURL", type: "FT_STRING" },
  "option.static_route.ip": ip("Destination IP Address"),
  "option.static_route.router": ip("Destination Router"),
  "option.user_class": { name: "Instance of User Class", type: "FT_NONE" },
  "option.user_class.length": { name: "User Class Length", type: "FT_UINT8", base: "BASE_DEC" },
  "option.user_class.text": { name: "User Class Data", type: "FT_BYTES" },
});

const F = dhcp.f;
type DhcpField = (typeof F)[keyof typeof F];

/** Options whose value is one field: IPv4 lists, strings and times; the label may show the value. */
const SIMPLE: ReadonlyMap<number, { field: DhcpField; kind: "ip" | "ips" | "string" | "time" | "u16"; show: boolean }> = new Map([
  [1, { field: F["option.subnet_mask"], kind: "ip", show: true }],
  [3, { field: F["option.router"], kind: "ips", show: false }],
  [6, { field: F["option.domain_name_server"], kind: "ips", show: false }],
  [12, { field: F["option.hostname"], kind: "string", show: false }],
  [15, { field: F["option.domain_name"], kind: "string", show: false }],
  [28, { field: F["option.broadcast_address"], kind: "ip", show: true }],
  [50, { field: F["option.requested_ip_address"], kind: "ip", show: true }],
  [51, { field: F["option.ip_address_lease_time"], kind: "time", show: false }],
  [54, { field: F["option.dhcp_server_id"], kind: "ip", show: true }],
  [56, { field: F["option.message"], kind: "string", show: false }],
  [57, { field: F["option.dhcp_max_message_size"], kind: "u16", show: false }],
  [58, { field: F["option.renewal_time_value"], kind: "time", show: false }],
  [59, { field: F["option.rebinding_time_value"], kind: "time", show: false }],
  [60, { field: F["option.vendor_class_id"], kind: "string", show: false }],
  [91, { field: F["option.client_last_transaction_time"], kind: "time", show: false }],
  [92, { field: F["option.associated_ip_option"], kind: "ips", show: false }],
  [150, { field: F["option.tftp_server_address"], kind: "ips", show: false }],
  [161, { field: F["option.mudurl"], kind: "string", show: false }],
]);

const MAGIC = 0x63825363;

function dissectDhcp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.cols;
  const op = tvb.u8(0);
  // BOOTP until option 53 says otherwise; set first so that a short packet still says what it was
  c?.setProtocol("BOOTP");
  c?.clearInfo();
  c?.setInfo(op === 1 ? "Boot Request" : op === 2 ? "Boot Reply" : `Unknown BOOTP message type (${op})`);
  const top = pkt.addProto(parent, dhcp, tvb, 0, -1);
  // Wireshark reads the whole fixed header (and scans the options) before it adds any field
  tvb.check(0, 236);
  pkt.add(top, F.type, tvb, 0, 1, op);
  const htype = tvb.u8(1), hlen = tvb.u8(2);
  pkt.add(top, F["hw.type"], tvb, 1, 1, htype);
  pkt.add(top, F["hw.len"], tvb, 2, 1, hlen);
  pkt.add(top, F.hops, tvb, 3, 1, tvb.u8(3));
  const xid = tvb.u32(4);
  pkt.add(top, F.id, tvb, 4, 4, xid);
  pkt.add(top, F.secs, tvb, 8, 2, tvb.u16(8));
  const flags = tvb.u16(10);
  const fl = pkt.add(top, F.flags, tvb, 10, 2, flags);
  if (pkt.full) fl.append(flags & 0x8000 ? " (Broadcast)" : " (Unicast)");
  pkt.add(fl, F["flags.bc"], tvb, 10, 2, flags >> 15);
  pkt.add(fl, F["flags.reserved"], tvb, 10, 2, flags & 0x7fff);
  pkt.add(top, F["ip.client"], tvb, 12, 4, tvb.u32(12));
  pkt.add(top, F["ip.your"], tvb, 16, 4, tvb.u32(16));
  pkt.add(top, F["ip.server"], tvb, 20, 4, tvb.u32(20));
  pkt.add(top, F["ip.relay"], tvb, 24, 4, tvb.u32(24));
  if (htype === 1 && hlen === 6) {
    pkt.add(top, F["hw.mac_addr"], tvb, 28, 6, null);
    if (op === 1) c?.setInfo(`Boot Request from ${macText(tvb, 28)}`);
    pkt.add(top, F["hw.addr_padding"], tvb, 34, 10, null);
  } else pkt.add(top, F["hw.addr"], tvb, 28, 16, null);
  namedString(tvb, pkt, top, 44, 64, F.server, "Server host name not given");
  namedString(tvb, pkt, top, 108, 128, F.file, "Boot file name not given");
  let msgType = -1;
  let end = 236;
  if (tvb.captured >= 240 && tvb.u32(236) === MAGIC) {
    const ck = pkt.add(top, F.cookie, tvb, 236, 4, MAGIC);
    if (pkt.full) ck.setLabel("Magic cookie: DHCP");
    end = dissectOptions(tvb, pkt, top, 240, (t) => (msgType = t));
  } else {
    pkt.add(top, F.vendor_specific_options, tvb, 236, 64, null);
    end = 300;
  }
  if (end < tvb.captured) {
    const pad = pkt.add(top, F["option.padding"], tvb, end, tvb.captured - end, null);
    void pad;
  }
  const name = MSG_TYPES.get(msgType);
  if (msgType >= 0) {
    c?.setProtocol("DHCP");
    c?.setInfo(`DHCP ${(name ?? "Unknown Message Type").padEnd(8)} - Transaction ID 0x${xid.toString(16)}`);
  }
  if (pkt.full) top.append(msgType >= 0 ? ` (${name ?? "Unknown Message Type"})` : "");
  if (msgType < 0) pkt.add(top, F.bootp, tvb, 0, 0, 1).hide();
  return tvb.reported;
}

/** The sname / file fields: a NUL-terminated string, or Wireshark's "not given" line when empty. */
function namedString(tvb: Tvb, pkt: Packet, top: Node, off: number, len: number, f: DhcpField, empty: string): void {
  let n = 0;
  while (n < len && tvb.u8(off + n) !== 0) n++;
  const node = pkt.add(top, f, tvb, off, len, tvb.ascii(off, n));
  if (pkt.full && n === 0) node.setLabel(empty);
}

/** Options up to End (255); returns the offset after the last one. */
function dissectOptions(tvb: Tvb, pkt: Packet, top: Node, off: number, onType: (t: number) => void): number {
  while (off < tvb.captured) {
    const code = tvb.u8(off);
    const name = OPTION_NAMES.get(code) ?? "Unknown";
    if (code === 0) {
      off++;
      continue;
    }
    if (code === 255) {
      const o = pkt.add(top, F["option.type"], tvb, off, 1, 255);
      if (pkt.full) o.setLabel("Option: (255) End");
      pkt.add(o, F["option.end"], tvb, off, 1, 255);
      return off + 1;
    }
    const len = tvb.u8(off + 1);
    const v = off + 2;
    const o = pkt.add(top, F["option.type"], tvb, off, 2 + len, code);
    let label = `Option: (${code}) ${name}`;
    pkt.add(o, F["option.length"], tvb, off + 1, 1, len);
    const simple = SIMPLE.get(code);
    if (code === 53 && len === 1) {
      const t = tvb.u8(v);
      onType(t);
      pkt.add(o, F["option.dhcp"], tvb, v, 1, t);
      label += ` (${MSG_TYPES.get(t) ?? "Unknown"})`;
    } else if (code === 55) {
      for (let i = 0; i < len; i++) {
        const item = tvb.u8(v + i);
        const n = pkt.add(o, F["option.request_list_item"], tvb, v + i, 1, item);
        if (pkt.full) n.setLabel(`Parameter Request List Item: (${item}) ${OPTION_NAMES.get(item) ?? "Unknown"}`);
      }
    } else if (code === 61 && len === 7 && tvb.u8(v) === 1) {
      // client identifier of hardware type Ethernet: the type, then the MAC address
      pkt.add(o, F["hw.type"], tvb, v, 1, 1);
      pkt.add(o, F["hw.mac_addr"], tvb, v + 1, 6, null);
    } else if (code === 33) {
      for (let i = 0; i + 8 <= len; i += 8) {
        pkt.add(o, F["option.static_route.ip"], tvb, v + i, 4, tvb.u32(v + i));
        pkt.add(o, F["option.static_route.router"], tvb, v + i + 4, 4, tvb.u32(v + i + 4));
      }
    } else if (code === 77) {
      for (let i = 0, k = 0; i < len; k++) {
        const l = tvb.u8(v + i);
        const inst = pkt.add(o, F["option.user_class"], tvb, v + i, 1 + l, null);
        if (pkt.full) inst.setLabel(`Instance of User Class: [${k}]`);
        pkt.add(inst, F["option.user_class.length"], tvb, v + i, 1, l);
        pkt.add(inst, F["option.user_class.text"], tvb, v + i + 1, l, null);
        i += 1 + l;
      }
    } else if (simple) {
      const shown = simpleOption(tvb, pkt, o, v, len, simple.field, simple.kind);
      if (simple.show && shown !== null) label += ` (${shown})`;
    } else if (len) pkt.add(o, F["option.value"], tvb, v, len, null);
    if (pkt.full) o.setLabel(label);
    off = v + len;
  }
  return off;
}

/** One simple option's value item(s); returns the text the option line shows, if any. */
function simpleOption(tvb: Tvb, pkt: Packet, o: Node, v: number, len: number, f: DhcpField, kind: "ip" | "ips" | "string" | "time" | "u16"): string | null {
  switch (kind) {
    case "ip":
    case "ips": {
      let text: string | null = null;
      for (let i = 0; i + 4 <= len; i += 4) {
        const a = tvb.u32(v + i);
        pkt.add(o, f, tvb, v + i, 4, a);
        text ??= ipv4Text(a);
      }
      return text;
    }
    case "string": {
      let n = 0;
      while (n < len && tvb.u8(v + n) !== 0) n++;
      const s = tvb.ascii(v, n);
      pkt.add(o, f, tvb, v, len, s);
      return s;
    }
    case "time": {
      const t = tvb.u32(v);
      const n = pkt.add(o, f, tvb, v, 4, t);
      if (pkt.full) n.setLabel(`${f.name}: ${t === 0xffffffff ? "infinity" : `(${t}s) ${secondsText(t)}`}`);
      return null;
    }
    case "u16": {
      const t = tvb.u16(v);
      pkt.add(o, f, tvb, v, 2, t);
      return String(t);
    }
  }
}

export const dhcpDissector: Dissector = {
  proto: dhcp,
  name: "dhcp",
  handoff: [["udp.port", 67], ["udp.port", 68], ["udp.port", 4011]],
  dissect: dissectDhcp,
};
