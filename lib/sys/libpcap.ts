// bun:ffi bindings to libpcap for live capture: device list, handles, BPF filters, pcap_next_ex, stats.
//
// Opened lazily on first use, so reading files never needs the library. No FFI callbacks:
// pcap_loop/pcap_dispatch would call back into JS from native code, which Bun does not make safe;
// pcap_next_ex pulls one packet at a time instead.
import { dlopen, FFIType, ptr, read, toArrayBuffer, CString, type Pointer } from "bun:ffi";
import { ToolError } from "../cli/error.ts";

const { i32, u32, ptr: P, cstring } = FFIType;

const symbols = {
  pcap_findalldevs: { args: [P, P], returns: i32 },
  pcap_freealldevs: { args: [P], returns: FFIType.void },
  pcap_create: { args: [cstring, P], returns: P },
  pcap_set_snaplen: { args: [P, i32], returns: i32 },
  pcap_set_promisc: { args: [P, i32], returns: i32 },
  pcap_set_timeout: { args: [P, i32], returns: i32 },
  pcap_set_buffer_size: { args: [P, i32], returns: i32 },
  pcap_set_immediate_mode: { args: [P, i32], returns: i32 },
  pcap_activate: { args: [P], returns: i32 },
  pcap_geterr: { args: [P], returns: cstring },
  pcap_statustostr: { args: [i32], returns: cstring },
  pcap_datalink: { args: [P], returns: i32 },
  pcap_snapshot: { args: [P], returns: i32 },
  pcap_compile: { args: [P, P, cstring, i32, u32], returns: i32 },
  pcap_setfilter: { args: [P, P], returns: i32 },
  pcap_freecode: { args: [P], returns: FFIType.void },
  pcap_setnonblock: { args: [P, i32, P], returns: i32 },
  pcap_get_selectable_fd: { args: [P], returns: i32 },
  pcap_next_ex: { args: [P, P, P], returns: i32 },
  pcap_stats: { args: [P, P], returns: i32 },
  pcap_close: { args: [P], returns: FFIType.void },
  pcap_lib_version: { args: [], returns: cstring },
} as const;

type Lib = ReturnType<typeof dlopen<typeof symbols>>;
let lib: Lib | undefined;

/** Where libpcap is looked for; TSNET_LIBPCAP names one file instead (a non-standard install, or tests). */
const SONAMES = process.env.TSNET_LIBPCAP
  ? [process.env.TSNET_LIBPCAP]
  : process.platform === "darwin" ? ["libpcap.dylib", "libpcap.A.dylib"] : ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so"];

/** The libpcap symbols, loaded on first use; a missing library is one clear error with the install hint. */
export function libpcap(): Lib["symbols"] {
  if (lib) return lib.symbols;
  for (const name of SONAMES) {
    try {
      lib = dlopen(name, symbols);
      return lib.symbols;
    } catch {
      // try the next soname
    }
  }
  throw new ToolError(
    `libpcap is not installed (tried ${SONAMES.join(", ")}); live capture needs it.`,
    1,
    ["Install it with: apt-get install libpcap0.8 (Debian/Ubuntu), dnf install libpcap (Fedora), or brew install libpcap (macOS)."],
  );
}

/** pcap_activate / pcap_next_ex status codes we act on. */
export const PCAP = {
  ERROR: -1,
  ERROR_BREAK: -2,
  ERROR_NO_SUCH_DEVICE: -5,
  ERROR_PERM_DENIED: -8,
  ERROR_IFACE_NOT_UP: -9,
  ERROR_PROMISC_PERM_DENIED: -11,
  IF_LOOPBACK: 0x1,
  IF_UP: 0x2,
  IF_RUNNING: 0x4,
  IF_WIRELESS: 0x8,
  IF_CONNECTION_STATUS: 0x30,
} as const;

export interface PcapDevice {
  name: string;
  description?: string;
  flags: number;
}

const ERRBUF = 256;
const str = (p: number | bigint | null): string | undefined => (p ? String(new CString(Number(p) as Pointer)) : undefined);

/** pcap_findalldevs, in libpcap's order (up interfaces first, then `any`, loopback, down ones). */
export function findAllDevices(): PcapDevice[] {
  const pc = libpcap();
  const head = new BigUint64Array(1);
  const err = new Uint8Array(ERRBUF);
  if (pc.pcap_findalldevs(ptr(head), ptr(err)) !== 0) {
    throw new ToolError(new TextDecoder().decode(err.subarray(0, err.indexOf(0))), 1);
  }
  const out: PcapDevice[] = [];
  // pcap_if_t on LP64: next @0, name @8, description @16, addresses @24, flags (u32) @32
  let node = Number(head[0]);
  while (node) {
    const p = node as Pointer;
    out.push({ name: str(read.ptr(p, 8)) ?? "", description: str(read.ptr(p, 16)), flags: read.u32(p, 32) });
    node = read.ptr(p, 0);
  }
  if (head[0]) pc.pcap_freealldevs(Number(head[0]) as Pointer);
  return out;
}

