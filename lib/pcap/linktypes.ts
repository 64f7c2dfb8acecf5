// The pcap/pcapng link types a reader accepts: the LINKTYPE_* registry values tshark 4.0 maps to an encapsulation.
//
// tshark refuses a pcap file whose header names any other value ("network type N unknown or
// unsupported"); carrying the number on each Frame is all the reader does, dissecting is the engine's job.

/**
 * The values tshark 4.0.17 accepts in a pcap header, as [first, last] ranges. Measured: a one-record
 * file for every value 0..299 was given to tshark; every value from 296 up is refused.
 */
const KNOWN_RANGES: readonly (readonly [number, number])[] = [
  [0, 3], [6, 14], [16, 16], [18, 19], [32, 32], [50, 51], [99, 101], [104, 109], [112, 114], [117, 119],
  [121, 123], [127, 131], [133, 133], [135, 144], [147, 163], [165, 165], [167, 167], [169, 173], [177, 181],
  [183, 184], [186, 190], [192, 192], [195, 197], [199, 204], [209, 215], [220, 220], [224, 231], [235, 237],
  [239, 243], [245, 245], [248, 256], [258, 260], [264, 264], [266, 266], [268, 268], [270, 276], [279, 280],
  [283, 283], [287, 288], [290, 290], [292, 295],
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

/** The link type in a pcap header's link-type word: the low 26 bits (the high ones carry FCS details). */
export function linktypeOfHeader(word: number): number {
  return word & 0x03ffffff;
}
