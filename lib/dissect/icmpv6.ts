// ICMPv6 (RFC 4443, 4861, 3810): echo with pairing, errors with the quoted datagram, neighbour discovery, MLD.
import { defineProtocol, vals } from "./field.ts";
import type { Dissector } from "./tables.ts";
import { catchNonFatal } from "./exceptions.ts";
import { CHECKSUM_STATUS } from "./values/checksum.ts";
import { ipv6PseudoSum } from "./checksum.ts";
import { addVerifiedChecksum } from "./icmp.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { matchEcho } from "../analysis/echo-pairs.ts";
import { ipv6At } from "../format/address.ts";
import { hexColon } from "./names.ts";

export const TYPES = vals({ 1: "Destination Unreachable", 2: "Packet Too Big", 3: "Time Exceeded", 4: "Parameter Problem", 100: "Private experimentation", 101: "Private experimentation", 127: "Reserved for expansion of ICMPv6 error messages", 128: "Echo (ping) request", 129: "Echo (ping) reply", 130: "Multicast Listener Query", 131: "Multicast Listener Report", 132: "Multicast Listener Done", 133: "Router Solicitation", 134: "Router Advertisement", 135: "Neighbor Solicitation", 136: "Neighbor Advertisement", 137: "Redirect", 138: "Router Renumbering", 139: "Node Information Query", 140: "Node Information Reply", 141: "Inverse Neighbor Discovery Solicitation", 142: "Inverse Neighbor Discovery Advertisement", 143: "Multicast Listener Report Message v2", 144: "Home Agent Address Discovery Request", 145: "Home Agent Address Discovery Reply", 146: "Mobile Prefix Solicitation", 147: "Mobile Prefix Advertisement", 148: "Certification Path Solicitation", 149: "Certification Path Advertisement", 150: "Experimental Mobility", 151: "Multicast Router Advertisement", 152: "Multicast Router Solicitation", 153: "Multicast Router Termination", 154: "FMIPv6", 155: "RPL Control", 156: "Locator Update", 157: "Duplicate Address Request", 158: "Duplicate Address Confirmation", 159: "MPL Control Message", 160: "Extended Echo request", 161: "Extended Echo reply", 200: "Private experimentation", 201: "Private experimentation", 255: "Reserved for expansion of ICMPv6 informational messages" });
const OPTION_TYPES = vals({ 1: "Source link-layer address", 2: "Target link-layer address", 3: "Prefix information", 4: "Redirected header", 5: "MTU", 6: "NBMA Shortcut Limit Option", 7: "Advertisement Interval", 8: "Home Agent Information", 9: "Source Address List", 10: "Target Address List", 11: "CGA", 12: "RSA Signature", 13: "Timestamp", 14: "Nonce", 15: "Trust Anchor", 16: "Certificate", 17: "IP Address/Prefix Option", 18: "New Router Prefix Information", 19: "Link-layer Address", 20: "Neighbor Advertisement Acknowledgment", 23: "MAP", 24: "Route Information", 25: "Recursive DNS Server", 26: "RA Flags Extension", 27: "Handover Key Request", 28: "Handover Key Reply", 29: "Handover Assist Information", 30: "Mobile Node Identifier Option", 31: "DNS Search List Option", 32: "Proxy Signature (PS)", 33: "Address Registration Option", 34: "6LoWPAN Context Option", 35: "Authoritative Border Router", 36: "6LoWPAN Capability Indication Option", 37: "DHCP Captive-Portal", 38: "PREF64 Option", 138: "CARD Request", 139: "CARD Reply", 253: "RFC3692-style Experiment 1", 254: "RFC3692-style Experiment 2" });