export interface HandleOptions {
  snaplen: number;
  promisc: boolean;
  bufferBytes?: number;
  /** how long the kernel holds a part-filled block before handing it over (default 50 ms) */
  timeoutMs?: number;
}

/** A created (not yet activated) handle, or the errbuf text when pcap_create fails. */
export function createHandle(device: string, o: HandleOptions): Pointer {
  const pc = libpcap();
  const err = new Uint8Array(ERRBUF);
  const h = pc.pcap_create(Buffer.from(device + "\0"), ptr(err));
  if (!h) throw new ToolError(new TextDecoder().decode(err.subarray(0, err.indexOf(0))), 1);
  pc.pcap_set_snaplen(h, o.snaplen);
  pc.pcap_set_promisc(h, o.promisc ? 1 : 0);
  // Not immediate mode: on Linux that switches to TPACKET_V2, whose ring has one snaplen-sized slot
  // per packet (8 slots in 2 MiB at snaplen 262144), and a burst overflows it. TPACKET_V3 packs
  // packets into blocks; the timeout bounds how long a part-filled block waits (the latency).
  pc.pcap_set_timeout(h, o.timeoutMs ?? 50);
  if (o.bufferBytes) pc.pcap_set_buffer_size(h, o.bufferBytes);
  return h as Pointer;
}

/** pcap_activate: 0 or a positive warning on success, a negative PCAP_ERROR_* with its text otherwise. */
export function activate(h: Pointer): { status: number; text: string } {
  const status = libpcap().pcap_activate(h);
  return { status, text: status === 0 ? "" : lastError(h) };
}

export function lastError(h: Pointer): string {
  return String(libpcap().pcap_geterr(h));
}

export function statusText(status: number): string {
  return String(libpcap().pcap_statustostr(status));
}

export const datalink = (h: Pointer): number => libpcap().pcap_datalink(h);
export const snapshot = (h: Pointer): number => libpcap().pcap_snapshot(h);

/** Compile and install a BPF filter; returns libpcap's error text, or undefined when it worked. */
export function setFilter(h: Pointer, filter: string): string | undefined {
  const pc = libpcap();
  const prog = new Uint8Array(16); // struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }
  // PCAP_NETMASK_UNKNOWN: broadcast tests fail instead of guessing the netmask
  if (pc.pcap_compile(h, ptr(prog), Buffer.from(filter + "\0"), 1, 0xffffffff) !== 0) return lastError(h);
  const rc = pc.pcap_setfilter(h, ptr(prog));
  pc.pcap_freecode(ptr(prog));
  return rc === 0 ? undefined : lastError(h);
}

export function setNonblock(h: Pointer): void {
  const err = new Uint8Array(ERRBUF);
  if (libpcap().pcap_setnonblock(h, 1, ptr(err)) !== 0) throw new ToolError(new TextDecoder().decode(err.subarray(0, err.indexOf(0))), 1);
}

export const selectableFd = (h: Pointer): number => libpcap().pcap_get_selectable_fd(h);

/** One packet pulled by pcap_next_ex; the bytes are copied, libpcap reuses its buffer. */
export interface LivePacket {
  sec: number;
  usec: number;
  caplen: number;
  len: number;
  data: Uint8Array;
}

const hdrSlot = new BigUint64Array(1);
const dataSlot = new BigUint64Array(1);
const hdrSlotPtr = ptr(hdrSlot);
const dataSlotPtr = ptr(dataSlot);

/** pcap_next_ex: a packet, 0 when none is waiting (timeout / non-blocking), or a negative status. */
export function nextPacket(h: Pointer): LivePacket | number {
  const rc = libpcap().pcap_next_ex(h, hdrSlotPtr, dataSlotPtr);
  if (rc !== 1) return rc;
  // struct pcap_pkthdr on LP64: struct timeval { i64 tv_sec; i64 tv_usec }, u32 caplen, u32 len
  const hp = Number(hdrSlot[0]) as Pointer;
  const caplen = read.u32(hp, 16);
  const len = read.u32(hp, 20);
  const sec = Number(read.i64(hp, 0));
  const usec = Number(read.i64(hp, 8));
  const data = caplen ? new Uint8Array(toArrayBuffer(Number(dataSlot[0]) as Pointer, 0, caplen)).slice() : new Uint8Array(0);
  return { sec, usec, caplen, len, data };
}

/** pcap_stats: packets received, dropped by the kernel buffer, dropped by the interface. */
export function handleStats(h: Pointer): { recv: number; drop: number; ifdrop: number } {
  const s = new Uint32Array(4);
  if (libpcap().pcap_stats(h, ptr(s)) !== 0) return { recv: 0, drop: 0, ifdrop: 0 };
  return { recv: s[0]!, drop: s[1]!, ifdrop: s[2]! };
}

export const closeHandle = (h: Pointer): void => libpcap().pcap_close(h);

export const libpcapVersion = (): string => String(libpcap().pcap_lib_version());
