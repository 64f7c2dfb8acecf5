// The pcap/pcapng link types a reader accepts: the LINKTYPE_* registry values tshark 4.0 maps to an encapsulation.
//
// tshark refuses a pcap file whose header names any other value ("network type N unknown or
// unsupported"); carrying the number on each Frame is all the reader does, dissecting is the engine's job.

/** Contiguous and single registry values, as [first, last] ranges. */
const KNOWN_RANGES: readonly (readonly [number, number])[] = [
  [0, 19], // NULL, ETHERNET, ... the BSD-era values, including OS-specific raw-IP aliases 12 and 14
  [50, 51], // PPP_HDLC, PPP_ETHER
  [99, 129], // SYMANTEC_FIREWALL .. ARCNET_LINUX (RAW 101, SLL 113, RADIOTAP 127 ...)
  [138, 215], // IEEE1394 .. IEEE802_15_4_NONASK_PHY, USER0-15 at 147-162
  [220, 295], // USB_LINUX_MMAPPED .. USB_2_0_HIGH_SPEED (IPV4 228, IPV6 229, NFLOG 239, SLL2 276 ...)
];

export function isKnownLinktype(linktype: number): boolean {
  for (const [a, b] of KNOWN_RANGES) if (linktype >= a && linktype <= b) return true;
  return false;
}

/** Link types we name in messages and interface listings. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;