/** Code names of the error messages (the other types print no code). */
const CODES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [1, vals({ 0: "no route to destination", 1: "communication with destination administratively prohibited", 2: "beyond scope of source address", 3: "address unreachable", 4: "port unreachable", 5: "source address failed ingress/egress policy", 6: "reject route to destination", 7: "Error in Source Routing Header" })],
  [3, vals({ 0: "hop limit exceeded in transit", 1: "fragment reassembly time exceeded" })],
  [138, vals({ 0: "Command", 1: "Result", 255: "Sequence number reset" })],
  [155, vals({ 0: "DODAG Information Solicitation", 1: "DODAG Information Object", 2: "Destination Advertisement Object", 3: "Destination Advertisement Object Acknowledgment", 0x80: "Secure DODAG Information Solicitation", 0x81: "Secure DODAG Information Object", 0x82: "Secure Destination Advertisement Object", 0x83: "Secure Destination Advertisement Object Acknowledgment", 0x8a: "Consistency Check" })],
  [139, vals({ 0: "Query subject = IPv6 addresses", 1: "Query subject = Name", 2: "Query subject = IPv4 addresses" })],
  [140, vals({ 0: "Successful", 1: "Refused", 2: "Unknown query type" })],
  [160, vals({ 0: "No error" })],
  [161, vals({ 0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query" })],
  [4, vals({ 0: "erroneous header field encountered", 1: "unrecognized Next Header type encountered", 2: "unrecognized IPv6 option encountered", 3: "IPv6 First Fragment has incomplete IPv6 Header Chain" })],
]);

export const icmpv6 = defineProtocol({ abbrev: "icmpv6", name: "Internet Control Message Protocol v6", short: "ICMPv6" }, {
  type: { name: "Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicates the type of the message", strings: TYPES },
  code: { name: "Code", type: "FT_UINT8", base: "BASE_DEC", blurb: "Depends on the message type.  It is used to create an additional level of message granularity" },
  checksum: { name: "Checksum", type: "FT_UINT16", base: "BASE_HEX", blurb: "Used to detect data corruption in the ICMPv6 message and parts of the IPv6 header" },
  "checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
  reserved: { name: "Reserved", type: "FT_BYTES", blurb: "Must be Zero" },
  data: { name: "Data", type: "FT_BYTES" },
  unknown_data: { name: "Unknown Data", type: "FT_BYTES", blurb: "Not interpreted Data" },
  mtu: { name: "MTU", type: "FT_UINT32", base: "BASE_DEC", blurb: "The Maximum Transmission Unit of the next-hop link" },
  pointer: { name: "Pointer", type: "FT_UINT32", base: "BASE_DEC", blurb: "Identifies the octet offset within the invoking packet where the error was detected" },
  "echo.identifier": { name: "Identifier", type: "FT_UINT16", base: "BASE_HEX", blurb: "An identifier to aid in matching with Request and Reply" },
  "echo.sequence_number": { name: "Sequence", type: "FT_UINT16", base: "BASE_DEC", blurb: "A sequence number to aid in matching Echo Replies to this Echo Request" },
  nonce: { name: "Nonce", type: "FT_BYTES" },
  "nd.ra.cur_hop_limit": { name: "Cur hop limit", type: "FT_UINT8", base: "BASE_DEC", blurb: "The default value that should be placed in the Hop Count field of the IP header for outgoing IP packets" },
  "nd.ra.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "nd.ra.flag.m": { name: "Managed address configuration", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "When set, it indicates that addresses are available via DHCPv6" },
  "nd.ra.flag.o": { name: "Other configuration", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "When set, it indicates that other configuration information is available via DHCPv6" },
  "nd.ra.flag.h": { name: "Home Agent", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "When set, it indicate that the router sending this Router Advertisement is also functioning as a Mobile IPv6 home agent on this link" },
  "nd.ra.flag.prf": { name: "Prf (Default Router Preference)", type: "FT_UINT8", base: "BASE_DEC", mask: 0x18, blurb: "Indicates whether to prefer this router over other default routers" },
  "nd.ra.flag.p": { name: "Proxy", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "nd.ra.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3, blurb: "Must be Zero" },
  "nd.ra.router_lifetime": { name: "Router lifetime (s)", type: "FT_UINT16", base: "BASE_DEC", blurb: "The lifetime associated with the default router" },
  "nd.ra.reachable_time": { name: "Reachable time (ms)", type: "FT_UINT32", base: "BASE_DEC", blurb: "The time that a node assumes a neighbor is reachable after having received a reachability confirmation" },
  "nd.ra.retrans_timer": { name: "Retrans timer (ms)", type: "FT_UINT32", base: "BASE_DEC", blurb: "The time between retransmitted Neighbor Solicitation messages" },
  "nd.ns.target_address": { name: "Target Address", type: "FT_IPv6", blurb: "The IP address of the target of the solicitation" },
  "nd.na.flag": { name: "Flags", type: "FT_UINT32", base: "BASE_HEX" },
  "nd.na.flag.r": { name: "Router", type: "FT_BOOLEAN", base: 32, mask: 0x80000000, blurb: "When set, it indicates that the sender is a router" },
  "nd.na.flag.s": { name: "Solicited", type: "FT_BOOLEAN", base: 32, mask: 0x40000000, blurb: "When set, it indicates that the advertisement was sent in response to a Neighbor Solicitation from the Destination address" },
  "nd.na.flag.o": { name: "Override", type: "FT_BOOLEAN", base: 32, mask: 0x20000000, blurb: "When set, it indicates that the advertisement should override an existing cache entry and update the cached link-layer address" },
  "nd.na.flag.rsv": { name: "Reserved", type: "FT_UINT32", base: "BASE_DEC", mask: 0x1fffffff, blurb: "Must be Zero" },
  "nd.na.target_address": { name: "Target Address", type: "FT_IPv6", blurb: "the Target Address field in the Neighbor Solicitation message that prompted this advertisement" },
  "nd.rd.target_address": { name: "Target Address", type: "FT_IPv6", blurb: "An IP address that is a better first hop to use for the ICMP Destination Address" },
  "rd.na.destination_address": { name: "Destination Address", type: "FT_IPv6", blurb: "The IP address of the destination that is redirected to the target" },
  opt: { name: "ICMPv6 Option", type: "FT_NONE", blurb: "Option" },
  "opt.type": { name: "Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "Options type", strings: OPTION_TYPES },
  "opt.length": { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length (in units of 8 bytes) of the option (including the Type and Length fields)" },
  "opt.reserved": { name: "Reserved", type: "FT_NONE", blurb: "Reserved (Must be 0)" },
  "opt.padding": { name: "Padding", type: "FT_NONE", blurb: "Padding (Must be 0)" },
  "opt.linkaddr": { name: "Link-layer address", type: "FT_BYTES" },
  "opt.src_linkaddr": { name: "Source Link-layer address", type: "FT_BYTES" },
  "opt.target_linkaddr": { name: "Target Link-layer address", type: "FT_BYTES" },
  "opt.linkaddr_eui64": { name: "Link-layer address", type: "FT_EUI64" },
  "opt.src_linkaddr_eui64": { name: "Source Link-layer address", type: "FT_EUI64" },
  "opt.target_linkaddr_eui64": { name: "Target Link-layer address", type: "FT_EUI64" },
  "opt.prefix.length": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of leading bits in the Prefix that are valid" },
  "opt.prefix.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.prefix.flag.l": { name: "On-link flag(L)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "When set, indicates that this prefix can be used for on-link determination" },
  "opt.prefix.flag.a": { name: "Autonomous address-configuration flag(A)", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "When set indicates that this prefix can be used for stateless address configuration" },
  "opt.prefix.flag.r": { name: "Router address flag(R)", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "When set indicates that the Prefix field contains a complete IP address assigned to the sending router" },
  "opt.prefix.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1f },
  "opt.prefix.valid_lifetime": { name: "Valid Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds that the prefix is valid for the purpose of on-link determination" },
  "opt.prefix.preferred_lifetime": { name: "Preferred Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds that addresses generated from the prefix via stateless address autoconfiguration remain preferred" },
  "opt.prefix": { name: "Prefix", type: "FT_IPv6", blurb: "An IP address or a prefix of an IP address" },
  "opt.cga.pad_length": { name: "Pad Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Pad Length (in bytes)" },
  "opt.cga": { name: "CGA", type: "FT_BYTES" },
  "opt.cga.modifier": { name: "Modifier", type: "FT_BYTES" },
  "opt.cga.subnet_prefix": { name: "Subnet Prefix", type: "FT_BYTES" },
  "opt.cga.count": { name: "Count", type: "FT_BYTES" },
  "opt.cga.subject_public_key_info": { name: "Subject Public Key Info", type: "FT_NONE" },
  "opt.cga.ext_type": { name: "Ext Type", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.cga.ext_length": { name: "Ext Length", type: "FT_UINT16", base: "BASE_DEC" },
  "opt.cga.ext_data": { name: "Ext Data", type: "FT_BYTES" },
  "opt.rsa.key_hash": { name: "Key Hash", type: "FT_BYTES" },
  "opt.digital_signature_padding": { name: "Digital Signature and Padding", type: "FT_NONE", blurb: "TO DO FIX ME !!" },
  "opt.ps.key_hash": { name: "Key Hash", type: "FT_BYTES" },
  "opt.timestamp": { name: "Timestamp", type: "FT_ABSOLUTE_TIME", blurb: "The value indicates the number of seconds since January 1, 1970, 00:00 UTC" },
  "opt.nonce": { name: "Nonce", type: "FT_BYTES", blurb: "A field containing a random number selected by the sender of the solicitation message" },
  "opt.certificate_padding": { name: "Certificate and Padding", type: "FT_NONE" },
  "opt.ipa.option_code": { name: "Option-code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.ipa.prefix_len": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "That indicates the length of the IPv6 Address Prefix" },
  "opt.ipa.ipv6_address": { name: "IPv6 Address", type: "FT_IPv6", blurb: "The IP address/prefix defined by the Option-Code field" },
  "opt.nrpi.option_code": { name: "Option-code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.nrpi.prefix_len": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of leading bits in the Prefix that are valid" },
  "opt.nrpi.prefix": { name: "Prefix", type: "FT_IPv6", blurb: "An IP address or a prefix of an IP address" },
  "opt.lla.option_code": { name: "Option-code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.lla.bytes": { name: "Link-Layer Address", type: "FT_BYTES", blurb: "(in Bytes Format)" },
  "opt.naack.option_code": { name: "Option-Code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.naack.status": { name: "Status", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicating the disposition of the Unsolicited Neighbor Advertisement message" },
  "opt.naack.supplied_ncoa": { name: "Supplied NCoA", type: "FT_IPv6" },
  "opt.map.distance": { name: "Distance", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0, blurb: "Identifying the distance between MAP and the receiver of the advertisement (in the number of hops)" },
  "opt.map.preference": { name: "Preference", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf, blurb: "Used as an indicator of operator preference (Highest is better)" },
  "opt.map.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.map.flag.r": { name: "RCoA Flag", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "It indicates that the mobile node is allocated the RCoA by the MAP" },
  "opt.map.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7f, blurb: "Must be 0" },
  "opt.map.valid_lifetime": { name: "Valid Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "This value indicates the validity of the MAP's address and the RCoA." },
  "opt.map.global_address": { name: "Global Address", type: "FT_IPv6", blurb: "One of the MAP's global addresses" },
  "opt.route_info.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.route_info.flag.route_preference": { name: "Route Preference", type: "FT_UINT8", base: "BASE_DEC", mask: 0x18, blurb: "The Route Preference indicates whether to prefer the router associated with this prefix over others" },
  "opt.route_info.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe7, blurb: "Must be 0" },
  "opt.route_lifetime": { name: "Route Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds that the prefix is valid for the purpose of route determination" },
  "opt.name_type": { name: "Name Type", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.name_x501": { name: "DER Encoded X.501 Name", type: "FT_BYTES" },
  "opt.name_type.fqdn": { name: "FQDN", type: "FT_STRING" },
  "send.identifier": { name: "Identifier", type: "FT_UINT16", base: "BASE_DEC", blurb: "An identifier to aid in matching with Request and Reply" },
  "send.all_components": { name: "All Components", type: "FT_UINT16", base: "BASE_DEC", blurb: "Inform the receiver of the number of certificates in the entire path" },
  "send.component": { name: "Component", type: "FT_UINT16", base: "BASE_DEC", blurb: "If the field is set to 65,535 if the sender seeks to retrieve all certificates" },
  x509_Name: { name: "Name", type: "FT_UINT32", base: "BASE_DEC" },
  x509_Certificate: { name: "Certificate", type: "FT_NONE" },
  "opt.redirected_packet": { name: "Redirected Packet", type: "FT_NONE" },
  "opt.mtu": { name: "MTU", type: "FT_UINT32", base: "BASE_DEC", blurb: "The recommended MTU for the link" },
  "opt.nbma.shortcut_limit": { name: "Shortcut Limit", type: "FT_UINT8", base: "BASE_DEC", blurb: "Hop limit for shortcut attempt" },
  "opt.advertisement_interval": { name: "Advertisement Interval", type: "FT_UINT32", base: "BASE_DEC", blurb: "The maximum time (in milliseconds) between successive unsolicited Router Advertisement messages sent by this router on this network interface" },
  "opt.home_agent_preference": { name: "Home Agent Preference", type: "FT_UINT16", base: "BASE_DEC", blurb: "The preference for the home agent sending this Router Advertisement" },
  "opt.home_agent_lifetime": { name: "Home Agent Preference", type: "FT_UINT16", base: "BASE_DEC", blurb: "The lifetime associated with the home agent in units of seconds." },
  "opt.ipv6_address": { name: "IPv6 Address", type: "FT_IPv6", blurb: "IPv6 addresses of the interface" },
  "opt.rdnss.lifetime": { name: "Lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "opt.rdnss": { name: "Recursive DNS Servers", type: "FT_IPv6" },
  "opt.efo": { name: "Flags Expansion Option", type: "FT_UINT16", base: "BASE_HEX" },
  "opt.efo.m": { name: "Managed address configuration", type: "FT_BOOLEAN", base: 16, mask: 0x8000, blurb: "When set, it indicates that addresses are available via DHCPv6" },
  "opt.efo.o": { name: "Other configuration", type: "FT_BOOLEAN", base: 16, mask: 0x4000, blurb: "When set, it indicates that other configuration information is available via DHCPv6" },
  "opt.efo.h": { name: "Home Agent", type: "FT_BOOLEAN", base: 16, mask: 0x2000, blurb: "When set, it indicate that the router sending this Router Advertisement is also functioning as a Mobile IPv6 home agent on this link" },
  "opt.efo.prf": { name: "Prf (Default Router Preference)", type: "FT_UINT16", base: "BASE_DEC", mask: 0x1800, blurb: "Indicates whether to prefer this router over other default routers" },
  "opt.efo.p": { name: "Proxy", type: "FT_BOOLEAN", base: 16, mask: 0x400 },
  "opt.efo.rsv": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0x2ff, blurb: "Must be Zero" },
  "opt.hkr.pad_length": { name: "Pad Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of padding octets beyond the end of the Handover Key" },
  "opt.hkr.at": { name: "AT", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0, blurb: "The algorithm type field describing the algorithm used by FMIPv6 to calculate the authenticator" },
  "opt.hkr.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf, blurb: "Reserved (Must be Zero)" },
  "opt.hkr.encryption_public_key": { name: "Handover Key Encryption Public Key", type: "FT_BYTES" },
  "opt.hkr.padding": { name: "Padding", type: "FT_BYTES", blurb: "A variable-length field making the option length a multiple of 8" },
  "opt.hkr.lifetime": { name: "Padding", type: "FT_UINT16", base: "BASE_DEC", blurb: "Lifetime of the handover key (in seconds)" },
  "opt.hkr.encrypted_handover_key": { name: "Encrypted Handover Key", type: "FT_BYTES", blurb: "The shared handover key, encrypted with the MN's handover key encryption public key" },
  "opt.hai.option_code": { name: "Option-Code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.hai.length": { name: "HAI-Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The size of the HAI-Value field in octets" },
  "opt.hai.value": { name: "HAI-Value", type: "FT_BYTES", blurb: "The value specified by the Option-Code" },
  "opt.mn.option_code": { name: "Option-Code", type: "FT_UINT8", base: "BASE_DEC" },
  "opt.mn.length": { name: "MN-Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The size of the MN-Value field in octets" },
  "opt.mn.value": { name: "MN-Value", type: "FT_BYTES", blurb: "The value specified by the Option-Code" },
  "opt.dnssl.lifetime": { name: "Lifetime", type: "FT_UINT32", base: "BASE_DEC" },
  "opt.dnssl": { name: "Domain Names", type: "FT_STRING" },
  "opt.aro.status": { name: "Status", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicates the status of a registration in the NA response" },
  "opt.aro.registration_lifetime": { name: "Registration  Lifetime", type: "FT_UINT16", base: "BASE_DEC", blurb: "The amount of time (in a unit of 60 seconds) that the router should retain the Neighbor Cache entry" },
  "opt.aro.eui64": { name: "EUI-64", type: "FT_EUI64", blurb: "This field is used to uniquely identify the interface of the registered address" },
  "opt.6co.context_length": { name: "Context Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of leading bits in the Context Prefix field that are valid" },
  "opt.6co.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "opt.6co.flag.c": { name: "Compression Flag", type: "FT_BOOLEAN", base: 8, mask: 0x10, blurb: "This flag indicates if the context is valid for use in compression" },
  "opt.6co.flag.cid": { name: "CID", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf, blurb: "Context Identifier for this prefix information" },
  "opt.6co.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe0, blurb: "Must be zero" },
  "opt.6co.valid_lifetime": { name: "Lifetime", type: "FT_UINT16", base: "BASE_DEC", blurb: "The length of time in a unit of 60 seconds that the context is valid for the purpose of header compression or decompression" },
  "opt.6co.context_prefix": { name: "Context Prefix", type: "FT_IPv6", blurb: "The IPv6 prefix or address corresponding to the Context ID (CID) field" },
  "opt.abro.version_low": { name: "Version Low", type: "FT_UINT16", base: "BASE_DEC", blurb: "The version number low (the least significant 16 bits) corresponding to this set of information contained in the RA message" },
  "opt.abro.version_high": { name: "Version", type: "FT_UINT16", base: "BASE_DEC", blurb: "The version number high (most significant 16 bits) corresponding to this set of information contained in the RA message" },
  "opt.abro.valid_lifetime": { name: "Valid Lifetime", type: "FT_UINT16", base: "BASE_DEC", blurb: "The length of time in a unit of 60 seconds (relative to the time the packet is received) that this set of border router information is valid." },
  "opt.abro.6lbr_address": { name: "6LBR Address", type: "FT_IPv6", blurb: "IPv6 address of the 6LBR that is the origin of the included version number" },
  "opt.6cio.unassigned1": { name: "Unassigned", type: "FT_UINT16", base: "BASE_HEX", mask: 0xfffe },
  "opt.6cio.flag_g": { name: "G", type: "FT_UINT16", base: "BASE_HEX", mask: 0x1 },
  "opt.6cio.unassigned2": { name: "Unassigned", type: "FT_UINT32", base: "BASE_HEX" },
  "opt.captive_portal": { name: "Captive Portal", type: "FT_STRING", blurb: "The contact URI for the captive portal that the user should connect to" },
  "opt.pref64.scaled_lifetime": { name: "Scaled Lifetime", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff8, blurb: "The maximum time in units of 8 seconds over which this NAT64 prefix MAY be used" },
  "opt.pref64.plc": { name: "PLC (Prefix Length Code)", type: "FT_UINT16", base: "BASE_HEX", mask: 0x7, blurb: "This field encodes the NAT64 Prefix Length" },
  "opt.pref64.prefix": { name: "Prefix", type: "FT_IPv6", blurb: "NAT64 Prefix" },
  "mld.maximum_response_delay": { name: "Maximum Response Delay [ms]", type: "FT_UINT16", base: "BASE_DEC", blurb: "Specifies the maximum allowed delay before sending a responding Report, in units of milliseconds" },
  "mld.multicast_address": { name: "Multicast Address", type: "FT_IPv6", blurb: "Specific IPv6 multicast address" },
  "rr.sequence_number": { name: "Sequence Number", type: "FT_UINT32", base: "BASE_DEC", blurb: "The sequence number MUST be non-decreasing between Sequence Number Resets" },
  "rr.segment_number": { name: "Segment Number", type: "FT_UINT8", base: "BASE_DEC", blurb: "Enumerates different valid RR messages having the same Sequence Number" },
  "rr.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX", blurb: "Five are defined and three bits are reserved" },
  "rr.flag.t": { name: "Test Command", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicates a Test message: processing is to be simulated and no configuration changes are to be made" },
  "rr.flag.r": { name: "Result requested", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "Indicates that the router send a Result message upon completion of processing the Command message" },
  "rr.flag.a": { name: "All Interfaces", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "Indicates that the Command be applied to all interfaces regardless of administrative shutdown status" },
  "rr.flag.s": { name: "Site-specific", type: "FT_BOOLEAN", base: 8, mask: 0x10, blurb: "Indicates that the Command be applied only to interfaces which belong to the same site as the interface to which the Command is addressed" },
  "rr.flag.p": { name: "Processed previously", type: "FT_BOOLEAN", base: 8, mask: 0x8, blurb: "Indicates that the Command message was previously processed (and is not a Test) and the responding router is not processing it again" },
  "rr.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7, blurb: "Must be Zero" },
  "rr.maxdelay": { name: "Max Delay", type: "FT_UINT16", base: "BASE_DEC", blurb: "Specifying the maximum time (in milliseconds) by which a router MUST delay sending any reply to this Command" },
  "rr.pco.mp": { name: "Match-Prefix Part", type: "FT_NONE" },
  "rr.pco.mp.opcode": { name: "OpCode", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifying the operation to be performed when the associated MatchPrefix matches an interface's prefix or address" },
  "rr.pco.mp.oplength": { name: "OpLength", type: "FT_UINT8", base: "BASE_DEC", blurb: "The total length of this Prefix Control Operation (in units of 8 octets)" },
  "rr.pco.mp.ordinal": { name: "Ordinal", type: "FT_UINT8", base: "BASE_HEX", blurb: "The value is otherwise unconstrained" },
  "rr.pco.mp.matchlen": { name: "MatchLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "Between 0 and 128 inclusive specifying the number of initial bits of MatchPrefix which are significant in matching" },
  "rr.pco.mp.minlen": { name: "MinLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifying the minimum length which any configured prefix must have in order to be eligible for testing against the MatchPrefix" },
  "rr.pco.mp.maxlen": { name: "MaxLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifying the maximum length which any configured prefix must have in order to be eligible for testing against the MatchPrefix" },
  "rr.pco.mp.matchprefix": { name: "MatchPrefix", type: "FT_IPv6", blurb: "The 128-bit prefix to be compared with each interface's prefix or address" },
  "rr.pco.up": { name: "Use-Prefix Part", type: "FT_NONE" },
  "rr.pco.up.uselen": { name: "UseLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "specifying the number of initial bits of UsePrefix to use in creating a new prefix for an interface" },
  "rr.pco.up.keeplen": { name: "KeepLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifying the number of bits of the prefix or address which matched the associated Match-Prefix which should be retained in the new prefix" },
  "rr.pco.up.flagmask": { name: "FlagMask", type: "FT_UINT8", base: "BASE_HEX", blurb: "A 1 bit in any position means that the corresponding flag bit in a Router Advertisement (RA) Prefix Information Option for the New Prefix should be set from the RAFlags field in this Use-Prefix Part" },
  "rr.pco.up.flagmask.l": { name: "On-link flag(L)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "When set, indicates the On-link (L) flag bit in a Router Advertisement (RA) Prefix Information Option for the New Prefix should be set from the RAFlags field in this Use-Prefix Part" },
  "rr.pco.up.flagmask.a": { name: "Autonomous address-configuration flag(A)", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "When set, indicates the Autonomous address-configuration (A) flag bit in a Router Advertisement (RA) Prefix Information Option for the New Prefix should be set from the RAFlags field in this Use-Prefix Part" },
  "rr.pco.up.flagmask.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "rr.pco.up.raflags": { name: "RAFlags", type: "FT_UINT8", base: "BASE_HEX", blurb: "Under control of the FlagMask field, may be used to initialize the flags in Router Advertisement Prefix Information Options  which advertise the New Prefix" },
  "rr.pco.up.validlifetime": { name: "Valid Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The number of seconds for which the New Prefix will be valid" },
  "rr.pco.up.preferredlifetime": { name: "Preferred Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The number of seconds for which the New Prefix will be preferred" },
  "rr.pco.up.flag": { name: "Flags", type: "FT_UINT32", base: "BASE_HEX" },
  "rr.pco.up.flag.v": { name: "Decrement valid lifetime", type: "FT_BOOLEAN", base: 32, mask: 0x80000000, blurb: "When set, indicating that the valid lifetime of the New Prefix MUST be effectively decremented in real time" },
  "rr.pco.up.flag.p": { name: "Decrement preferred lifetime", type: "FT_BOOLEAN", base: 32, mask: 0x40000000, blurb: "When set, indicating that the preferred lifetime of the New Prefix MUST be effectively decremented in real time" },
  "rr.pco.up.flag.reserved": { name: "Reserved", type: "FT_UINT32", base: "BASE_DEC", mask: 0x3fffffff },
  "rr.pco.up.useprefix": { name: "UsePrefix", type: "FT_IPv6", blurb: "The 128-bit Use-prefix which either becomes or is used in forming (if KeepLen is nonzero) the New Prefix" },
  "rr.rm": { name: "Result Message", type: "FT_NONE" },
  "rr.rm.flag": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX" },
  "rr.rm.flag.b": { name: "Bounds", type: "FT_BOOLEAN", base: 16, mask: 0x2, blurb: "When set, indicates that one or more fields in the associated PCO were out of bounds" },
  "rr.rm.flag.f": { name: "Forbidden", type: "FT_BOOLEAN", base: 16, mask: 0x1, blurb: "When set, indicates that one or more Use-Prefix parts from the associated PCO were not honored by the router because of attempted formation of a forbidden prefix format, such as a multicast or loopback address" },
  "rr.rm.flag.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfffc, blurb: "Must be Zero" },
  "rr.rm.ordinal": { name: "Ordinal", type: "FT_UINT8", base: "BASE_HEX", blurb: "The value is otherwise unconstrained" },
  "rr.rm.matchedlen": { name: "MatchedLen", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the Matched Prefix" },
  "rr.rm.interfaceindex": { name: "InterfaceIndex", type: "FT_UINT32", base: "BASE_DEC", blurb: "The router's numeric designation of the interface on which the MatchedPrefix was configured" },
  "rr.rm.matchedprefix": { name: "MatchedPrefix", type: "FT_IPv6", blurb: "The 128 Bits MatchedPrefix" },
  "mip6.identifier": { name: "Identifier", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "An identifier to aid in matching with Request and Reply" },
  "mip6.home_agent_address": { name: "Home Agent Address", type: "FT_IPv6", blurb: "A list of addresses of home agents on the home link for the mobile node" },
  "mip6.flag": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX" },
  "mip6.flag.m": { name: "Managed address configuration", type: "FT_BOOLEAN", base: 16, mask: 0x8000, blurb: "When set, it indicates that addresses are available via DHCPv6" },
  "mip6.flag.o": { name: "Other configuration", type: "FT_BOOLEAN", base: 16, mask: 0x4000, blurb: "When set, it indicates that other configuration information is available via DHCPv6" },
  "mip6.flag.rsv": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0x3fff, blurb: "Must be Zero" },
  "mld.maximum_response_code": { name: "Maximum Response Code", type: "FT_UINT16", base: "BASE_DEC", blurb: "Specifies the maximum allowed delay before sending a responding Report" },
  "mld.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "mld.flag.s": { name: "Suppress Router-Side Processing", type: "FT_BOOLEAN", base: 8, mask: 0x8, blurb: "Indicates to any receiving multicast routers that they have to suppress the normal timer updates they perform upon hearing a Query" },
  "mld.flag.qrv": { name: "QRV (Querier's Robustness Variable)", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7, blurb: "Contains the RV (Robustness Variable) value used by the Querier" },
  "mld.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0, blurb: "Must Be Zero" },
  "mld.qqi": { name: "QQIC (Querier's Query Interval Code)", type: "FT_UINT8", base: "BASE_DEC", blurb: "Specifies the QI (Query Interval) used by the Querier" },
  "mld.nb_sources": { name: "Number of Sources", type: "FT_UINT16", base: "BASE_DEC", blurb: "Specifies how many source addresses are present in the Query" },
  "mld.source_address": { name: "Source Address", type: "FT_IPv6", blurb: "The Source Address fields are a vector of unicast addresses" },
  "mldr.nb_mcast_records": { name: "Number of Multicast Address Records", type: "FT_UINT16", base: "BASE_DEC", blurb: "Specifies how many Multicast Address Records are present in this Report" },
  "mldr.mar": { name: "Multicast Address Record", type: "FT_NONE", blurb: "Each Multicast Address Record is a block of fields that contain information on the sender listening to a single multicast address on the interface from which the Report is sent" },
  "mldr.mar.record_type": { name: "Record Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "It specifies the type of the Multicast Address Record" },
  "mldr.mar.aux_data_len": { name: "Aux Data Len", type: "FT_UINT8", base: "BASE_DEC", blurb: "The Aux Data Len field contains the length (in units of 32-bit words) of the Auxiliary Data Field in this Multicast Address Record" },
  "mldr.mar.nb_sources": { name: "Number of Sources", type: "FT_UINT16", base: "BASE_DEC", blurb: "The Number of Sources field specifies how many source addresses are present in this Multicast Address Record" },
  "mldr.mar.multicast_address": { name: "Multicast Address", type: "FT_IPv6", blurb: "The Multicast Address field contains the multicast address to which this Multicast Address Record pertains" },
  "mldr.mar.source_address": { name: "Source Address", type: "FT_IPv6", blurb: "The Source Address fields are a vector of unicast addresses" },
  "mldr.mar.auxiliary_data": { name: "Auxiliary Data", type: "FT_BYTES", blurb: "Contains additional information that pertain to this Multicast Address Record" },
  "fmip6.subtype": { name: "Subtype", type: "FT_UINT8", base: "BASE_DEC", blurb: "Designates the Subtype of information" },
  "fmip6.hi.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "fmip6.hi.flag.s": { name: "Assigned address configuration", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "When set, this message requests a new CoA to be returned by the destination" },
  "fmip6.hi.flag.a": { name: "Buffer", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "When set, the destination SHOULD buffer any packets toward the node indicated in the options of this message" },
  "fmip6.hi.flag.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f },
  "fmip6.identifier": { name: "Identifier", type: "FT_UINT16", base: "BASE_DEC_HEX", blurb: "An identifier to aid in matching with Request and Reply" },
  "mcast_ra.query_interval": { name: "Query Interval", type: "FT_UINT16", base: "BASE_DEC", blurb: "The Query Interval value (in seconds) in use by MLD on the interface." },
  "mcast_ra.robustness_variable": { name: "Robustness Variable", type: "FT_UINT16", base: "BASE_DEC", blurb: "The Robustness Variable in use by MLD on the advertising interface" },
  "ni.qtype": { name: "Qtype", type: "FT_UINT16", base: "BASE_DEC", blurb: "Designates the type of information" },
  "ni.flag": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", blurb: "Qtype-specific flags that may be defined for certain Query types and their Replies" },
  "ni.flag.g": { name: "Global-scope addresses", type: "FT_BOOLEAN", base: 16, mask: 0x20, blurb: "Global-scope addresses are requested" },
  "ni.flag.s": { name: "Site-local addresses", type: "FT_BOOLEAN", base: 16, mask: 0x10, blurb: "Site-local addresses are requested" },
  "ni.flag.l": { name: "Link-local addresses", type: "FT_BOOLEAN", base: 16, mask: 0x8, blurb: "Link-local addresses are requested" },
  "ni.flag.c": { name: "Compression", type: "FT_BOOLEAN", base: 16, mask: 0x4, blurb: "IPv4-compatible (now deprecated) and IPv4-mapped addresses are requested" },
  "ni.flag.a": { name: "Unicast Addresses", type: "FT_BOOLEAN", base: 16, mask: 0x2, blurb: "Responder's unicast addresses" },
  "ni.flag.t": { name: "Truncated", type: "FT_BOOLEAN", base: 16, mask: 0x1, blurb: "Defined in a Reply only, indicates that the set of addresses is incomplete for space reasons" },
  "ni.flag.rsv": { name: "Reserved", type: "FT_UINT16", base: "BASE_HEX", mask: 0xffc0, blurb: "Must be Zero" },
  "ni.nonce": { name: "Nonce", type: "FT_UINT64", base: "BASE_HEX", blurb: "An opaque 64-bit field" },
  "ni.query.subject_ipv6": { name: "IPv6 subject address", type: "FT_IPv6" },
  "ni.query.subject_fqdn": { name: "FQDN subject", type: "FT_STRING" },
  "ni.query.subject_ipv4": { name: "IPv4 subject address", type: "FT_IPv4" },
  "ni.reply.node_ttl": { name: "TTL", type: "FT_UINT32", base: "BASE_DEC" },
  "ni.reply.node_name": { name: "Name Node", type: "FT_STRING" },
  "ni.reply.node_address": { name: "IPv6 Node address", type: "FT_IPv6" },
  "ni.reply.ipv4_address": { name: "IPv4 Node address", type: "FT_IPv4" },
  length: { name: "Length of original datagram", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the original datagram" },
  "rpl.dis.flags": { name: "Flags", type: "FT_UINT8", base: "BASE_DEC", blurb: "8-bit unused field reserved for flags" },
  "rpl.dio.instance": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_DEC", blurb: "Set by the DODAG root that indicates which RPL Instance the DODAG is part of" },
  "rpl.dio.version": { name: "Version", type: "FT_UINT8", base: "BASE_DEC", blurb: "Set by the DODAG root to the DODAGVersionNumber" },
  "rpl.dio.rank": { name: "Rank", type: "FT_UINT16", base: "BASE_DEC", blurb: "Indicating the DODAG rank of the node sending the DIO message" },
  "rpl.dio.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.dio.flag.g": { name: "Grounded (G)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicates whether the DODAG advertised can satisfy the application-defined goal" },
  "rpl.dio.flag.0": { name: "Zero", type: "FT_BOOLEAN", base: 8, mask: 0x40 },
  "rpl.dio.flag.mop": { name: "Mode of Operation (MOP)", type: "FT_UINT8", base: "BASE_HEX", mask: 0x38, blurb: "Identifies the mode of operation of the RPL Instance as administratively provisioned at and distributed by the DODAG Root" },
  "rpl.dio.flag.preference": { name: "DODAG Preference", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7, blurb: "Defines how preferable the root of this DODAG is compared to other DODAG roots within the instance" },
  "rpl.dio.dtsn": { name: "Destination Advertisement Trigger Sequence Number (DTSN)", type: "FT_UINT8", base: "BASE_DEC", blurb: "The DTSN is used as part of the procedure to maintain downward routes." },
  "rpl.dio.dagid": { name: "DODAGID", type: "FT_IPv6", blurb: "IPv6 address set by a DODAG root which uniquely identifies a DODAG" },
  "rpl.dao.instance": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicating the topology instance associated with the DODAG as learned from the DIO" },
  "rpl.dao.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.dao.flag.k": { name: "DAO-ACK Request (K)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicates that the recipient is expected to send a DAO-ACK back" },
  "rpl.dao.flag.d": { name: "DODAGID Present (D)", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "Indicates that the DODAGID field is present" },
  "rpl.dao.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f, blurb: "Must be zero" },
  "rpl.dao.sequence": { name: "DAO Sequence", type: "FT_UINT8", base: "BASE_DEC", blurb: "Incremented at each unique DAO message from a node and echoed in the DAO-ACK message" },
  "rpl.dao.dodagid": { name: "DODAGID", type: "FT_IPv6", blurb: "IPv6 address set by a DODAG root which uniquely identifies a DODAG" },
  "rpl.daoack.instance": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicating the topology instance associated with the DODAG, as learned from the DIO" },
  "rpl.daoack.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.daoack.flag.d": { name: "DODAGID Present (D)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicates that the DODAGID field is present" },
  "rpl.daoack.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7f, blurb: "Must be zero" },
  "rpl.daoack.sequence": { name: "DAO-ACK Sequence", type: "FT_UINT8", base: "BASE_DEC", blurb: "Incremented at each DAO message from a node, and echoed in the DAO-ACK by the recipient" },
  "rpl.daoack.status": { name: "Status", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicates the completion" },
  "rpl.daoack.dodagid": { name: "DODAGID", type: "FT_IPv6", blurb: "IPv6 address integer set by a DODAG root which uniquely identifies a DODAG" },
  "rpl.cc.instance": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicating the topology instance associated with the DODAG, as learned from the DIO" },
  "rpl.cc.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.cc.flag.r": { name: "Response (R)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicates whether the CC message is a response" },
  "rpl.cc.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7f, blurb: "Must be zero" },
  "rpl.cc.nonce": { name: "CC Nonce", type: "FT_UINT16", base: "BASE_HEX", blurb: "The corresponding CC response includes the same CC nonce value as the request, as learned from the DIO" },
  "rpl.cc.dodagid": { name: "DODAGID", type: "FT_IPv6", blurb: "IPv6 address integer set by a DODAG root which uniquely identifies a DODAG" },
  "rpl.cc.destination_counter": { name: "Destination Counter", type: "FT_UINT32", base: "BASE_DEC", blurb: "Indicating the sender's estimate of the destination's current security Counter value" },
  "rpl.secure.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.secure.flag.t": { name: "Counter is Time (T)", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "If it is set then the Counter field is a timestamp" },
  "rpl.secure.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7f, blurb: "Must be zero" },
  "rpl.secure.algorithm": { name: "Algorithm", type: "FT_UINT8", base: "BASE_DEC", blurb: "The Security Algorithm field specifies the encryption, MAC, and signature scheme the network uses" },
  "rpl.secure.kim": { name: "Key Identifier Mode (KIM)", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0, blurb: "That indicates whether the key used for packet protection is determined implicitly or explicitly and indicates the particular representation of the Key Identifier field" },
  "rpl.secure.lvl": { name: "Security Level (LVL)", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7, blurb: "Indicates the provided packet protection" },
  "rpl.secure.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x38, blurb: "Must be zero" },
  "rpl.secure.counter": { name: "Counter", type: "FT_UINT32", base: "BASE_DEC", blurb: "Indicates the non-repeating 4-octet value used to construct the cryptographic mechanism that implements packet protection and allows for the provision of semantic security" },
  "rpl.secure.key.source": { name: "Key Source", type: "FT_BYTES", blurb: "Indicates the logical identifier of the originator of a group key" },
  "rpl.secure.key.index": { name: "Key Source", type: "FT_UINT8", base: "BASE_DEC", blurb: "Allows unique identification of different keys with the same originator" },
  "rpl.opt.type": { name: "Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "Options type" },
  "rpl.opt.length": { name: "Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the option in octets excluding the Type and Length fields" },
  "rpl.opt.reserved": { name: "Reserved", type: "FT_NONE", blurb: "Reserved (Must be 0)" },
  "rpl.opt.padn": { name: "Paddn", type: "FT_NONE", blurb: "Padding (Must be 0)" },
  "rpl.opt.metric.type": { name: "Routing Metric/Constraint Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "The Routing Metric/Constraint Type field uniquely identifies each Routing Metric/Constraint object. RFC 6551" },
  "rpl.opt.metric.flags": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX" },
  "rpl.opt.metric.reserved": { name: "Reserved Flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0xf800, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.flag.p": { name: "Flag P", type: "FT_BOOLEAN", base: 16, mask: 0x400, blurb: "Only used for recorded metrics.  When cleared, all nodes along the path successfully recorded the corresponding metric. When set, this indicates that one or several nodes along the path could not record the metric" },
  "rpl.opt.metric.flag.c": { name: "Flag C", type: "FT_BOOLEAN", base: 16, mask: 0x200, blurb: "When set, this indicates that the object refers to a routing constraint. When cleared, the object refers to a routing metric." },
  "rpl.opt.metric.flag.o": { name: "Flag O", type: "FT_BOOLEAN", base: 16, mask: 0x100, blurb: "Used exclusively for routing constraints. When set, this indicates that the constraint is optional. When cleared, the constraint is mandatory." },
  "rpl.opt.metric.flag.r": { name: "Flag R", type: "FT_BOOLEAN", base: 16, mask: 0x80, blurb: "Only relevant for a routing metric. When set, this indicates that the routing metric is recorded along the path. When cleared, the routing metric is aggregated" },
  "rpl.opt.metric.flag.a": { name: "A Field", type: "FT_UINT16", base: "BASE_HEX", mask: 0x70, blurb: "Only relevant for metrics, it indicates whether the aggregated routing metric is additive, is multiplicative, reports a maximum, or reports a minimum" },
  "rpl.opt.metric.prec": { name: "Precedence field", type: "FT_UINT16", base: "BASE_HEX", mask: 0xf, blurb: "It indicates the precedence of this Routing Metric/Constraint object relative to other objects in the container" },
  "rpl.opt.metric.length": { name: "Metric Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the object body, expressed in bytes." },
  "rpl.opt.metric.nsa.object": { name: "Node State and Attribute Object", type: "FT_UINT16", base: "BASE_HEX" },
  "rpl.opt.metric.nsa.object.reserved": { name: "Reserved field", type: "FT_UINT16", base: "BASE_HEX", mask: 0xff00, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.nsa.object.flags": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0xfc, blurb: "Unspecified flags (Must be Zero)" },
  "rpl.opt.metric.nsa.object.flag.a": { name: "Flag A", type: "FT_BOOLEAN", base: 16, mask: 0x2, blurb: "When set, this indicates that the node can act as a traffic aggregator." },
  "rpl.opt.metric.nsa.object.flag.o": { name: "Flag O", type: "FT_BOOLEAN", base: 16, mask: 0x1, blurb: "When set, this indicates that the node is overloaded and may not be able to process traffic." },
  "rpl.opt.metric.nsa.object.opttlv.object": { name: "Node State and Attribute Optional TLV", type: "FT_UINT8", base: "BASE_DEC", blurb: "Optional TLV." },
  "rpl.opt.metric.nsa.object.opttlv.object.type": { name: "Node State and Attribute Optional TLV Type", type: "FT_UINT8", base: "BASE_DEC", blurb: "Optional TLV type." },
  "rpl.opt.metric.nsa.object.opttlv.object.length": { name: "Node State and Attribute Optional TLV Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of the option in octets excluding the Type and Length fields" },
  "rpl.opt.metric.nsa.object.opttlv.object.data": { name: "Raw Data", type: "FT_BYTES", blurb: "The raw data in the TLV" },
  "rpl.opt.metric.ne.object": { name: "Node Energy Object", type: "FT_UINT16", base: "BASE_HEX" },
  "rpl.opt.metric.ne.object.flags": { name: "Flags field", type: "FT_UINT16", base: "BASE_HEX", mask: 0xf000, blurb: "Unspecified flags (Must be Zero)" },
  "rpl.opt.metric.ne.object.flag.i": { name: "Flag I", type: "FT_BOOLEAN", base: 16, mask: 0x800, blurb: "Only relevant when the node type is used as a constraint. When set, this indicates that nodes of the type specified in the node type field MUST be included" },
  "rpl.opt.metric.ne.object.type": { name: "Type", type: "FT_UINT16", base: "BASE_HEX", mask: 0x600, blurb: "T=0 designates a mains-powered node, T=1 a battery-powered node, and T=2 a node powered by an energy scavenger." },
  "rpl.opt.metric.ne.object.flag.e": { name: "Flag E", type: "FT_BOOLEAN", base: 16, mask: 0x100, blurb: "When the 'E' bit is set for a metric, the estimated percentage of remaining energy on the node is indicated in the Energy 8-bit field. When cleared, the estimated percentage of remaining energy is not provided. When the 'E' bit is set for a constraint, the E_E field defines a threshold for the inclusion/exclusion: if an inclusion, nodes with values higher than the threshold are to be included; if an exclusion, nodes with values lower than the threshold are to be excluded." },
  "rpl.opt.metric.ne.object.energy": { name: "Energy", type: "FT_UINT16", base: "BASE_HEX", mask: 0xff, blurb: "8-bit unsigned integer field indicating an estimated percentage of remaining energy. The Energy field is only relevant when the 'E' flag is set, and it MUST be set to 0 when the 'E' flag is cleared." },
  "rpl.opt.metric.hp.object": { name: "Hop Count Object", type: "FT_UINT16", base: "BASE_HEX" },
  "rpl.opt.metric.hp.object.reserved": { name: "Reserved field", type: "FT_UINT16", base: "BASE_HEX", mask: 0xf000, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.hp.object.flags": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", mask: 0xf00, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.hp.object.hp": { name: "Hop Count", type: "FT_UINT16", base: "BASE_DEC", mask: 0xff, blurb: "When used as a constraint, the DAG root indicates the maximum number of hops that a path may traverse. When used as a metric, each visited node simply increments the Hop Count field." },
  "rpl.opt.metric.lt.object.lt": { name: "Link Throughput", type: "FT_UINT32", base: "BASE_DEC", blurb: "The Throughput metric is the effective bit rate of a link." },
  "rpl.opt.metric.ll.object.ll": { name: "Link Latency", type: "FT_UINT32", base: "BASE_DEC", blurb: "The Latency is encoded in 32 bits in unsigned integer format, expressed in microseconds." },
  "rpl.opt.metric.lql.object": { name: "Link Quality Level Object", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.metric.lql.object.res": { name: "Reserved field", type: "FT_UINT8", base: "BASE_HEX", mask: 0xff, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.lql.object.val": { name: "Val(ue)", type: "FT_UINT8", base: "BASE_HEX", mask: 0xe0, blurb: "LQL value from 0 to 7 where 0 means undetermined and 1 indicates the highest link quality." },
  "rpl.opt.metric.lql.object.counter": { name: "Counter", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1f, blurb: "The Counter represents the number of links with that value." },
  "rpl.opt.metric.etx.object.etx": { name: "ETX", type: "FT_UINT16", base: "BASE_DEC", blurb: "The ETX metric is the number of transmissions a node expects to make to a destination in order to successfully deliver a packet." },
  "rpl.opt.metric.lc.object": { name: "Link Color Object", type: "FT_NONE" },
  "rpl.opt.metric.lc.object.res": { name: "Reserved field", type: "FT_UINT8", base: "BASE_HEX", mask: 0xff, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.metric.lc.object.lc": { name: "Link Color", type: "FT_UINT16", base: "BASE_HEX", mask: 0xffc0, blurb: "The Link Color (LC) object is an administrative 10-bit link constraint used to avoid or attract specific links for specific traffic types." },
  "rpl.opt.metric.lc.object.counter": { name: "Counter", type: "FT_UINT16", base: "BASE_DEC", mask: 0x3f, blurb: "The Counter is used to compress the information where the number of links for each Link Color is reported." },
  "rpl.opt.metric.lc.object.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0x3e, blurb: "Reserved (Must be Zero)." },
  "rpl.opt.metric.lc.object.flag.i": { name: "Flag I", type: "FT_UINT16", base: "BASE_DEC", mask: 0x1, blurb: "The 'I' bit is only relevant when the Link Color is used as a constraint. When set, this indicates that links with the specified color must be included." },
  "rpl.opt.route.prefix_length": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of leading bits in the Prefix that are valid" },
  "rpl.opt.route.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.route.pref": { name: "Preference", type: "FT_UINT8", base: "BASE_DEC", mask: 0x18, blurb: "The Route Preference indicates whether to prefer the router associated with this prefix over others, when multiple identical prefixes (for different routers) have been received" },
  "rpl.opt.route.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe7, blurb: "Reserved (Must be Zero)" },
  "rpl.opt.route.lifetime": { name: "Route Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds (relative to the time the packet is sent) that the prefix is valid for route determination" },
  "rpl.opt.route.prefix": { name: "Prefix", type: "FT_IPv6", blurb: "Variable-length field containing an IP address or a prefix of an IPv6 address" },
  "rpl.opt.config.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.config.reserved": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf0, blurb: "Must be Zero" },
  "rpl.opt.config.auth": { name: "Authentication Enabled", type: "FT_BOOLEAN", base: 8, mask: 0x8, blurb: "One bit flag describing the security mode of the network" },
  "rpl.opt.config.pcs": { name: "Path Control Size", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7, blurb: "Used to configure the number of bits that may be allocated to the Path Control field" },
  "rpl.opt.config.interval_double": { name: "DIOIntervalDoublings", type: "FT_UINT8", base: "BASE_DEC", blurb: "Used to configure Imax of the DIO trickle timer" },
  "rpl.opt.config.interval_min": { name: "DIOIntervalMin", type: "FT_UINT16", base: "BASE_DEC", blurb: "Used to configure Imin of the DIO trickle timer" },
  "rpl.opt.config.redundancy": { name: "DIORedundancyConstant", type: "FT_UINT8", base: "BASE_DEC", blurb: "Used to configure k of the DIO trickle timer" },
  "rpl.opt.config.max_rank_inc": { name: "MaxRankInc", type: "FT_UINT16", base: "BASE_DEC", blurb: "Used to configure DAGMaxRankIncrease" },
  "rpl.opt.config.min_hop_rank_inc": { name: "MinHopRankInc", type: "FT_UINT16", base: "BASE_DEC", blurb: "Used to configure MinHopRankIncrease" },
  "rpl.opt.config.ocp": { name: "OCP (Objective Code Point)", type: "FT_UINT16", base: "BASE_DEC", blurb: "The OCP field identifies the OF and is managed by the IANA" },
  "rpl.opt.config.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC" },
  "rpl.opt.config.def_lifetime": { name: "Default Lifetime", type: "FT_UINT8", base: "BASE_DEC", blurb: "This is the lifetime that is used as default for all RPL routes" },
  "rpl.opt.config.lifetime_unit": { name: "Lifetime Unit", type: "FT_UINT16", base: "BASE_DEC", blurb: "Provides the unit in seconds that is used to express route lifetimes in RPL" },
  "rpl.opt.target.flag": { name: "Reserved", type: "FT_NONE", blurb: "Unused field reserved for flags" },
  "rpl.opt.target.prefix_length": { name: "Target Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "Number of valid leading bits in the IPv6 Prefix" },
  "rpl.opt.target.prefix": { name: "Target", type: "FT_IPv6", blurb: "Identifying an IPv6 destination address, prefix, or multicast group" },
  "rpl.opt.transit.flag": { name: "Flags", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.transit.flag.e": { name: "External", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "Indicate that the parent router redistributes external targets into the RPL network" },
  "rpl.opt.transit.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x7f, blurb: "Must be Zero" },
  "rpl.opt.transit.pathctl": { name: "Path Control", type: "FT_UINT8", base: "BASE_DEC", blurb: "Limits the number of DAO-Parents to which a DAO message advertising connectivity" },
  "rpl.opt.transit.pathseq": { name: "Path Sequence", type: "FT_UINT8", base: "BASE_DEC", blurb: "Increments the Path Sequence each time it issues a RPL Target option with updated information" },
  "rpl.opt.transit.pathlifetime": { name: "Path Lifetime", type: "FT_UINT8", base: "BASE_DEC", blurb: "The length of time in Lifetime Units that the prefix is valid for route determination" },
  "rpl.opt.transit.parent": { name: "Parent Address", type: "FT_IPv6", blurb: "IPv6 Address of the DODAG Parent of the node originally issuing the Transit Information Option" },
  "rpl.opt.solicited.instance": { name: "Instance", type: "FT_UINT8", base: "BASE_DEC", blurb: "Containing the RPLInstanceID that is being solicited when valid" },
  "rpl.opt.solicited.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.solicited.flag.v": { name: "Version predicate", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "The Version predicate is true if the receiver's DODAGVersionNumber matches the requested Version Number" },
  "rpl.opt.solicited.flag.i": { name: "InstanceID predicate", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "The InstanceID predicate is true when the RPL node's current RPLInstanceID matches the requested RPLInstanceID" },
  "rpl.opt.solicited.flag.d": { name: "DODAGID predicate", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "The DODAGID predicate is true if the RPL node's parent set has the same DODAGID as the DODAGID field" },
  "rpl.opt.solicited.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1f, blurb: "Must be Zero" },
  "rpl.opt.solicited.dodagid": { name: "DODAGID", type: "FT_IPv6", blurb: "the DODAGID that is being solicited when valid" },
  "rpl.opt.solicited.version": { name: "Version", type: "FT_UINT8", base: "BASE_DEC", blurb: "the value of  DODAGVersionNumber that is being solicited when valid" },
  "rpl.opt.prefix.length": { name: "Prefix Length", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of leading bits in the Prefix that are valid" },
  "rpl.opt.prefix.flag": { name: "Flag", type: "FT_UINT8", base: "BASE_HEX" },
  "rpl.opt.prefix.flag.l": { name: "On Link", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "When set, indicates that this prefix can be used for on-link determination" },
  "rpl.opt.config.flag.a": { name: "Auto Address Config", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "When set indicates that this prefix can be used for stateless address configuration" },
  "rpl.opt.config.flag.r": { name: "Router Address", type: "FT_BOOLEAN", base: 8, mask: 0x20, blurb: "When set, indicates that the Prefix field contains a complete IPv6 address assigned to the sending router that can be used as parent in a target option" },
  "rpl.opt.config.flag.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", mask: 0x1f, blurb: "Must Be Zero" },
  "rpl.opt.prefix.valid_lifetime": { name: "Valid Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds that the prefix is valid for the purpose of on-link determination" },
  "rpl.opt.prefix.preferred_lifetime": { name: "Preferred Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The length of time in seconds that addresses generated from the prefix via stateless address autoconfiguration remain preferred" },
  "rpl.opt.prefix": { name: "Destination Prefix", type: "FT_IPv6", blurb: "An IPv6 address or a prefix of an IPv6 address" },
  "rpl.opt.targetdesc.descriptor": { name: "Descriptor", type: "FT_UINT32", base: "BASE_HEX", blurb: "Opaque Data" },
  "rpl.opt.routediscovery.flag": { name: "Flags", type: "FT_NONE", blurb: "NULL" },
  "rpl.opt.routediscovery.flag.reply": { name: "Reply", type: "FT_BOOLEAN", base: 8, mask: 0x80, blurb: "The Origin sets this flag to one to allow the Target(s) to send P2P-DRO messages back to the Origin" },
  "rpl.opt.routediscovery.flag.hopbyhop": { name: "Hop-by-Hop", type: "FT_BOOLEAN", base: 8, mask: 0x40, blurb: "The Origin sets this flag to one if it desires Hop-by-hop Routes and to zero if it desires Source Routes." },
  "rpl.opt.routediscovery.flag.numofroutes": { name: "Number of Routes", type: "FT_UINT8", base: "BASE_DEC", mask: 0x30, blurb: "This value plus one indicates the number of Source Routes that each Target should convey to the Origin" },
  "rpl.opt.routediscovery.flag.compr": { name: "Compr", type: "FT_UINT8", base: "BASE_DEC", mask: 0xf, blurb: "Number of prefix octets that are elided from the Target field and Address vector" },
  "rpl.opt.routediscovery.lifetime": { name: "Lifetime", type: "FT_UINT8", base: "BASE_DEC", mask: 0xc0, blurb: "Lifetime of the temporary DODAG" },
  "rpl.opt.routediscovery.maxrank": { name: "MaxRank", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f, blurb: "Upper limit of the integer portion of the rank when used inside a DIO" },
  "rpl.opt.routediscovery.nh": { name: "NH", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3f, blurb: "Index of the next-hop (NH) address inside the Address vector" },
  "rpl.opt.routediscovery.targetaddr": { name: "Target Address", type: "FT_IPv6", blurb: "An IPv6 address of the Target after eliding Compr number of prefix octets" },
  "rpl.opt.routediscovery.addr_vec": { name: "Address Vector", type: "FT_NONE", blurb: "NULL" },
  "rpl.opt.routediscovery.addrvec.addr": { name: "Address", type: "FT_IPv6" },
  "rpl.p2p.dro.instance": { name: "RPLInstanceID", type: "FT_UINT8", base: "BASE_DEC", blurb: "Set by the DODAG root that indicates which RPL Instance the DODAG is part of" },
  "rpl.p2p.dro.version": { name: "Version", type: "FT_UINT8", base: "BASE_DEC", blurb: "Set by the DODAG root to the DODAGVersionNumber" },
  "rpl.p2p.dro.flag": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", blurb: "NULL" },
  "rpl.p2p.dro.flag.stop": { name: "Stop", type: "FT_BOOLEAN", base: 16, mask: 0x8000, blurb: "Indicates that the P2P-RPL route discovery is over" },
  "rpl.p2p.dro.flag.ack": { name: "Ack", type: "FT_BOOLEAN", base: 16, mask: 0x4000, blurb: "Indicates that the Origin MUST unicast a P2P-DRO-ACK message to the Target" },
  "rpl.p2p.dro.flag.seq": { name: "Seq", type: "FT_UINT16", base: "BASE_DEC", mask: 0x3000, blurb: "Indicates the sequence number for the P2P-DRO" },
  "rpl.p2p.dro.flag.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0xfff },
  "rpl.p2p.dro.dagid": { name: "DODAGID", type: "FT_IPv6", blurb: "IPv6 address set by a DODAG root which uniquely identifies a DODAG" },
  "rpl.p2p.droack.flag": { name: "Flags", type: "FT_UINT16", base: "BASE_HEX", blurb: "NULL" },
  "rpl.p2p.droack.flag.seq": { name: "Seq", type: "FT_UINT16", base: "BASE_DEC", mask: 0xc000, blurb: "Indicates the sequence number for the P2P-DRO" },
  "rpl.p2p.droack.flag.reserved": { name: "Reserved", type: "FT_UINT16", base: "BASE_DEC", mask: 0x3fff },
  "ilnp.nb_locs": { name: "Num of Locs", type: "FT_UINT8", base: "BASE_DEC", blurb: "The number of 64-bit Locator values that are advertised in this message" },
  "ilnp.nb_locator": { name: "Locator", type: "FT_UINT64", base: "BASE_HEX", blurb: "The 64-bit Locator values currently valid for the sending ILNPv6 node" },
  "ilnp.nb_preference": { name: "Preference", type: "FT_UINT32", base: "BASE_DEC", blurb: "The preferability of each Locator relative to other valid Locator values" },
  "ilnp.nb_lifetime": { name: "Lifetime", type: "FT_UINT32", base: "BASE_DEC", blurb: "The maximum number of seconds that this particular Locator may be considered valid" },
  "6lowpannd.da.status": { name: "Status", type: "FT_UINT8", base: "BASE_DEC", blurb: "Indicates the status of a registration in the DAC" },
  "6lowpannd.da.rsv": { name: "Reserved", type: "FT_UINT8", base: "BASE_DEC", blurb: "Must be Zero" },
  "6lowpannd.da.lifetime": { name: "Lifetime", type: "FT_UINT16", base: "BASE_DEC", blurb: "The amount of time in a unit of 60 seconds that the router should retain the Neighbor Cache entry for the sender of the NS that includes this option" },
  "6lowpannd.da.eui64": { name: "EUI-64", type: "FT_EUI64", blurb: "This field is used to uniquely identify the interface of the registered address by including the EUI-64 identifier" },
  "6lowpannd.da.reg_addr": { name: "Registered Address", type: "FT_IPv6", blurb: "Carries the host address, which was contained in the IPv6 Source field in the NS that contained the ARO option sent by the host" },
  "ext.echo.seq": { name: "Sequence number", type: "FT_UINT8", base: "BASE_DEC_HEX" },
  "ext.echo.req.res": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0xfe },
  "ext.echo.req.local": { name: "Local bit", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  "ext.echo.rsp.state": { name: "State", type: "FT_UINT8", base: "BASE_DEC", mask: 0xe0 },
  "ext.echo.rsp.res": { name: "Reserved", type: "FT_UINT8", base: "BASE_HEX", mask: 0x18 },
  "ext.echo.rsp.active": { name: "Active bit", type: "FT_BOOLEAN", base: 8, mask: 0x4 },
  "ext.echo.rsp.ipv4": { name: "IPv4 bit", type: "FT_BOOLEAN", base: 8, mask: 0x2 },
  "ext.echo.rsp.ipv6": { name: "IPv6 bit", type: "FT_BOOLEAN", base: 8, mask: 0x1 },
  resp_in: { name: "Response In", type: "FT_FRAMENUM", blurb: "The response to this request is in this frame" },
  no_resp: { name: "No response seen", type: "FT_NONE", blurb: "No corresponding response frame was seen" },
  resp_to: { name: "Response To", type: "FT_FRAMENUM", blurb: "This is the response to the request in this frame" },
  resptime: { name: "Response Time", type: "FT_DOUBLE", blurb: "The time between the request and the response, in ms." },
  "mpl.seed_info.min_sequence": { name: "MinSequence", type: "FT_UINT8", base: "BASE_DEC", blurb: "The lower-bound sequence number for the MPL Seed." },
  "mpl.seed_info.bm_len": { name: "Buffered Messages Length", type: "FT_UINT8", base: "BASE_DEC", mask: 0xfc, blurb: "The size of buffered-mpl-messages in octets." },
  "mpl.seed_info.s": { name: "Seed ID Length", type: "FT_UINT8", base: "BASE_DEC", mask: 0x3, blurb: "The length of the seed-id." },
  "mpl.seed_info.seed_id": { name: "Seed ID", type: "FT_STRING" },
  "mpl.seed_info.sequence": { name: "Sequence", type: "FT_UINT8", base: "BASE_DEC" },
  invalid_option_length: { name: "Invalid Option Length", type: "FT_NONE" },
  "undecoded.option": { name: "Undecoded option", type: "FT_NONE" },
  "unknown_data.expert": { name: "Unknown Data (not interpreted)", type: "FT_NONE" },
  "undecoded.rpl_option": { name: "Undecoded RPL Option", type: "FT_NONE" },
  "undecoded.type": { name: "Undecoded type", type: "FT_NONE" },
  "rr.pco.mp.matchlen.gt128": { name: "MatchLen is greater than 128", type: "FT_NONE" },
  "rr.pco.mp.matchedlen.gt128": { name: "MatchedLen is greater than 128", type: "FT_NONE" },
  "checksum_bad.expert": { name: "Bad checksum", type: "FT_NONE" },
  resp_not_found: { name: "Response not found", type: "FT_NONE" },
  "rpl.unknown.metric": { name: "Unknown RPL metric/constraint type", type: "FT_NONE" },
  "rpl.p2p.hop_by_hop": { name: "Reply MUST be set to one in order to establish a Hop-by-Hop Route", type: "FT_NONE" },
  "rpl.p2p.num_of_routes": { name: "This field MUST be set to zero when Hop-by-Hop Routes are being discovered", type: "FT_NONE" },
  "rpl.p2p.dro.rdo.zero": { name: "This field MUST be set to zero when the P2P-RDO is included in a P2P-DRO", type: "FT_NONE" },
  "rpl.p2p.dro.zero": { name: "This field MUST be set to zero", type: "FT_NONE" },
});

const F = icmpv6.f;
const owner = {};

export const icmpv6Dissector: Dissector = {
  proto: icmpv6,
  name: "icmpv6",
  handoff: [["ip.proto", 58]],
  dissect: dissectIcmpv6,
};

function dissectIcmpv6(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.info.inError ? null : pkt.cols;
  c?.setProtocol("ICMPv6");
  c?.clearInfo();
  const type = tvb.u8(0), code = tvb.u8(1);
  const top = pkt.addProto(parent, icmpv6, tvb, 0, -1);
  c?.setInfo(TYPES.get(type) ?? `Unknown (${type})`);
  const codeStr = CODES.get(type)?.get(code);
  if (codeStr) c?.appendInfo(` (${codeStr})`);
  pkt.add(top, F.type, tvb, 0, 1, type);
  pkt.add(top, F.code, tvb, 1, 1, code);
  const i = pkt.info;
  const pseudo = i.netLen === 16 ? ipv6PseudoSum(i.netData, i.netSrc, i.netDst, tvb.reported, 58) : 0;
  addVerifiedChecksum(pkt, top, tvb, tvb.u16(2), pseudo, F.checksum, F["checksum.status"]);
  switch (type) {
    case 1: case 2: case 3: case 4:
      if (type === 2) pkt.add(top, F.mtu, tvb, 4, 4, tvb.u32(4));
      else if (type === 4) pkt.add(top, F.pointer, tvb, 4, 4, tvb.u32(4));
      else pkt.add(top, F.reserved, tvb, 4, 4, null);
      quoted(tvb.subset(8), pkt, top);
      break;
    case 128: case 129: {
      const id = tvb.u16(4), seq = tvb.u16(6);
      pkt.add(top, F["echo.identifier"], tvb, 4, 2, id);
      pkt.add(top, F["echo.sequence_number"], tvb, 6, 2, seq);
      c?.appendInfo(` id=0x${id.toString(16).padStart(4, "0")}, seq=${seq}`);
      if (pkt.info.netLen === 16) c?.appendInfo(`, hop limit=${pkt.info.ttl}`);
      if (!pkt.info.inError) {
        const m = matchEcho(pkt, owner, type === 128, id, seq);
        if (m.replyIn !== undefined) {
          c?.appendInfo(` (reply in ${m.replyIn})`);
          pkt.add(top, F.resp_in, tvb, 0, 0, m.replyIn).generated();
        } else if (m.noResponse) {
          c?.appendInfo(" (no response found!)");
          pkt.add(top, F.no_resp, tvb, 0, 0, null).generated();
        }
        if (m.requestIn !== undefined) {
          c?.appendInfo(` (request in ${m.requestIn})`);
          pkt.add(top, F.resp_to, tvb, 0, 0, m.requestIn).generated();
          const rt = pkt.add(top, F.resptime, tvb, 0, 0, m.responseMs!).generated();
          if (pkt.full) rt.setLabel(`Response Time: ${m.responseMs!.toFixed(3)} ms`);
        }
      }
      if (tvb.remaining(8) > 0) pkt.session.tables.data.dissect(tvb.subset(8), pkt, top);
      break;
    }
    case 133:
      pkt.add(top, F.reserved, tvb, 4, 4, null);
      ndOptions(tvb, pkt, top, 8, c, " from ");
      break;
    case 134: {
      pkt.add(top, F["nd.ra.cur_hop_limit"], tvb, 4, 1, tvb.u8(4));
      pkt.add(top, F["nd.ra.flag"], tvb, 5, 1, tvb.u8(5));
      pkt.add(top, F["nd.ra.router_lifetime"], tvb, 6, 2, tvb.u16(6));
      pkt.add(top, F["nd.ra.reachable_time"], tvb, 8, 4, tvb.u32(8));
      pkt.add(top, F["nd.ra.retrans_timer"], tvb, 12, 4, tvb.u32(12));
      ndOptions(tvb, pkt, top, 16, c, " from ");
      break;
    }
    case 135: {
      pkt.add(top, F.reserved, tvb, 4, 4, null);
      tvb.check(8, 16);
      pkt.add(top, F["nd.ns.target_address"], tvb, 8, 16, null);
      c?.appendInfo(` for ${ipv6At(tvb.data, tvb.start + 8)}`);
      ndOptions(tvb, pkt, top, 24, c, " from ");
      break;
    }
    case 136: {
      const flags = tvb.u32(4);
      pkt.add(top, F["nd.na.flag"], tvb, 4, 4, flags);
      pkt.add(top, F["nd.na.flag.r"], tvb, 4, 4, flags >>> 31);
      pkt.add(top, F["nd.na.flag.s"], tvb, 4, 4, (flags >>> 30) & 1);
      pkt.add(top, F["nd.na.flag.o"], tvb, 4, 4, (flags >>> 29) & 1);
      tvb.check(8, 16);
      pkt.add(top, F["nd.na.target_address"], tvb, 8, 16, null);
      if (c) {
        c.appendInfo(` ${ipv6At(tvb.data, tvb.start + 8)}`);
        const names = [flags & 0x80000000 ? "rtr" : "", flags & 0x40000000 ? "sol" : "", flags & 0x20000000 ? "ovr" : ""].filter(Boolean);
        if (names.length) c.appendInfo(` (${names.join(", ")})`);
      }
      ndOptions(tvb, pkt, top, 24, c, " is at ");
      break;
    }
    case 146:
    case 147:
      // Mobile Prefix Solicitation / Advertisement (RFC 6275): identifier, then (147) flags and options
      pkt.add(top, F["mip6.identifier"], tvb, 4, 2, tvb.u16(4));
      if (type === 147) ndOptions(tvb, pkt, top, 8, c, null);
      break;
    case 137: {
      pkt.add(top, F.reserved, tvb, 4, 4, null);
      tvb.check(8, 32);
      pkt.add(top, F["nd.rd.target_address"], tvb, 8, 16, null);
      pkt.add(top, F["rd.na.destination_address"], tvb, 24, 16, null);
      ndOptions(tvb, pkt, top, 40, c, null);
      break;
    }
  }
  return tvb.reported;
}

/**
 * Neighbour discovery options: type, length (8-byte units) and the link-layer addresses that the Info
 * column quotes (" from <mac>" for a source address, " is at <mac>" for a target address).
 */
function ndOptions(tvb: Tvb, pkt: Packet, top: Node, start: number, c: Packet["cols"], lead: string | null): void {
  let off = start;
  // like packet-icmpv6.c, walk to the reported end: options cut by the snap length raise a bounds error
  while (off < tvb.reported) {
    const type = tvb.u8(off);
    const len8 = tvb.u8(off + 1);
    const len = len8 * 8;
    const o = pkt.add(top, F.opt, tvb, off, Math.max(2, Math.min(len, tvb.remaining(off))), null);
    pkt.add(o, F["opt.type"], tvb, off, 1, type);
    pkt.add(o, F["opt.length"], tvb, off + 1, 1, len8);
    if (len === 0) break; // a zero length would loop forever; Wireshark flags it and stops
    tvb.check(off, len);
    if ((type === 1 || type === 2) && len === 8) {
      pkt.add(o, F["opt.linkaddr"], tvb, off + 2, 6, null);
      pkt.add(o, type === 1 ? F["opt.src_linkaddr"] : F["opt.target_linkaddr"], tvb, off + 2, 6, null);
      if (lead && c && ((type === 1 && lead === " from ") || (type === 2 && lead === " is at "))) c.appendInfo(lead + hexColon(tvb.data, tvb.start + off + 2, 6));
    } else if (type === 3 && len >= 32) {
      pkt.add(o, F["opt.prefix.length"], tvb, off + 2, 1, tvb.u8(off + 2));
      pkt.add(o, F["opt.prefix.valid_lifetime"], tvb, off + 4, 4, tvb.u32(off + 4));
      pkt.add(o, F["opt.prefix.preferred_lifetime"], tvb, off + 8, 4, tvb.u32(off + 8));
      pkt.add(o, F["opt.prefix"], tvb, off + 16, 16, null);
    } else if (type === 5 && len >= 8) {
      pkt.add(o, F["opt.mtu"], tvb, off + 4, 4, tvb.u32(off + 4));
    }
    off += len;
  }
}

/** The invoking packet an ICMPv6 error carries, dissected as IPv6 with the columns frozen. */
function quoted(inner: Tvb, pkt: Packet, top: Node): void {
  if (inner.reported <= 0) return;
  const saved = { ...pkt.info };
  pkt.info.inError = true;
  const c = pkt.cols;
  const was = c?.writable ?? false;
  if (c) c.writable = false;
  const v6 = pkt.session.tables.byName.ethertype.get(0x86dd);
  catchNonFatal(inner, pkt, top, () => {
    if (v6) v6.dissect(inner, pkt, top);
  });
  if (c) c.writable = was;
  Object.assign(pkt.info, saved);
}
