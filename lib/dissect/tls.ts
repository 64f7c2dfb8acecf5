// TLS over TCP: the record layer, handshake message types, change cipher spec, alerts and application data, per-session version.
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { tls } from "./tls-fields.ts";
import { dissectHello } from "./tls-hello.ts";
import { ALERT_DESCRIPTIONS, ALERT_LEVELS, CIPHER_SUITES, CONTENT_TYPES, HANDSHAKE_TYPES } from "./values/tls-values.ts";
import { secondsText } from "./dns-rdata.ts";
import { conversationKey } from "../analysis/conversation.ts";

export { tls };
const F = tls.f;

/** Record-layer version names as the Protocol column and "TLSv1.2 Record Layer" show them. */
const VERSION_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0300, "SSLv3"], [0x0301, "TLSv1"], [0x0302, "TLSv1.1"], [0x0303, "TLSv1.2"], [0x0304, "TLSv1.3"],
]);

const CCS = 20, ALERT = 21, HANDSHAKE = 22, APP_DATA = 23;
const CLIENT_HELLO = 1, SERVER_HELLO = 2, NEW_SESSION_TICKET = 4, CERTIFICATE = 11, SERVER_KEY_EXCHANGE = 12, CLIENT_KEY_EXCHANGE = 16;

/** What Wireshark's SslDecryptSession remembers per connection (without keys: nothing is decrypted). */
interface Session {
  /** the negotiated version, 0 until a ServerHello says */
  version: number;
  /** a Change Cipher Spec was seen in this direction: later handshakes and alerts are encrypted */
  ccs: [boolean, boolean];
  /** the chosen cipher suite uses ECDHE: key exchange messages carry EC points */
  ecdhe: boolean;
  /** per frame: the session version when the frame was first seen, so -2 prints what pass 1 saw */
  frameVersion: Map<number, number>;
}
const owner = {};

const isRecordStart = (tvb: Tvb, off: number) =>
  tvb.captured - off >= 5 && tvb.u8(off) >= CCS && tvb.u8(off) <= 24 && VERSION_NAMES.has(tvb.u16(off + 1));

function dissectTls(tvb: Tvb, pkt: Packet, parent: Node): number {
  const sessions = pkt.session.state(owner, () => new Map<string | number, Session>());
  const ck = conversationKey(pkt);
  const dir = ck.forward ? 0 : 1;
  let s = sessions.get(ck.key);
  if (!s) sessions.set(ck.key, (s = { version: 0, ccs: [false, false], ecdhe: false, frameVersion: new Map() }));
  const c = pkt.cols;
  const top = pkt.addProto(parent, tls, tvb, 0, -1);
  const infos: string[] = [];
  let recordVersion = 0;
  let off = 0;
  while (off < tvb.captured && isRecordStart(tvb, off)) {
    const type = tvb.u8(off);
    const version = tvb.u16(off + 1);
    const len = tvb.u16(off + 3);
    recordVersion ||= version;
    const verName = VERSION_NAMES.get(s.version || version)!;
    const rec = pkt.add(top, F.record, tvb, off, 5 + len, null);
    const tls13 = s.version === 0x0304;
    pkt.add(rec, type === APP_DATA && tls13 ? F["record.opaque_type"] : F["record.content_type"], tvb, off, 1, type);
    pkt.add(rec, F["record.version"], tvb, off + 1, 2, version);
    pkt.add(rec, F["record.length"], tvb, off + 3, 2, len);
    const body = off + 5;
    const avail = Math.min(len, tvb.captured - body);
    let what: string;
    switch (type) {
      case HANDSHAKE:
        what = `Handshake Protocol: ${dissectHandshakes(tvb, pkt, rec, body, avail, s, dir, infos)}`;
        break;
      case CCS:
        s.ccs[dir] = true;
        pkt.add(rec, F.change_cipher_spec, tvb, body, avail, null);
        infos.push("Change Cipher Spec");
        what = "Change Cipher Spec Protocol: Change Cipher Spec";
        break;
      case ALERT:
        what = dissectAlert(tvb, pkt, rec, body, avail, s.ccs[dir] || tls13, infos);
        break;
      case APP_DATA:
        pkt.add(rec, F.app_data, tvb, body, avail, null);
        infos.push("Application Data");
        what = "Application Data Protocol: Application Data";
        break;
      default:
        infos.push(CONTENT_TYPES.get(type) ?? "Unknown");
        what = CONTENT_TYPES.get(type) ?? "Unknown";
    }
    if (pkt.full) rec.setLabel(`${verName} Record Layer: ${what}`);
    off = body + len;
  }
  if (pkt.session.pass === 1 && !s.frameVersion.has(pkt.num)) s.frameVersion.set(pkt.num, s.version);
  const colVersion = s.version || recordVersion;
  c?.setProtocol(VERSION_NAMES.get(colVersion) ?? "TLS");
  c?.clearInfo();
  c?.setInfo(infos.length ? infos.join(", ") : "Continuation Data");
  return tvb.reported;
}

