// What a capture source says about each interface: the data behind pcapng IDBs and frame.interface_id.

export interface IfaceInfo {
  name: string;
  description?: string;
  /** LINKTYPE_* of every frame on this interface */
  linktype: number;
  snaplen: number;
  /** nanoseconds per timestamp unit (1000n for microsecond pcap, 1n for nanosecond; at least 1n) */
  tsresolNs: bigint;
  /** fraction digits the timestamps carry (6 for microseconds, 9 for nanoseconds) */
  tsDigits?: number;
  /** the pcapng if_filter option or the live -f filter */
  filter?: string;
  /** the pcapng if_os option */
  os?: string;
}

/** Interface record for a classic pcap file or a live handle. */
export function pcapIface(linktype: number, snaplen: number, nano: boolean, name = ""): IfaceInfo {
  return { name, linktype, snaplen, tsresolNs: nano ? 1n : 1000n, tsDigits: nano ? 9 : 6 };
}
