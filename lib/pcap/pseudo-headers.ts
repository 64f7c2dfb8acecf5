// Link-layer pseudo-headers that wiretap takes off the front of a record, and its checks on them.
//
// For these link types frame.len and frame.cap_len in tshark exclude the pseudo-header; the reader
// moves it to Frame.pseudoHeader and the writer puts it back. Texts measured with tshark 4.0.17.

interface PseudoHeader {
  bytes: number;
  /** how wiretap names the file type and the header in "too small" errors */
  label: string;
  header: string;
  /** the Linux SLL protocol the header must carry (IrDA, LAPD) */
  sllProtocol?: number;
}

const PSEUDO_HEADERS: ReadonlyMap<number, PseudoHeader> = new Map([
  [123, { bytes: 4, label: "SunATM", header: "an ATM pseudo-header" }],
  [139, { bytes: 4, label: "MTP2", header: "an MTP2 pseudo-header" }],
  [144, { bytes: 16, label: "IrDA", header: "an IrDA pseudo-header", sllProtocol: 0x0017 }],
  [177, { bytes: 16, label: "LAPD", header: "a LAPD pseudo-header", sllProtocol: 0x0030 }],
  [196, { bytes: 5, label: "SITA", header: "a SITA pseudo-header" }],
  [201, { bytes: 4, label: "Bluetooth", header: "a pseudo-header" }],
  [204, { bytes: 1, label: "PPP", header: "a pseudo-header" }],
  [209, { bytes: 4, label: "I2C", header: "a I2C pseudo-header" }],
  [254, { bytes: 4, label: "Bluetooth monitor", header: "a pseudo-header" }],
]);

/** Bytes of pseudo-header in front of each record of this link type (0 for most). */
export function pseudoHeaderBytes(linktype: number): number {
  return PSEUDO_HEADERS.get(linktype)?.bytes ?? 0;
}

/** wiretap's complaint about a record's pseudo-header (the detail line of a damaged-file error), if any. */
export function pseudoHeaderProblem(linktype: number, record: Uint8Array): string | undefined {
  const ph = PSEUDO_HEADERS.get(linktype);
  if (!ph) return undefined;
  if (record.length < ph.bytes) {
    return `pcap/pcapng: ${ph.label} file has a ${record.length}-byte packet, too small to have even ${ph.header}`;
  }
  if (ph.sllProtocol !== undefined && ((record[14]! << 8) | record[15]!) !== ph.sllProtocol) {
    return `pcap/pcapng: ${ph.label} capture has a packet with an invalid sll_protocol field`;
  }
  return undefined;
}