/** The handshake messages of one record; returns what the record line names ("Client Hello", "Multiple Handshake Messages"). */
function dissectHandshakes(tvb: Tvb, pkt: Packet, rec: Node, off: number, len: number, s: Session, dir: number, infos: string[]): string {
  if (s.ccs[dir] || (s.version === 0x0304 && tvb.u8(off) !== CLIENT_HELLO && tvb.u8(off) !== SERVER_HELLO)) {
    const hs = pkt.add(rec, F.handshake, tvb, off, len, null);
    if (pkt.full) hs.append(": Encrypted Handshake Message");
    infos.push("Encrypted Handshake Message");
    return "Encrypted Handshake Message";
  }
  const names: string[] = [];
  let p = off;
  while (p + 4 <= off + len) {
    const type = tvb.u8(p);
    const mlen = tvb.u24(p + 1);
    const name = HANDSHAKE_TYPES.get(type) ?? `Unknown (${type})`;
    names.push(name);
    infos.push(name);
    const hs = pkt.add(rec, F.handshake, tvb, p, 4 + mlen, null);
    if (pkt.full) hs.append(`: ${name}`);
    const t = pkt.add(hs, F["handshake.type"], tvb, p, 1, type);
    if (pkt.full) t.setLabel(`Handshake Type: ${name} (${type})`);
    pkt.add(hs, F["handshake.length"], tvb, p + 1, 3, mlen);
    const body = Math.min(mlen, tvb.captured - (p + 4));
    if (type === CLIENT_HELLO || type === SERVER_HELLO) {
      const r = dissectHello(tvb, pkt, hs, p + 4, body, type === CLIENT_HELLO);
      if (type === SERVER_HELLO) {
        s.version = r.selectedVersion || tvb.u16(p + 4);
        s.ecdhe = /^TLS_ECDHE_/.test(CIPHER_SUITES.get(r.cipher) ?? "");
      }
    } else if (type === CERTIFICATE && body >= 3) dissectCertificates(tvb, pkt, hs, p + 4, body);
    else if (type === SERVER_KEY_EXCHANGE && s.ecdhe) dissectEcdheServerParams(tvb, pkt, hs, p + 4, body);
    else if (type === CLIENT_KEY_EXCHANGE && s.ecdhe) dissectEcdheClientParams(tvb, pkt, hs, p + 4);
    else if (type === NEW_SESSION_TICKET && s.version !== 0x0304) dissectSessionTicket(tvb, pkt, hs, p + 4);
    p += 4 + mlen;
  }
  return names.length === 1 ? names[0]! : "Multiple Handshake Messages";
}

/** A TLS 1.2 Certificate message: the chain's length and each DER certificate as bytes (X.509 is not decoded). */
function dissectCertificates(tvb: Tvb, pkt: Packet, hs: Node, off: number, len: number): void {
  const total = tvb.u24(off);
  pkt.add(hs, F["handshake.certificates_length"], tvb, off, 3, total);
  const list = pkt.add(hs, F["handshake.certificates"], tvb, off + 3, Math.min(total, len - 3), null);
  if (pkt.full) list.setLabel(`Certificates (${total} bytes)`);
  let p = off + 3;
  while (p + 3 <= off + Math.min(len, 3 + total)) {
    const l = tvb.u24(p);
    pkt.add(list, F["handshake.certificate_length"], tvb, p, 3, l);
    pkt.add(list, F["handshake.certificate"], tvb, p + 3, Math.min(l, tvb.captured - p - 3), null);
    p += 3 + l;
  }
}

