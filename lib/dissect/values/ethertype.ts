// Ethertype names as Wireshark's etype_vals spells them (eth.type, vlan.etype, sll.etype labels).
import { vals } from "../field.ts";

export const ETHERTYPE = {
  IPv4: 0x0800, ARP: 0x0806, RARP: 0x8035, VLAN: 0x8100, QINQ: 0x88a8, QINQ_OLD: 0x9100, IPv6: 0x86dd,
  PPPOED: 0x8863, PPPOES: 0x8864, MPLS: 0x8847, MPLS_MC: 0x8848, LLDP: 0x88cc, EAPOL: 0x888e,
  MACSEC: 0x88e5, SLOW: 0x8809, LOOP: 0x9000, IPX: 0x8137, ATALK: 0x809b, AARP: 0x80f3, WOL: 0x0842,
  TEB: 0x6558, NSH: 0x894f, PTP: 0x88f7, CFM: 0x8902, FCOE: 0x8906, ROCE: 0x8915, DEC_LB: 0x9000,
} as const;

export const ethertypeNames = vals({
  0x0800: "IPv4", 0x0806: "ARP", 0x8035: "RARP", 0x8100: "802.1Q Virtual LAN", 0x88a8: "802.1ad Provider Bridge (Q-in-Q)",
  0x9100: "QinQ: old non-standard 802.1ad", 0x86dd: "IPv6", 0x8863: "PPPoE Discovery", 0x8864: "PPPoE Session",
  0x8847: "MPLS label switched packet", 0x8848: "MPLS multicast label switched packet", 0x88cc: "802.1 Link Layer Discovery Protocol (LLDP)",
  0x888e: "802.1X Authentication", 0x88e5: "802.1AE (MACsec)", 0x8809: "Slow Protocols", 0x9000: "Loopback",
  0x8137: "Netware IPX/SPX", 0x809b: "AppleTalk LLAP bridging", 0x80f3: "AARP", 0x0842: "Wake on LAN",
  0x6558: "Transparent Ethernet bridging", 0x894f: "Network Service Header", 0x88f7: "PTPv2 over Ethernet (IEEE1588)",
  0x8902: "IEEE 802.1Q Connectivity Fault Management (CFM) protocol", 0x8906: "FCoE Fibre Channel",
  0x8915: "RDMA over Converged Ethernet", 0x88b5: "Local Experimental Ethertype 1", 0x88b6: "Local Experimental Ethertype 2",
  0x0000: "Unknown", 0x88e7: "802.1ah Provider Backbone Bridge (mac-in-mac)", 0x8899: "Realtek Layer 2 Protocols",
  0x22f0: "IEEE 1722 Audio Video Bridging Transport Protocol", 0x8892: "PROFINET", 0x88a4: "EtherCAT frame",
  0x9104: "IEEE 802.1Q Virtual LAN (BBN)",
});
