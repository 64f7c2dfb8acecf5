// TLS ClientHello / ServerHello bodies and their extensions (SNI, ALPN, groups, signature schemes, versions, key share), plus JA3/JA3S.
import { createHash } from "node:crypto";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { tls } from "./tls-fields.ts";
import { EXTENSION_TYPES, GROUPS } from "./values/tls-values.ts";

const F = tls.f;
const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a hello tells the session: the version the server picked, the SNI and ALPN the client offered. */
export interface HelloResult {
  selectedVersion: number;
  /** the cipher suite a ServerHello chose (the first offered one for a ClientHello) */
  cipher: number;
}

/** Dissect a ClientHello (client = true) or ServerHello body of `len` bytes at `off`. */
export function dissectHello(tvb: Tvb, pkt: Packet, hs: Node, off: number, len: number, client: boolean): HelloResult {
  const end = off + len;
  const version = tvb.u16(off);
  pkt.add(hs, F["handshake.version"], tvb, off, 2, version);
  const rnd = pkt.add(hs, F["handshake.random"], tvb, off + 2, 32, null);
  // a TLS 1.3 ServerHello's random is not time-based, so Wireshark does not split it
  if (client || !selectsTls13(tvb, off, end)) {
    pkt.add(rnd, F["handshake.random_time"], tvb, off + 2, 4, BigInt(tvb.u32(off + 2)) * 1_000_000_000n);
    pkt.add(rnd, F["handshake.random_bytes"], tvb, off + 6, 28, null);
  }
  let p = off + 34;
  const sidLen = tvb.u8(p);
  pkt.add(hs, F["handshake.session_id_length"], tvb, p, 1, sidLen);
  if (sidLen) pkt.add(hs, F["handshake.session_id"], tvb, p + 1, sidLen, null);
  p += 1 + sidLen;
  const ciphers: number[] = [];
  if (client) {
    const csLen = tvb.u16(p);
    pkt.add(hs, F["handshake.cipher_suites_length"], tvb, p, 2, csLen);
    const cs = pkt.add(hs, F["handshake.ciphersuites"], tvb, p + 2, csLen, null);
    if (pkt.full) cs.setLabel(`Cipher Suites (${plural(csLen >> 1, "suite", "suites")})`);
    for (let i = 0; i + 1 < csLen; i += 2) {
      const c = tvb.u16(p + 2 + i);
      ciphers.push(c);
      pkt.add(cs, F["handshake.ciphersuite"], tvb, p + 2 + i, 2, c);
    }
    p += 2 + csLen;
    const cmLen = tvb.u8(p);
    pkt.add(hs, F["handshake.comp_methods_length"], tvb, p, 1, cmLen);
    const cm = pkt.add(hs, F["handshake.comp_methods"], tvb, p + 1, cmLen, null);
    if (pkt.full) cm.setLabel(`Compression Methods (${plural(cmLen, "method", "methods")})`);
    for (let i = 0; i < cmLen; i++) pkt.add(cm, F["handshake.comp_method"], tvb, p + 1 + i, 1, tvb.u8(p + 1 + i));
    p += 1 + cmLen;
  } else {
    const c = tvb.u16(p);
    ciphers.push(c);
    pkt.add(hs, F["handshake.ciphersuite"], tvb, p, 2, c);
    pkt.add(hs, F["handshake.comp_method"], tvb, p + 2, 1, tvb.u8(p + 2));
    p += 3;
  }
  const exts: number[] = [];
  const groups: number[] = [];
  const formats: number[] = [];
  const result: HelloResult = { selectedVersion: 0, cipher: ciphers[0] ?? 0 };
  if (p + 2 <= end) {
    const extLen = tvb.u16(p);
    pkt.add(hs, F["handshake.extensions_length"], tvb, p, 2, extLen);
    p += 2;
    const extEnd = Math.min(end, p + extLen);
    while (p + 4 <= extEnd) {
      const type = tvb.u16(p);
      const l = tvb.u16(p + 2);
      exts.push(type);
      const e = pkt.addText(hs, tvb, p, 4 + l, `Extension: ${EXTENSION_TYPES.get(type) ?? "Unknown type " + type} (len=${l})`);
      pkt.add(e, F["handshake.extension.type"], tvb, p, 2, type);
      pkt.add(e, F["handshake.extension.len"], tvb, p + 2, 2, l);
      dissectExtension(tvb, pkt, e, p + 4, l, type, client, { groups, formats, result });
      p += 4 + l;
    }
  }
  addJa3(tvb, pkt, hs, client, version, ciphers, exts, groups, formats);
  return result;
}

