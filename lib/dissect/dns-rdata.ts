// DNS record data by type (A, AAAA, NS, CNAME, PTR, MX, TXT, SOA, SRV, anything else as bytes): tree items and Info text.
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import type { DnsProto } from "./dns.ts";
import { readDnsName } from "./dns-name.ts";
import { ipv4Text, ipv6At } from "../format/address.ts";

/** Add to a text item's label (the record line "name: type A, class IN" gets ", addr ..."). */
function appendLabel(rr: Node, s: string): void {
  if (rr.label !== null) rr.label += s;
}

const UNITS: readonly [number, string][] = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];

/** Seconds as Wireshark's unsigned_time_secs_to_str: "1 day, 2 hours, 5 seconds"; "0 seconds" for 0. */
export function secondsText(secs: number): string {
  if (secs === 0) return "0 seconds";
  const parts: string[] = [];
  let left = secs;
  for (const [size, unit] of UNITS) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  return parts.join(", ");
}

/**
 * The record data of one RR at `off` (rdlen bytes). `rr` is the record's subtree: its label gets the
 * summary Wireshark appends (", addr 192.0.2.1"), the Info column the data after the type.
 */
export function dissectRdata(dns: DnsProto, msg: Tvb, pkt: Packet, rr: Node, off: number, rdlen: number, type: number): void {
  const F = dns.f;
  const c = pkt.cols;
  const full = pkt.full;
  const nameAt = (o: number) => readDnsName(msg, o);
  if (rdlen === 0) return;
  switch (type) {
    case 1: {
      const a = msg.u32(off);
      if (rdlen !== 4) break;
      pkt.add(rr, F.a, msg, off, 4, a);
      c?.appendInfo(` ${ipv4Text(a)}`);
      if (full) appendLabel(rr, `, addr ${ipv4Text(a)}`);
      return;
    }
    case 28: {
      if (rdlen !== 16) break;
      msg.check(off, 16);
      const text = ipv6At(msg.data, msg.start + off);
      pkt.add(rr, F.aaaa, msg, off, 16, null);
      c?.appendInfo(` ${text}`);
      if (full) appendLabel(rr, `, addr ${text}`);
      return;
    }
    case 2:
    case 5:
    case 12: {
      const n = nameAt(off);
      const f = type === 2 ? F.ns : type === 5 ? F.cname : F["ptr.domain_name"];
      pkt.add(rr, f, msg, off, n.used, n.text);
      c?.appendInfo(` ${n.text}`);
      if (full) appendLabel(rr, type === 2 ? `, ns ${n.text}` : type === 5 ? `, cname ${n.text}` : `, ${n.text}`);
      return;
    }
    case 15: {
      const pref = msg.u16(off);
      const n = nameAt(off + 2);
      pkt.add(rr, F["mx.preference"], msg, off, 2, pref);
      pkt.add(rr, F["mx.mail_exchange"], msg, off + 2, n.used, n.text);
      c?.appendInfo(` ${pref} ${n.text}`);
      if (full) appendLabel(rr, `, preference ${pref}, mx ${n.text}`);
      return;
    }
    case 16:
    case 99: {
      // TXT and SPF: a row of length-prefixed strings
      const [lenField, textField] = type === 16 ? [F["txt.length"], F.txt] : [F["spf.length"], F.spf];
      let p = off;
      while (p < off + rdlen) {
        const l = msg.u8(p);
        pkt.add(rr, lenField, msg, p, 1, l);
        pkt.add(rr, textField, msg, p + 1, l, msg.ascii(p + 1, l));
        p += 1 + l;
      }
      return;
    }
    case 6: {
      const m = nameAt(off);
      const r = nameAt(off + m.used);
      let p = off + m.used + r.used;
      pkt.add(rr, F["soa.mname"], msg, off, m.used, m.text);
      pkt.add(rr, F["soa.rname"], msg, off + m.used, r.used, r.text);
      c?.appendInfo(` ${m.text}`);
      if (full) appendLabel(rr, `, mname ${m.text}`);
      pkt.add(rr, F["soa.serial_number"], msg, p, 4, msg.u32(p));
      p += 4;
      for (const f of [F["soa.refresh_interval"], F["soa.retry_interval"], F["soa.expire_limit"], F["soa.minimum_ttl"]]) {
        const v = msg.u32(p);
        const n = pkt.add(rr, f, msg, p, 4, v);
        if (full) n.append(` (${secondsText(v)})`);
        p += 4;
      }
      return;
    }
    case 33: {
      const pri = msg.u16(off), weight = msg.u16(off + 2), port = msg.u16(off + 4);
      const t = nameAt(off + 6);
      pkt.add(rr, F["srv.priority"], msg, off, 2, pri);
      pkt.add(rr, F["srv.weight"], msg, off + 2, 2, weight);
      pkt.add(rr, F["srv.port"], msg, off + 4, 2, port);
      pkt.add(rr, F["srv.target"], msg, off + 6, t.used, t.text);
      c?.appendInfo(` ${pri} ${weight} ${port} ${t.text}`);
      if (full) appendLabel(rr, `, priority ${pri}, weight ${weight}, port ${port}, target ${t.text}`);
      return;
    }
    case 44:
      // SSHFP: algorithm, fingerprint type, fingerprint
      pkt.add(rr, F["sshfp.algorithm"], msg, off, 1, msg.u8(off));
      pkt.add(rr, F["sshfp.fingerprint.type"], msg, off + 1, 1, msg.u8(off + 1));
      pkt.add(rr, F["sshfp.fingerprint"], msg, off + 2, rdlen - 2, null);
      return;
    case 46: {
      // RRSIG (RFC 4034 3.1): the covered type, algorithm, validity window, key tag, signer and signature
      pkt.add(rr, F["rrsig.type_covered"], msg, off, 2, msg.u16(off));
      pkt.add(rr, F["rrsig.algorithm"], msg, off + 2, 1, msg.u8(off + 2));
      pkt.add(rr, F["rrsig.labels"], msg, off + 3, 1, msg.u8(off + 3));
      const ttl = msg.u32(off + 4);
      const t = pkt.add(rr, F["rrsig.original_ttl"], msg, off + 4, 4, ttl);
      if (full) t.append(` (${secondsText(ttl)})`);
      pkt.add(rr, F["rrsig.signature_expiration"], msg, off + 8, 4, BigInt(msg.u32(off + 8)) * 1_000_000_000n);
      pkt.add(rr, F["rrsig.signature_inception"], msg, off + 12, 4, BigInt(msg.u32(off + 12)) * 1_000_000_000n);
      pkt.add(rr, F["rrsig.key_tag"], msg, off + 16, 2, msg.u16(off + 16));
      const signer = nameAt(off + 18);
      pkt.add(rr, F["rrsig.signers_name"], msg, off + 18, signer.used, signer.text);
      const sig = off + 18 + signer.used;
      pkt.add(rr, F["rrsig.signature"], msg, sig, off + rdlen - sig, null);
      return;
    }
  }
  pkt.add(rr, F.data, msg, off, rdlen, null);
}
