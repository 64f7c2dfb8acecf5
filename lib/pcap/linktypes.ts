// The pcap/pcapng link types a reader accepts: the LINKTYPE_* registry values tshark 4.0 maps to an encapsulation.
//
// tshark refuses a pcap file whose header names any other value ("network type N unknown or
// unsupported"); carrying the number on each Frame is all the reader does, dissecting is the engine's job.

/** Contiguous and single registry values, as [first, last] ranges. */
const KNOWN_RANGES: readonly (readonly [number, number])[] = [
  [0, 19], // NULL, ETHERNET, ... the BSD-era values, including OS-specific raw-IP aliases 12 and 14
  [50, 51], // PPP_HDLC, PPP_ETHER
  [99, 129], // SYMANTEC_FIREWALL .. ARCNET_LINUX (RAW 101, SLL 113, RADIOTAP 127 ...)
  [138, 163], // IEEE1394 .. IEEE802_11_AVS, USER0-15 at 147-162 (164 JUNIPER_PIC_PEER: no)
  [165, 181], // BACNET_MS_TP .. (182 MFR: no)
  [183, 215], // .. IEEE802_15_4_NONASK_PHY
  [220, 280], // USB_LINUX_MMAPPED .. VPP_DISPATCH (IPV4 228, IPV6 229, NFLOG 239, SLL2 276 ...)
  [283, 283], // IEEE802_15_4_TAP (the Broadcom and Marvell DSA tags 281, 282, 284, 285: no)
  [286, 295], // ELEE .. USB_2_0_HIGH_SPEED
];

/** The link type in a pcap header's link-type word: the low 26 bits (the high ones carry FCS details). */
export function linktypeOfHeader(word: number): number {
  return word & 0x03ffffff;
}

/**
 * Link types whose records start with a pseudo-header that wiretap strips from the packet bytes
 * (and from frame.len / frame.cap_len). The reader moves it to Frame.pseudoHeader.
 */
export const PSEUDO_HEADER_BYTES: ReadonlyMap<number, number> = new Map([
  [123, 4], // SUNATM
  [139, 4], // MTP2_WITH_PHDR
  [144, 16], // LINUX_IRDA
  [177, 16], // LINUX_LAPD
  [196, 5], // SITA
  [201, 4], // BLUETOOTH_HCI_H4_WITH_PHDR
  [204, 1], // PPP_WITH_DIR
  [205, 1], // C_HDLC_WITH_DIR
  [206, 1], // FRELAY_WITH_DIR
  [207, 1], // LAPB_WITH_DIR
  [209, 4], // I2C_LINUX
  [254, 4], // BLUETOOTH_LINUX_MONITOR
]);

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
