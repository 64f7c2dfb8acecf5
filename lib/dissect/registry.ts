// The ONE list of protocol modules: dispatch tables, field lookup by abbrev, and the -G fields / protocols dumps.
import { allFields, type Field, type Protocol } from "./field.ts";
import { buildTables, type Dissector, type Tables } from "./tables.ts";
import { frame } from "./frame.ts";
import { malformed, short, unreassembled } from "./exceptions.ts";
import { data, dataDissector } from "./data.ts";
import { eth, ethDissector, ethertype } from "./eth.ts";
import { ip, ipv4Dissector } from "./ipv4.ts";
import { udp, udpDissector } from "./udp.ts";
import { tcp, tcpDissector } from "./tcp.ts";
import { icmp, icmpDissector } from "./icmp.ts";
import { icmpv6, icmpv6Dissector } from "./icmpv6.ts";
import { arp, arpDissector } from "./arp.ts";
import { ieee8021ad, ieee8021adDissector, vlan, vlanDissector } from "./vlan.ts";
import { sll, sll2Dissector, sllDissector } from "./sll.ts";
import { loopDissector, nul, nullDissector } from "./null.ts";
import { raw, rawDissector } from "./raw.ts";
import { ipv6, ipv6Dissector } from "./ipv6.ts";
import { dns, dnsDissector, dnsHeuristic } from "./dns.ts";
import { llc, llcDissector } from "./llc.ts";
import { http, httpDissector } from "./http.ts";
import { media, textLines } from "./http-body.ts";
import { tls, tlsDissector } from "./tls.ts";
import { dhcp, dhcpDissector } from "./dhcp.ts";
import { dhcpv6, dhcpv6Dissector } from "./dhcpv6.ts";
import { dstopts, dstoptsDissector, fraghdr, fraghdrDissector, hopopts, hopoptsDissector, routing, routingDissector } from "./ipv6-ext.ts";

/** A protocol file's contribution: the protocols it declares and the dissectors it offers. */
export interface ProtocolModule {
  readonly protocols: readonly Protocol[];
  readonly dissectors: readonly Dissector[];
}

/**
 * Every protocol module, in order. Adding a protocol = one import and one line here; nothing registers
 * itself. Order matters only for heuristics (tried in this order) and for -G output.
 */
export const MODULES: readonly ProtocolModule[] = [
  { protocols: [frame, malformed, short, unreassembled], dissectors: [] },
  { protocols: [eth, ethertype], dissectors: [ethDissector] },
  { protocols: [sll], dissectors: [sllDissector, sll2Dissector] },
  { protocols: [nul], dissectors: [nullDissector, loopDissector] },
  { protocols: [raw], dissectors: [rawDissector] },
  { protocols: [vlan, ieee8021ad], dissectors: [vlanDissector, ieee8021adDissector] },
  { protocols: [arp], dissectors: [arpDissector] },
  { protocols: [ip], dissectors: [ipv4Dissector] },
  { protocols: [ipv6, hopopts, routing, fraghdr, dstopts], dissectors: [ipv6Dissector, hopoptsDissector, routingDissector, fraghdrDissector, dstoptsDissector] },
  { protocols: [icmp], dissectors: [icmpDissector] },
  { protocols: [icmpv6], dissectors: [icmpv6Dissector] },
  { protocols: [tcp], dissectors: [tcpDissector] },
  { protocols: [udp], dissectors: [udpDissector] },
  { protocols: [dns], dissectors: [dnsDissector, dnsHeuristic] },
  { protocols: [llc], dissectors: [llcDissector] },
  { protocols: [http, textLines, media], dissectors: [httpDissector] },
  { protocols: [tls], dissectors: [tlsDissector] },
  { protocols: [dhcp], dissectors: [dhcpDissector] },
  { protocols: [dhcpv6], dissectors: [dhcpv6Dissector] },
  { protocols: [data], dissectors: [dataDissector] },
];

/** All protocols, in registry order. */
export const PROTOCOLS: readonly Protocol[] = MODULES.flatMap((m) => m.protocols);

/** A fresh set of dispatch tables (each session gets its own, so -d changes only that run). */
export function newTables(): Tables {
  return buildTables(MODULES.flatMap((m) => m.dissectors));
}

let byAbbrev: Map<string, Field> | undefined;

/** The field (or protocol) with this filter name, e.g. "tcp.srcport" or "ip". */
export function fieldByAbbrev(abbrev: string): Field | undefined {
  if (!byAbbrev) {
    byAbbrev = new Map();
    for (const p of PROTOCOLS) byAbbrev.set(p.abbrev, p.self);
    for (const f of allFields) if (!byAbbrev.has(f.abbrev)) byAbbrev.set(f.abbrev, f);
  }
  return byAbbrev.get(abbrev);
}

/** `tshark -G fields` lines: "P\tname\tabbrev" per protocol, then "F\tname\tabbrev\ttype\tproto\tbase\tmask\tblurb" per field. */
export function fieldsReport(): string[] {
  const out: string[] = [];
  for (const p of PROTOCOLS) {
    out.push(`P\t${p.name}\t${p.abbrev}`);
    for (const f of p.fields) {
      const base = f.base === undefined ? (f.type === "FT_BOOLEAN" ? "0" : "") : String(f.base);
      const mask = f.mask ? `0x${f.mask.toString(16)}` : "0x0";
      out.push(`F\t${f.name}\t${f.abbrev}\t${f.type}\t${p.abbrev}\t${base}\t${mask}\t${f.blurb ?? ""}`);
    }
  }
  return out;
}

/** `tshark -G protocols` lines: "name\tshort name\tabbrev". */
export function protocolsReport(): string[] {
  return PROTOCOLS.map((p) => `${p.name}\t${p.short}\t${p.abbrev}`);
}