/** Whether a ServerHello body carries supported_versions = TLS 1.3 (looked up before its random is shown). */
function selectsTls13(tvb: Tvb, off: number, end: number): boolean {
  let p = off + 34;
  p += 1 + tvb.u8(p) + 3;
  if (p + 2 > end) return false;
  const extEnd = Math.min(end, p + 2 + tvb.u16(p));
  for (p += 2; p + 4 <= extEnd; p += 4 + tvb.u16(p + 2)) if (tvb.u16(p) === 43 && tvb.u16(p + 2) === 2) return tvb.u16(p + 4) === 0x0304;
  return false;
}

interface Collect {
  groups: number[];
  formats: number[];
  result: HelloResult;
}

/** A list whose first field is its length in bytes, under a counted subtree ("Supported Groups (10 groups)"). */
function extension(tvb: Tvb, pkt: Packet, e: Node, off: number, len: number, type: number, client: boolean, col: Collect): void {
  void len;
  switch (type) {
    case 0: {
      // server_name: a client sends a list; a server acknowledges with an empty extension
      if (!client) return;
      const sni = pkt.addText(e, tvb, off, len, "Server Name Indication extension");
      const listLen = tvb.u16(off);
      pkt.add(sni, F["handshake.extensions_server_name_list_len"], tvb, off, 2, listLen);
      let p = off + 2;
      while (p + 3 <= off + 2 + listLen) {
        const t = tvb.u8(p), l = tvb.u16(p + 1);
        pkt.add(sni, F["handshake.extensions_server_name_type"], tvb, p, 1, t);
        pkt.add(sni, F["handshake.extensions_server_name_len"], tvb, p + 1, 2, l);
        pkt.add(sni, F["handshake.extensions_server_name"], tvb, p + 3, l, tvb.ascii(p + 3, l));
        p += 3 + l;
      }
      return;
    }
    case 10: {
      const l = tvb.u16(off);
      pkt.add(e, F["handshake.extensions_supported_groups_length"], tvb, off, 2, l);
      const g = pkt.add(e, F["handshake.extensions_supported_groups"], tvb, off + 2, l, null);
      if (pkt.full) g.setLabel(`Supported Groups (${plural(l >> 1, "group", "groups")})`);
      for (let i = 0; i + 1 < l; i += 2) {
        const v = tvb.u16(off + 2 + i);
        col.groups.push(v);
        pkt.add(g, F["handshake.extensions_supported_group"], tvb, off + 2 + i, 2, v);
      }
      return;
    }
    case 11: {
      const l = tvb.u8(off);
      pkt.add(e, F["handshake.extensions_ec_point_formats_length"], tvb, off, 1, l);
      const g = pkt.add(e, F["handshake.extensions_ec_point_formats"], tvb, off + 1, l, null);
      if (pkt.full) g.setLabel(`Elliptic curves point formats (${l})`);
      for (let i = 0; i < l; i++) {
        const v = tvb.u8(off + 1 + i);
        col.formats.push(v);
        pkt.add(g, F["handshake.extensions_ec_point_format"], tvb, off + 1 + i, 1, v);
      }
      return;
    }
    case 13: {
      const l = tvb.u16(off);
      pkt.add(e, F["handshake.sig_hash_alg_len"], tvb, off, 2, l);
      const g = pkt.add(e, F["handshake.sig_hash_algs"], tvb, off + 2, l, null);
      if (pkt.full) g.setLabel(`Signature Hash Algorithms (${plural(l >> 1, "algorithm", "algorithms")})`);
      for (let i = 0; i + 1 < l; i += 2) {
        const v = tvb.u16(off + 2 + i);
        const a = pkt.add(g, F["handshake.sig_hash_alg"], tvb, off + 2 + i, 2, v);
        pkt.add(a, F["handshake.sig_hash_hash"], tvb, off + 2 + i, 1, v >> 8);
        pkt.add(a, F["handshake.sig_hash_sig"], tvb, off + 3 + i, 1, v & 0xff);
      }
      return;
    }
    case 16: {
      const l = tvb.u16(off);
      pkt.add(e, F["handshake.extensions_alpn_len"], tvb, off, 2, l);
      const list = pkt.add(e, F["handshake.extensions_alpn_list"], tvb, off + 2, l, null);
      let p = off + 2;
      while (p < off + 2 + l) {
        const sl = tvb.u8(p);
        pkt.add(list, F["handshake.extensions_alpn_str_len"], tvb, p, 1, sl);
        pkt.add(list, F["handshake.extensions_alpn_str"], tvb, p + 1, sl, tvb.ascii(p + 1, sl));
        p += 1 + sl;
      }
      return;
    }
    case 35:
      if (len === 0) {
        const d = pkt.add(e, F["handshake.extension.data"], tvb, off, 0, null);
        if (pkt.full) d.setLabel("Data (0 bytes)");
      } else pkt.add(e, F["handshake.extension.data"], tvb, off, len, null);
      return;
    case 43: {
      if (!client) {
        const v = tvb.u16(off);
        col.result.selectedVersion = v;
        pkt.add(e, F["handshake.extensions.supported_version"], tvb, off, 2, v);
        return;
      }
      const l = tvb.u8(off);
      pkt.add(e, F["handshake.extensions.supported_versions_len"], tvb, off, 1, l);
      for (let i = 0; i + 1 < l; i += 2) pkt.add(e, F["handshake.extensions.supported_version"], tvb, off + 1 + i, 2, tvb.u16(off + 1 + i));
      return;
    }
    case 45: {
      const l = tvb.u8(off);
      pkt.add(e, F["extension.psk_ke_modes_length"], tvb, off, 1, l);
      for (let i = 0; i < l; i++) pkt.add(e, F["extension.psk_ke_mode"], tvb, off + 1 + i, 1, tvb.u8(off + 1 + i));
      return;
    }
    case 51: {
      const ks = pkt.addText(e, tvb, off, len, "Key Share extension");
      let p = off;
      let endOff = off + len;
      if (client) {
        const l = tvb.u16(off);
        pkt.add(ks, F["handshake.extensions_key_share_client_length"], tvb, off, 2, l);
        p = off + 2;
        endOff = p + l;
      }
      while (p + 4 <= endOff) {
        const g = tvb.u16(p), kl = tvb.u16(p + 2);
        const entry = pkt.addText(ks, tvb, p, 4 + kl, `Key Share Entry: Group: ${GROUPS.get(g) ?? "Unknown"}, Key Exchange length: ${kl}`);
        pkt.add(entry, F["handshake.extensions_key_share_group"], tvb, p, 2, g);
        pkt.add(entry, F["handshake.extensions_key_share_key_exchange_length"], tvb, p + 2, 2, kl);
        pkt.add(entry, F["handshake.extensions_key_share_key_exchange"], tvb, p + 4, kl, null);
        p += 4 + kl;
      }
      return;
    }
    case 65281: {
      const r = pkt.addText(e, tvb, off, len, "Renegotiation Info extension");
      pkt.add(r, F["handshake.extensions_reneg_info_len"], tvb, off, 1, tvb.u8(off));
      return;
    }
    default:
      if (len) pkt.add(e, F["handshake.extension.data"], tvb, off, len, null);
  }
}
const dissectExtension = extension;

/** JA3 (client) / JA3S (server) fingerprints, GREASE values left out, as Wireshark adds them. */
function addJa3(tvb: Tvb, pkt: Packet, hs: Node, client: boolean, version: number, ciphers: number[], exts: number[], groups: number[], formats: number[]): void {
  const full = pkt.wants(client ? F["handshake.ja3_full"] : F["handshake.ja3s_full"]) || pkt.wants(client ? F["handshake.ja3"] : F["handshake.ja3s"]);
  if (!full) return;
  const keep = (xs: number[]) => xs.filter((x) => !isGrease(x)).join("-");
  const text = client
    ? `${version},${keep(ciphers)},${keep(exts)},${keep(groups)},${formats.join("-")}`
    : `${version},${ciphers[0] ?? 0},${keep(exts)}`;
  const md5 = createHash("md5").update(text).digest("hex");
  pkt.addGenerated(hs, client ? F["handshake.ja3_full"] : F["handshake.ja3s_full"], tvb, 0, 0, text);
  pkt.addGenerated(hs, client ? F["handshake.ja3"] : F["handshake.ja3s"], tvb, 0, 0, md5);
}
