// Hand-built frames for dissector unit tests: Ethernet/IPv4/IPv6/UDP/TCP/ICMP bytes with correct lengths.
import type { Frame } from "../../lib/pcap/frame.ts";

export const MAC_A = [0x00, 0x1b, 0x21, 0x01, 0x02, 0x03];
export const MAC_B = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];

export function eth(type: number, payload: number[], dst = MAC_B, src = MAC_A): number[] {
  return [...dst, ...src, type >> 8, type & 0xff, ...payload];
}

export function ipv4(proto: number, payload: number[], src = [10, 0, 0, 1], dst = [10, 0, 0, 2], o: { ttl?: number; id?: number; frag?: number; totalLength?: number } = {}): number[] {
  const len = o.totalLength ?? 20 + payload.length;
  const id = o.id ?? 1;
  const frag = o.frag ?? 0x4000;
  return [0x45, 0, len >> 8, len & 0xff, id >> 8, id & 0xff, frag >> 8, frag & 0xff, o.ttl ?? 64, proto, 0, 0, ...src, ...dst, ...payload];
}

export function udp(sport: number, dport: number, data: number[]): number[] {
  const len = 8 + data.length;
  return [sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, len >> 8, len & 0xff, 0x12, 0x34, ...data];
}

export function tcp(sport: number, dport: number, seq: number, ack: number, flags: number, options: number[] = [], data: number[] = []): number[] {
  const hlen = 20 + options.length;
  const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return [sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, ...u32(seq), ...u32(ack), (hlen / 4) << 4, flags, 0xff, 0xd7, 0xab, 0xcd, 0, 0, ...options, ...data];
}

export function icmpEcho(type: 8 | 0, id: number, seq: number, data: number[] = [1, 2, 3, 4]): number[] {
  return [type, 0, 0, 0, id >> 8, id & 0xff, seq >> 8, seq & 0xff, ...data];
}

/** A Frame from bytes; `caplen` below the length simulates a snap length cut. */
export function frame(bytes: number[], o: { ts?: bigint; caplen?: number; linktype?: number } = {}): Frame {
  const data = new Uint8Array(bytes.slice(0, o.caplen ?? bytes.length));
  return { ts: o.ts ?? 1_700_000_000_000_000_000n, caplen: data.length, len: bytes.length, linktype: o.linktype ?? 1, data };
}
