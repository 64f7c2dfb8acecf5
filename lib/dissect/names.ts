// MAC address names as tshark shows them with MAC resolution on: "Broadcast", "IPv6mcast_01", "Vendor_04:8b:14".
import { OUI_NAMES } from "./values/oui.ts";

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** "aa:bb:cc:dd:ee:ff" for n bytes at off. */
export function hexColon(data: Uint8Array, off: number, n: number): string {
  let s = HEX[data[off]!]!;
  for (let i = 1; i < n; i++) s += ":" + HEX[data[off + i]!]!;
  return s;
}

/** Well-known group addresses that Wireshark names before it looks at vendors (the prefix length in bits). */
const WELL_KNOWN: readonly { readonly prefix: readonly number[]; readonly bits: number; readonly name: string }[] = [
  { prefix: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], bits: 48, name: "Broadcast" },
  { prefix: [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00], bits: 48, name: "Spanning-tree-(for-bridges)_00" },
  { prefix: [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02], bits: 48, name: "Slow-Protocols" },
  { prefix: [0x01, 0x80, 0xc2, 0x00, 0x00, 0x03], bits: 48, name: "Nearest-non-TPMR-bridge" },
  { prefix: [0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e], bits: 48, name: "LLDP_Multicast" },
  { prefix: [0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc], bits: 48, name: "CDP/VTP/DTP/PAgP/UDLD" },
  { prefix: [0x01, 0x00, 0x5e], bits: 25, name: "IPv4mcast" },
  { prefix: [0x33, 0x33], bits: 16, name: "IPv6mcast" },
];

function matches(data: Uint8Array, off: number, prefix: readonly number[], bits: number): boolean {
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if (data[off + i] !== prefix[i]) return false;
  const rest = bits & 7;
  if (rest) {
    const mask = (0xff << (8 - rest)) & 0xff;
    if ((data[off + whole]! & mask) !== ((prefix[whole] ?? 0) & mask)) return false;
  }
  return true;
}

/** Prefixes outside the IEEE registry that tshark still names (QEMU/KVM guests use 52:54:00). */
const UNREGISTERED_OUIS: ReadonlyMap<number, string> = new Map([[0x525400, "RealtekU"]]);
/** Registry entries tshark names differently; the all-zero OUI prints as its own digits. */
const RENAMED_OUIS: ReadonlyMap<number, string> = new Map([[0x000000, "00:00:00"]]);

/**
 * The resolved name of a MAC address, or the plain "aa:bb:..." form when resolution is off or nothing
 * matches. Names with a prefix keep the bytes after the prefix, as Wireshark's get_ether_name does.
 */
export function macName(data: Uint8Array, off: number, resolve: boolean): string {
  if (!resolve) return hexColon(data, off, 6);
  for (const w of WELL_KNOWN) {
    if (!matches(data, off, w.prefix, w.bits)) continue;
    if (w.bits === 48) return w.name;
    // The bytes after the prefix, without leading zero bytes: 33:33:00:00:00:01 is "IPv6mcast_01"
    let from = off + (w.bits >> 3);
    while (from < off + 5 && data[from] === 0) from++;
    return `${w.name}_${hexColon(data, from, off + 6 - from)}`;
  }
  const oui = (data[off]! << 16) | (data[off + 1]! << 8) | data[off + 2]!;
  const vendor = RENAMED_OUIS.get(oui) ?? OUI_NAMES.get(oui) ?? UNREGISTERED_OUIS.get(oui);
  if (vendor !== undefined) return `${vendor}_${hexColon(data, off + 3, 3)}`;
  return hexColon(data, off, 6);
}

/** The vendor of an OUI (eth.*.oui_resolved), or undefined. */
export function ouiName(oui: number): string | undefined {
  return OUI_NAMES.get(oui);
}
