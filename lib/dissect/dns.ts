// DNS (RFC 1035, EDNS RFC 6891) over UDP and TCP: header, flags, questions, resource records, request/response pairing.
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { DNS_OPCODES, DNS_RCODES, DNS_TYPES, DNS_CLASSES, EDNS_OPTIONS, DNSSEC_ALGORITHMS, SSHFP_ALGORITHMS, SSHFP_FINGERPRINT_TYPES, dnsClassName, dnsTypeShort } from "./values/dns-types.ts";
import { readDnsName } from "./dns-name.ts";
import { dissectRdata, secondsText } from "./dns-rdata.ts";
import { conversationKey } from "../analysis/conversation.ts";
import { addExpert } from "./expert.ts";
import { bitPicture } from "../format/value.ts";

const tf = (yes: string, no: string) => ({ yes, no });

export const dns = defineProtocol({ abbrev: "dns", name: "Domain Name System", short: "DNS" }, {
  length: { name: "Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Length of DNS-over-TCP request or response" },
  flags: { name: "Flags", type: "FT_UINT16", base: "BASE_HEX" },
  "flags.response": { name: "Response", type: "FT_BOOLEAN", base: 16, mask: 0x8000, tfs: tf("Message is a response", "Message is a query"), blurb: "Is the message a response?" },
  "flags.opcode": { name: "Opcode", type: "FT_UINT16", base: "BASE_DEC", mask: 0x7800, strings: DNS_OPCODES, blurb: "Operation code" },
  "flags.authoritative": { name: "Authoritative", type: "FT_BOOLEAN", base: 16, mask: 0x400, tfs: tf("Server is an authority for domain", "Server is not an authority for domain"), blurb: "Is the server is an authority for the domain?" },
  "flags.truncated": { name: "Truncated", type: "FT_BOOLEAN", base: 16, mask: 0x200, tfs: tf("Message is truncated", "Message is not truncated"), blurb: "Is the message truncated?" },
  "flags.recdesired": { name: "Recursion desired", type: "FT_BOOLEAN", base: 16, mask: 0x100, tfs: tf("Do query recursively", "Don't do query recursively"), blurb: "Do query recursively?" },
  "flags.recavail": { name: "Recursion available", type: "FT_BOOLEAN", base: 16, mask: 0x80, tfs: tf("Server can do recursive queries", "Server can't do recursive queries"), blurb: "Can the server do recursive queries?" },
  "flags.z": { name: "Z", type: "FT_BOOLEAN", base: 16, mask: 0x40, tfs: tf("reserved - incorrect!", "reserved (0)"), blurb: "Z flag" },
  "flags.authenticated": { name: "Answer authenticated", type: "FT_BOOLEAN", base: 16, mask: 0x20, tfs: tf("Answer/authority portion was authenticated by the server", "Answer/authority portion was not authenticated by the server"), blurb: "Was the reply data authenticated by the server?" },
  "flags.checkdisable": { name: "Non-authenticated data", type: "FT_BOOLEAN", base: 16, mask: 0x10, tfs: tf("Acceptable", "Unacceptable"), blurb: "Is non-authenticated data acceptable?" },
  "flags.rcode": { name: "Reply code", type: "FT_UINT16", base: "BASE_DEC", mask: 0xf, strings: DNS_RCODES },
  id: { name: "Transaction ID", type: "FT_UINT16", base: "BASE_HEX", blurb: "Identification of transaction" },
  "qry.type": { name: "Type", type: "FT_UINT16", base: "BASE_DEC", strings: DNS_TYPES, blurb: "Query Type" },
  "qry.class": { name: "Class", type: "FT_UINT16", base: "BASE_HEX", strings: DNS_CLASSES, blurb: "Query Class" },
  "qry.name": { name: "Name", type: "FT_STRING", blurb: "Query Name" },
  "qry.name.len": { name: "Name Length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Query Name Len" },
  "count.labels": { name: "Label Count", type: "FT_UINT16", base: "BASE_DEC", blurb: "Query Label Count" },
  "resp.type": { name: "Type", type: "FT_UINT16", base: "BASE_DEC", strings: DNS_TYPES, blurb: "Response Type" },
  "resp.class": { name: "Class", type: "FT_UINT16", base: "BASE_HEX", strings: DNS_CLASSES, blurb: "Response Class" },
  "resp.ext_rcode": { name: "Higher bits in extended RCODE", type: "FT_UINT8", base: "BASE_HEX" },
  "resp.edns0_version": { name: "EDNS0 version", type: "FT_UINT8", base: "BASE_DEC" },
  "resp.z": { name: "Z", type: "FT_UINT16", base: "BASE_HEX" },
  "resp.z.do": { name: "DO bit", type: "FT_BOOLEAN", base: 16, mask: 0x8000, tfs: tf("Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs"), blurb: "DNSSEC OK" },
  "resp.z.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_HEX", mask: 0x7fff },
  "resp.name": { name: "Name", type: "FT_STRING", blurb: "Response Name" },
  "resp.ttl": { name: "Time to live", type: "FT_UINT32", base: "BASE_DEC", blurb: "Response TTL" },
  "resp.len": { name: "Data length", type: "FT_UINT16", base: "BASE_DEC", blurb: "Response Length" },
  "rr.udp_payload_size": { name: "UDP payload size", type: "FT_UINT16", base: "BASE_DEC" },
  opt: { name: "Option", type: "FT_NONE", blurb: "DNS Option" },
  "opt.code": { name: "Option Code", type: "FT_UINT16", base: "BASE_DEC", strings: EDNS_OPTIONS },
  "opt.len": { name: "Option Length", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.data": { name: "Option Data", type: "FT_BYTES" },
  "opt.cookie.client": { name: "Client Cookie", type: "FT_BYTES" },
  "opt.cookie.server": { name: "Server Cookie", type: "FT_BYTES" },
  "opt.padding": { name: "Padding", type: "FT_BYTES", blurb: "Padding" },
  "opt.client.family": { name: "Family", type: "FT_UINT16", base: "BASE_DEC", strings: vals({ 1: "IPv4", 2: "IPv6" }) },
  "opt.client.netmask": { name: "Source Netmask", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.client.scope": { name: "Scope Netmask", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.client.addr": { name: "Client Subnet", type: "FT_BYTES" },
  "opt.client.addr4": { name: "Client Subnet", type: "FT_IPv4" },
  "opt.client.addr6": { name: "Client Subnet", type: "FT_IPv6" },
  "opt.edns_tcp_keepalive.timeout": { name: "Timeout", type: "FT_UINT16", base: "BASE_DEC", blurb: "an idle timeout value for the TCP connection, specified in units of 100 milliseconds" },
  "count.queries": { name: "Questions", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of queries in packet" },
  "count.zones": { name: "Zones", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of zones in packet" },
  "count.answers": { name: "Answer RRs", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of answers in packet" },
  "count.prerequisites": { name: "Prerequisites", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of prerequisites in packet" },
  "count.auth_rr": { name: "Authority RRs", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of authoritative records in packet" },
  "count.updates": { name: "Updates", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of updates records in packet" },
  "count.add_rr": { name: "Additional RRs", type: "FT_UINT16", base: "BASE_DEC", blurb: "Number of additional records in packet" },
  response_in: { name: "Response In", type: "FT_FRAMENUM", blurb: "The response to this DNS query is in this frame" },
  response_to: { name: "Request In", type: "FT_FRAMENUM", blurb: "This is a response to the DNS query in this frame" },
  time: { name: "Time", type: "FT_RELATIVE_TIME", blurb: "The time between the Query and the Response" },
  a: { name: "Address", type: "FT_IPv4", blurb: "Response Address" },
  aaaa: { name: "AAAA Address", type: "FT_IPv6", blurb: "AAAA Response Address" },
  cname: { name: "CNAME", type: "FT_STRING", blurb: "Response Primary Name" },
  ns: { name: "Name Server", type: "FT_STRING" },
  "ptr.domain_name": { name: "Domain Name", type: "FT_STRING" },
  "mx.preference": { name: "Preference", type: "FT_UINT16", base: "BASE_DEC" },
  "mx.mail_exchange": { name: "Mail Exchange", type: "FT_STRING" },
  "txt.length": { name: "TXT Length", type: "FT_UINT8", base: "BASE_DEC" },
  txt: { name: "TXT", type: "FT_STRING" },
  "spf.length": { name: "SPF Length", type: "FT_UINT8", base: "BASE_DEC" },
  spf: { name: "SPF", type: "FT_STRING" },
  unsolicited: { name: "Unsolicited", type: "FT_BOOLEAN", base: 0, blurb: "This is an unsolicited response" },
  "soa.mname": { name: "Primary name server", type: "FT_STRING" },
  "soa.rname": { name: "Responsible authority's mailbox", type: "FT_STRING" },
  "soa.serial_number": { name: "Serial Number", type: "FT_UINT32", base: "BASE_DEC" },
  "soa.refresh_interval": { name: "Refresh Interval", type: "FT_UINT32", base: "BASE_DEC" },
  "soa.retry_interval": { name: "Retry Interval", type: "FT_UINT32", base: "BASE_DEC" },
  "soa.expire_limit": { name: "Expire limit", type: "FT_UINT32", base: "BASE_DEC" },
  "soa.minimum_ttl": { name: "Minimum TTL", type: "FT_UINT32", base: "BASE_DEC" },
  "srv.service": { name: "Service", type: "FT_STRING", blurb: "Desired service" },
  "srv.proto": { name: "Protocol", type: "FT_STRING", blurb: "Desired protocol" },
  "srv.name": { name: "Name", type: "FT_STRING", blurb: "Domain this resource record refers to" },
  "srv.priority": { name: "Priority", type: "FT_UINT16", base: "BASE_DEC" },
  "srv.weight": { name: "Weight", type: "FT_UINT16", base: "BASE_DEC" },
  "srv.port": { name: "Port", type: "FT_UINT16", base: "BASE_DEC" },
  "srv.target": { name: "Target", type: "FT_STRING" },
  data: { name: "Data", type: "FT_BYTES" },
  "rrsig.type_covered": { name: "Type Covered", type: "FT_UINT16", base: "BASE_DEC", strings: DNS_TYPES, blurb: "Identifies the type of the RRset that is covered by this RRSIG record" },
  "rrsig.algorithm": { name: "Algorithm", type: "FT_UINT8", base: "BASE_DEC", strings: DNSSEC_ALGORITHMS, blurb: "Identifies the cryptographic algorithm used to create the signature" },
  "rrsig.labels": { name: "Labels", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifies the number of labels in the original RRSIG RR owner name" },
  "rrsig.original_ttl": { name: "Original TTL", type: "FT_UINT32", base: "BASE_DEC", blurb: "Specifies the TTL of the covered RRset as it appears in the authoritative zone" },
  "rrsig.signature_expiration": { name: "Signature Expiration", type: "FT_ABSOLUTE_TIME", blurb: "Specify a validity period for the signature" },
  "rrsig.signature_inception": { name: "Signature Inception", type: "FT_ABSOLUTE_TIME", blurb: "Specify a validity period for the signature" },
  "rrsig.key_tag": { name: "Key Tag", type: "FT_UINT16", base: "BASE_DEC", blurb: "Contains the key tag value of the DNSKEY RR that validates this signature" },
  "rrsig.signers_name": { name: "Signer's name", type: "FT_STRING", blurb: "Identifies the owner name of the DNSKEY RR that a validator is supposed to use to validate this signature" },
  "rrsig.signature": { name: "Signature", type: "FT_BYTES", blurb: "Contains the cryptographic signature that covers the RRSIG RDATA" },
  "sshfp.algorithm": { name: "Algorithm", type: "FT_UINT8", base: "BASE_DEC", strings: SSHFP_ALGORITHMS },
  "sshfp.fingerprint.type": { name: "Fingerprint type", type: "FT_UINT8", base: "BASE_DEC", strings: SSHFP_FINGERPRINT_TYPES },
  "sshfp.fingerprint": { name: "Fingerprint", type: "FT_BYTES" },
  "undecoded.type": { name: "Undecoded option", type: "FT_NONE" },
});

const F = dns.f;
export type DnsProto = typeof dns;

const OPCODE_UPDATE = 5;

/** Per capture: requests by conversation and transaction id, and per-frame results for the -2 pass. */
interface Pairing {
  readonly open: Map<string, { frame: number; ts: bigint }>;
  /** request frame -> response frame; response frame -> [request frame, request ts] */
  readonly responseIn: Map<number, number>;
  readonly requestOf: Map<number, { frame: number; ts: bigint }>;
}
const owner = {};

/** Dissect one DNS message that starts at `msg` offset 0 (after TCP's length prefix); returns its Info text. */
function dissectMessage(msg: Tvb, pkt: Packet, top: Node, isTcp: boolean): void {
  const c = pkt.cols;
  const id = msg.u16(0);
  const flags = msg.u16(2);
  const response = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  if (pkt.full) top.append(response ? " (response)" : " (query)");
  const opName = DNS_OPCODES.get(opcode) ?? `Unknown operation (${opcode})`;
  let info = `${opName}${response ? " response" : ""} 0x${id.toString(16).padStart(4, "0")}`;
  if (response && rcode !== 0) info += ` ${DNS_RCODES.get(rcode) ?? `Unknown error (${rcode})`}`;
  c?.setInfo(info);

  pkt.add(top, F.id, msg, 0, 2, id);
  const fl = pkt.add(top, F.flags, msg, 2, 2, flags);
  if (pkt.full) fl.append(` ${opName}${response ? ` response, ${DNS_RCODES.get(rcode) ?? `Unknown error (${rcode})`}` : ""}`);
  // each bit item is built only when a tree or -e asks for it (pkt.add returns a no-op item otherwise)
  const bit = (f: (typeof F)[keyof typeof F]) => pkt.add(fl, f, msg, 2, 2, (flags & Number(f.mask)) >>> f.shift);
  bit(F["flags.response"]);
  bit(F["flags.opcode"]);
  if (response) bit(F["flags.authoritative"]);
  bit(F["flags.truncated"]);
  bit(F["flags.recdesired"]);
  if (response) bit(F["flags.recavail"]);
  bit(F["flags.z"]);
  if (response) bit(F["flags.authenticated"]);
  else if (flags & 0x20) {
    // Wireshark's "AD bit" item on queries shares the filter name dns.flags.authenticated: one field serves both
    const f = F["flags.authenticated"];
    const n = bit(f);
    if (pkt.full) n.setLabel(`${bitPicture(f, flags & 0x20)} = AD bit: Set`);
  }
  bit(F["flags.checkdisable"]);
  if (response) bit(F["flags.rcode"]);
  const update = opcode === OPCODE_UPDATE;
  const qd = msg.u16(4), an = msg.u16(6), ns = msg.u16(8), ar = msg.u16(10);
  pkt.add(top, update ? F["count.zones"] : F["count.queries"], msg, 4, 2, qd);
  pkt.add(top, update ? F["count.prerequisites"] : F["count.answers"], msg, 6, 2, an);
  pkt.add(top, update ? F["count.updates"] : F["count.auth_rr"], msg, 8, 2, ns);
  pkt.add(top, F["count.add_rr"], msg, 10, 2, ar);

  let off = 12;
  if (qd) off = dissectQuestions(msg, pkt, top, off, qd, update ? "Zone" : "Queries");
  const sections: [number, string][] = [[an, update ? "Prerequisites" : "Answers"], [ns, update ? "Updates" : "Authoritative nameservers"], [ar, "Additional records"]];
  for (const [count, title] of sections) if (count) off = dissectRecords(msg, pkt, top, off, count, title);
  pairRequest(msg, pkt, top, id, response, isTcp);
}

function dissectQuestions(msg: Tvb, pkt: Packet, top: Node, off: number, count: number, title: string): number {
  const start = off;
  const sect = pkt.addText(top, msg, off, 0, title);
  for (let i = 0; i < count; i++) {
    const name = readDnsName(msg, off);
    const type = msg.u16(off + name.used);
    const cls = msg.u16(off + name.used + 2);
    const len = name.used + 4;
    pkt.cols?.appendInfo(` ${dnsTypeShort(type)} ${name.text}`);
    const q = pkt.addText(sect, msg, off, len, `${name.text}: type ${dnsTypeShort(type)}, class ${dnsClassName(cls & 0x7fff)}`);
    pkt.add(q, F["qry.name"], msg, off, name.used, name.text);
    pkt.add(q, F["qry.name.len"], msg, off, name.used, name.text === "<Root>" ? 6 : name.text.length).generated();
    pkt.add(q, F["count.labels"], msg, off, name.used, name.labels).generated();
    pkt.add(q, F["qry.type"], msg, off + name.used, 2, type);
    pkt.add(q, F["qry.class"], msg, off + name.used + 2, 2, cls);
    off += len;
  }
  sect.setLen(off - start);
  return off;
}

function dissectRecords(msg: Tvb, pkt: Packet, top: Node, off: number, count: number, title: string): number {
  const start = off;
  const sect = pkt.addText(top, msg, off, 0, title);
  for (let i = 0; i < count; i++) off = dissectRecord(msg, pkt, sect, off);
  sect.setLen(off - start);
  return off;
}

function dissectRecord(msg: Tvb, pkt: Packet, sect: Node, off: number): number {
  const name = readDnsName(msg, off);
  let p = off + name.used;
  const type = msg.u16(p);
  const cls = msg.u16(p + 2);
  const ttl = msg.u32(p + 4);
  const rdlen = msg.u16(p + 8);
  const short = dnsTypeShort(type);
  pkt.cols?.appendInfo(` ${short}`);
  const opt = type === 41;
  const rr = pkt.addText(sect, msg, off, name.used + 10 + rdlen, opt ? `${name.text}: type ${short}` : `${name.text}: type ${short}, class ${dnsClassName(cls & 0x7fff)}`);
  const srv = type === 33 ? /^(_[^.]+)\.(_[^.]+)\.(.+)$/.exec(name.text) : null;
  if (srv) {
    // SRV owners "_service._proto.name" are shown split, in place of the name
    pkt.add(rr, F["srv.service"], msg, off, name.used, srv[1]!);
    pkt.add(rr, F["srv.proto"], msg, off, name.used, srv[2]!);
    pkt.add(rr, F["srv.name"], msg, off, name.used, srv[3]!);
  } else pkt.add(rr, F["resp.name"], msg, off, name.used, name.text);
  pkt.add(rr, F["resp.type"], msg, p, 2, type);
  if (opt) {
    pkt.add(rr, F["rr.udp_payload_size"], msg, p + 2, 2, cls);
    pkt.add(rr, F["resp.ext_rcode"], msg, p + 4, 1, msg.u8(p + 4));
    pkt.add(rr, F["resp.edns0_version"], msg, p + 5, 1, msg.u8(p + 5));
    const z = msg.u16(p + 6);
    const zn = pkt.add(rr, F["resp.z"], msg, p + 6, 2, z);
    pkt.add(zn, F["resp.z.do"], msg, p + 6, 2, z >>> 15);
    pkt.add(zn, F["resp.z.reserved"], msg, p + 6, 2, z & 0x7fff);
  } else {
    pkt.add(rr, F["resp.class"], msg, p + 2, 2, cls);
    const t = pkt.add(rr, F["resp.ttl"], msg, p + 4, 4, ttl);
    if (pkt.full) t.append(` (${secondsText(ttl)})`);
  }
  pkt.add(rr, F["resp.len"], msg, p + 8, 2, rdlen);
  p += 10;
  if (opt) dissectEdnsOptions(msg, pkt, rr, p, rdlen);
  else {
    // Wireshark 4.0 has no decoder for URI records and says so
    if (type === 256 && rdlen) addExpert(pkt, rr, { abbrev: "dns.undecoded.type", severity: "Note", group: "Undecoded", message: `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported` });
    dissectRdata(dns, msg, pkt, rr, p, rdlen, type);
  }
  return p + rdlen;
}

function dissectEdnsOptions(msg: Tvb, pkt: Packet, rr: Node, off: number, len: number): void {
  const end = off + len;
  while (off + 4 <= end) {
    const code = msg.u16(off);
    const olen = msg.u16(off + 2);
    const o = pkt.add(rr, F.opt, msg, off, 4 + olen, null);
    if (pkt.full) o.append(`: ${EDNS_OPTIONS.get(code) ?? `Unknown (${code})`}`);
    pkt.add(o, F["opt.code"], msg, off, 2, code);
    pkt.add(o, F["opt.len"], msg, off + 2, 2, olen);
    const d = off + 4;
    pkt.add(o, F["opt.data"], msg, d, olen, null);
    if (code === 8 && olen >= 4) {
      // EDNS Client Subnet (RFC 7871): the prefix bytes, shown as a whole address
      const family = msg.u16(d);
      pkt.add(o, F["opt.client.family"], msg, d, 2, family);
      pkt.add(o, F["opt.client.netmask"], msg, d + 2, 1, msg.u8(d + 2));
      pkt.add(o, F["opt.client.scope"], msg, d + 3, 1, msg.u8(d + 3));
      const n = olen - 4;
      const width = family === 1 ? 4 : family === 2 ? 16 : 0;
      if (width && n <= width) {
        const addr = new Uint8Array(width);
        addr.set(msg.bytes(d + 4, n));
        const a = pkt.add(o, family === 1 ? F["opt.client.addr4"] : F["opt.client.addr6"], msg, d + 4, n, family === 1 ? new DataView(addr.buffer).getUint32(0) : addr);
        void a;
      } else if (n) pkt.add(o, F["opt.client.addr"], msg, d + 4, n, null);
    } else if (code === 11 && olen === 2) pkt.add(o, F["opt.edns_tcp_keepalive.timeout"], msg, d, 2, msg.u16(d));
    if (code === 10) {
      pkt.add(o, F["opt.cookie.client"], msg, d, Math.min(8, olen), null);
      const server = pkt.add(o, F["opt.cookie.server"], msg, d + 8, Math.max(0, olen - 8), null);
      if (pkt.full && olen <= 8) server.setLabel("Server Cookie: <MISSING>");
    } else if (code === 12 && olen) pkt.add(o, F["opt.padding"], msg, d, olen, null);
    off = d + olen;
  }
}

/** Request In / Response In / Time, keyed by conversation and transaction id as Wireshark's dns_transaction. */
function pairRequest(msg: Tvb, pkt: Packet, top: Node, id: number, response: boolean, isTcp: boolean): void {
  if (pkt.info.inError) return;
  const st = pkt.session.state(owner, (): Pairing => ({ open: new Map(), responseIn: new Map(), requestOf: new Map() }));
  const key = `${isTcp ? "t" : "u"}${conversationKey(pkt).key}/${id}`;
  if (pkt.session.pass === 1) {
    if (!response) st.open.set(key, { frame: pkt.num, ts: pkt.frame.ts });
    else {
      const req = st.open.get(key);
      if (req && req.frame < pkt.num) {
        st.requestOf.set(pkt.num, req);
        if (!st.responseIn.has(req.frame)) st.responseIn.set(req.frame, pkt.num);
      }
    }
  }
  if (!response) {
    const r = st.responseIn.get(pkt.num);
    if (r !== undefined) pkt.addGenerated(top, F.response_in, msg, 0, 0, r);
    return;
  }
  const req = st.requestOf.get(pkt.num);
  if (req) {
    pkt.addGenerated(top, F.response_to, msg, 0, 0, req.frame);
    pkt.addGenerated(top, F.time, msg, 0, 0, pkt.frame.ts - req.ts);
  } else pkt.addGenerated(top, F.unsolicited, msg, 0, 0, 1);
}

function dissectDnsUdp(tvb: Tvb, pkt: Packet, parent: Node): number {
  pkt.cols?.setProtocol("DNS");
  pkt.cols?.clearInfo();
  const top = pkt.addProto(parent, dns, tvb, 0, -1);
  dissectMessage(tvb, pkt, top, false);
  return tvb.reported;
}

function dissectDnsTcp(tvb: Tvb, pkt: Packet, parent: Node): number {
  pkt.cols?.setProtocol("DNS");
  pkt.cols?.clearInfo();
  let off = 0;
  // Several messages may share one segment; each has its own subtree, as in Wireshark.
  while (off + 2 <= tvb.captured) {
    const len = tvb.u16(off);
    const top = pkt.addProto(parent, dns, tvb, off, 2 + len);
    pkt.add(top, F.length, tvb, off, 2, len);
    dissectMessage(tvb.subset(off + 2, len), pkt, top, true);
    off += 2 + len;
    if (off < tvb.captured) pkt.cols?.appendInfo(" ");
  }
  return tvb.reported;
}

/**
 * The DNS-over-UDP heuristic (for ports no table names): a standard-query header with plausible counts,
 * and, when there is a question, a first question that parses with a known type and class.
 */
function looksLikeDns(tvb: Tvb): boolean {
  if (tvb.captured <= 12) return false;
  const flags = tvb.u16(2);
  if ((flags & 0x7800) !== 0 || (flags & 0x40) !== 0) return false;
  const qd = tvb.u16(4), an = tvb.u16(6), ns = tvb.u16(8), ar = tvb.u16(10);
  if (qd > 16 || an > 128 || ns > 128 || ar > 128 || qd + an === 0) return false;
  if (!qd) return (flags & 0x8000) !== 0;
  try {
    const name = readDnsName(tvb, 12);
    if (name.text.startsWith("<")) return false;
    const cls = tvb.u16(12 + name.used + 2) & 0x7fff;
    return DNS_CLASSES.has(cls) && DNS_TYPES.has(tvb.u16(12 + name.used));
  } catch {
    return false;
  }
}

export const dnsDissector: Dissector = {
  proto: dns,
  name: "dns",
  handoff: [["udp.port", 53], ["tcp.port", 53], ["tcp.port", 5353]],
  dissect: (tvb, pkt, parent) => (pkt.info.ptype === "tcp" ? dissectDnsTcp(tvb, pkt, parent) : dissectDnsUdp(tvb, pkt, parent)),
};

export const dnsHeuristic: Dissector = {
  proto: dns,
  name: "dns_udp",
  heuristic: ["udp"],
  dissect: (tvb, pkt, parent) => (looksLikeDns(tvb) ? dissectDnsUdp(tvb, pkt, parent) : 0),
};