/** "EC Diffie-Hellman Server Params": curve, public point and the signature over them (TLS 1.2). */
function dissectEcdheServerParams(tvb: Tvb, pkt: Packet, hs: Node, off: number, len: number): void {
  const t = pkt.addText(hs, tvb, off, len, "EC Diffie-Hellman Server Params");
  pkt.add(t, F["handshake.server_curve_type"], tvb, off, 1, tvb.u8(off));
  pkt.add(t, F["handshake.server_named_curve"], tvb, off + 1, 2, tvb.u16(off + 1));
  const pl = tvb.u8(off + 3);
  pkt.add(t, F["handshake.server_point_len"], tvb, off + 3, 1, pl);
  pkt.add(t, F["handshake.server_point"], tvb, off + 4, pl, null);
  let p = off + 4 + pl;
  if (p + 4 > off + len) return;
  const alg = tvb.u16(p);
  const a = pkt.add(t, F["handshake.sig_hash_alg"], tvb, p, 2, alg);
  pkt.add(a, F["handshake.sig_hash_hash"], tvb, p, 1, alg >> 8);
  pkt.add(a, F["handshake.sig_hash_sig"], tvb, p + 1, 1, alg & 0xff);
  const sl = tvb.u16(p + 2);
  pkt.add(t, F["handshake.sig_len"], tvb, p + 2, 2, sl);
  pkt.add(t, F["handshake.sig"], tvb, p + 4, sl, null);
}

function dissectEcdheClientParams(tvb: Tvb, pkt: Packet, hs: Node, off: number): void {
  const pl = tvb.u8(off);
  const t = pkt.addText(hs, tvb, off, 1 + pl, "EC Diffie-Hellman Client Params");
  pkt.add(t, F["handshake.client_point_len"], tvb, off, 1, pl);
  pkt.add(t, F["handshake.client_point"], tvb, off + 1, pl, null);
}

/** A TLS 1.2 NewSessionTicket: lifetime hint, length and the opaque ticket. */
function dissectSessionTicket(tvb: Tvb, pkt: Packet, hs: Node, off: number): void {
  const hint = tvb.u32(off);
  const tl = tvb.u16(off + 4);
  const t = pkt.addText(hs, tvb, off, 6 + tl, "TLS Session Ticket");
  const h = pkt.add(t, F["handshake.session_ticket_lifetime_hint"], tvb, off, 4, hint);
  if (pkt.full) h.setLabel(`Session Ticket Lifetime Hint: ${hint} seconds (${secondsText(hint)})`);
  pkt.add(t, F["handshake.session_ticket_length"], tvb, off + 4, 2, tl);
  pkt.add(t, F["handshake.session_ticket"], tvb, off + 6, tl, null);
}

function dissectAlert(tvb: Tvb, pkt: Packet, rec: Node, off: number, len: number, encrypted: boolean, infos: string[]): string {
  if (encrypted || len !== 2) {
    const a = pkt.add(rec, F.alert_message, tvb, off, len, null);
    if (pkt.full) a.setLabel("Alert Message: Encrypted Alert");
    infos.push("Encrypted Alert");
    return "Encrypted Alert";
  }
  const level = tvb.u8(off), desc = tvb.u8(off + 1);
  const a = pkt.add(rec, F.alert_message, tvb, off, 2, null);
  pkt.add(a, F["alert_message.level"], tvb, off, 1, level);
  pkt.add(a, F["alert_message.desc"], tvb, off + 1, 1, desc);
  const l = ALERT_LEVELS.get(level) ?? "Unknown", d = ALERT_DESCRIPTIONS.get(desc) ?? "Unknown";
  infos.push(`Alert (Level: ${l}, Description: ${d})`);
  return `Alert (Level: ${l}, Description: ${d})`;
}

export const tlsDissector: Dissector = {
  proto: tls,
  name: "tls",
  handoff: [443, 465, 636, 853, 993, 995, 5061, 8883, 324, 802, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5671, 5684, 5868, 11207, 19999, 27017].map((p) => ["tcp.port", p] as const),
  dissect: dissectTls,
};
