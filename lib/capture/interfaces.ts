// Capture interfaces as tshark lists and names them: -D lines, -i NAME|NUMBER|any resolution, the default.
import { ToolError } from "../cli/error.ts";
import { findAllDevices, PCAP, type PcapDevice } from "../sys/libpcap.ts";

export interface CaptureDevice {
  /** 1-based position in the -D list, which -i NUMBER refers to */
  index: number;
  name: string;
  /** tshark's friendly name: "Loopback" for loopback devices; libpcap's descriptions are not shown on Linux */
  friendly?: string;
  flags: number;
}

function toDevice(d: PcapDevice, i: number): CaptureDevice {
  return { index: i + 1, name: d.name, friendly: d.flags & PCAP.IF_LOOPBACK ? "Loopback" : undefined, flags: d.flags };
}

/** The devices libpcap can open, numbered in pcap_findalldevs order as tshark -D does. */
export function captureDevices(): CaptureDevice[] {
  return findAllDevices().map(toDevice);
}

/**
 * `tshark -D` lines: "1. eth0", "3. lo (Loopback)". tshark also lists its extcap helpers
 * (ciscodump, randpkt, sshdump, udpdump, wifidump ...) after these; tsshark has none.
 */
export function listInterfaces(): string[] {
  return captureDevices().map((d) => `${d.index}. ${d.name}${d.friendly ? ` (${d.friendly})` : ""}`);
}

/** How tshark's banner names an interface: "Loopback: lo", or just the name. */
export function descriptiveName(d: Pick<CaptureDevice, "name" | "friendly">): string {
  return d.friendly ? `${d.friendly}: ${d.name}` : d.name;
}

/** How tshark's filter error names an interface: the friendly name when there is one ("Loopback"). */
export function shortName(d: Pick<CaptureDevice, "name" | "friendly">): string {
  return d.friendly ?? d.name;
}

/**
 * Resolve one -i argument: a number from the -D list, or a name. An unknown name is kept as is
 * (libpcap reports it when the capture starts, as tshark does).
 */
export function resolveInterface(spec: string, devices: readonly CaptureDevice[]): CaptureDevice {
  if (/^-?\d+$/.test(spec)) {
    const n = Number(spec);
    if (n < 1) throw new ToolError("The specified adapter index is not a positive integer", 1);
    const d = devices[n - 1];
    if (!d) throw new ToolError("There is no interface with that adapter index", 1);
    return d;
  }
  return devices.find((d) => d.name === spec) ?? { index: 0, name: spec, flags: 0 };
}

/** tshark's default when no -i is given: the first device that is up and not a loopback. */
export function defaultInterface(devices: readonly CaptureDevice[]): CaptureDevice {
  const up = devices.find((d) => !(d.flags & PCAP.IF_LOOPBACK) && d.flags & PCAP.IF_UP && d.name !== "any");
  const d = up ?? devices.find((x) => !(x.flags & PCAP.IF_LOOPBACK)) ?? devices[0];
  if (!d) throw new ToolError("There are no interfaces on which a capture can be done", 1);
  return d;
}
