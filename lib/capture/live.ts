// Live capture on one or more interfaces: libpcap handles in non-blocking mode, drained by a timer.
//
// Why non-blocking and not a Worker: a Worker blocked in pcap_next_ex needs a structured-clone
// postMessage per batch and a second JS heap; draining non-blocking handles on the main thread
// costs one pcap_next_ex call per packet and a short sleep when every handle is idle (measured
// figures in docs/tsshark-capture.md). The sleep never spins: an idle capture wakes ~100 times/s.
import type { Pointer } from "bun:ffi";
import { ToolError } from "../cli/error.ts";
import type { Frame } from "../pcap/frame.ts";
import { pcapIface, type IfaceInfo } from "../pcap/iface.ts";
import { TimedFrame } from "../pcap/timed-frame.ts";
import {
  activate, closeHandle, createHandle, datalink, handleStats, nextPacket, PCAP, setFilter, setNonblock, snapshot, statusText,
} from "../sys/libpcap.ts";
import { descriptiveName, shortName, type CaptureDevice } from "./interfaces.ts";
import type { InterfaceDrops } from "./messages.ts";
import type { Stopper } from "./stopper.ts";

/** How long to sleep when no handle has a packet waiting. */
const IDLE_MS = 10;
/** Packets drained from one handle before looking at the others (fairness between interfaces). */
const BATCH = 256;

export interface LiveOptions {
  devices: readonly CaptureDevice[];
  snaplen: number;
  promisc: boolean;
  bufferMiB?: number;
  filter?: string;
}

export interface LiveHandles {
  interfaces: IfaceInfo[];
  /** frames from every handle, a drain round at a time, until stopped or the deadline; closes the handles when done */
  batches(stopper: Stopper, deadlineMs: number | undefined): AsyncGenerator<Frame[]>;
  stats(): { received: number; dropped: number; ifDropped: number; dropsByInterface: InterfaceDrops[] };
  close(): void;
}

/** The hint tshark gives Debian users, reworded for a standalone binary. */
function permissionHint(): string[] {
  const self = /\/bun(\.exe)?$/.test(process.execPath) ? "{path/to/}tsshark" : process.execPath;
  return [
    "Please check to make sure you have sufficient permissions.",
    "",
    "Run tsshark as root, or give the binary the capture capabilities once:",
    "",
    `    sudo setcap cap_net_raw,cap_net_admin+eip ${self}`,
  ];
}

/** Open, configure and activate a handle per device, failing with dumpcap's words and rc 1. */
export function openLive(o: LiveOptions): LiveHandles {
  const handles: Pointer[] = [];
  const interfaces: IfaceInfo[] = [];
  const lastStats = new Map<Pointer, { recv: number; drop: number; ifdrop: number }>();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const h of handles) {
      lastStats.set(h, handleStats(h));
      closeHandle(h);
    }
  };
  try {
    for (const d of o.devices) {
      const h = createHandle(d.name, { snaplen: o.snaplen, promisc: o.promisc, bufferBytes: o.bufferMiB ? o.bufferMiB * 1024 * 1024 : undefined });
      handles.push(h);
      const { status, text } = activate(h);
      if (status < 0) throw activationError(d, status, text);
      if (o.filter !== undefined) {
        const err = setFilter(h, o.filter);
        if (err !== undefined) {
          throw new ToolError(`Invalid capture filter "${o.filter}" for interface '${shortName(d)}'.`, 1, [
            "",
            `That string isn't a valid capture filter (${err}).`,
            "See the User's Guide for a description of the capture filter syntax.",
          ]);
        }
      }
      setNonblock(h);
      interfaces.push({ ...pcapIface(datalink(h), snapshot(h), false, d.name), description: d.friendly, filter: o.filter });
    }
  } catch (e) {
    close();
    throw e;
  }

  async function* batches(stopper: Stopper, deadlineMs: number | undefined): AsyncGenerator<Frame[]> {
    try {
      while (!stopper.stopped) {
        const batch: Frame[] = [];
        for (let i = 0; i < handles.length; i++) {
          const h = handles[i]!;
          for (let k = 0; k < BATCH; k++) {
            const p = nextPacket(h);
            if (typeof p === "number") {
              if (p === 0) break;
              if (batch.length) yield batch;
              if (p === PCAP.ERROR_BREAK) return;
              throw new ToolError(`Error while capturing packets: ${statusText(p)}`, 2);
            }
            batch.push(new TimedFrame(p.sec, p.usec * 1000, p.caplen, p.len, interfaces[i]!.linktype, p.data, i));
          }
        }
        if (batch.length) yield batch;
        const now = Date.now();
        if (deadlineMs !== undefined && now >= deadlineMs) return;
        if (batch.length === 0) {
          const wait = deadlineMs === undefined ? IDLE_MS : Math.min(IDLE_MS, deadlineMs - now);
          await stopper.sleep(wait);
        }
      }
    } finally {
      close();
    }
  }

  return {
    interfaces,
    batches,
    close,
    stats() {
      let received = 0;
      let dropped = 0;
      let ifDropped = 0;
      const dropsByInterface: InterfaceDrops[] = [];
      handles.forEach((h, i) => {
        const s = lastStats.get(h) ?? handleStats(h);
        received += s.recv;
        dropped += s.drop;
        ifDropped += s.ifdrop;
        dropsByInterface.push({ iface: descriptiveName(o.devices[i]!), dropped: s.drop });
      });
      return { received, dropped, ifDropped, dropsByInterface };
    },
  };
}

function activationError(d: CaptureDevice, status: number, text: string): ToolError {
  if (status === PCAP.ERROR_NO_SUCH_DEVICE) {
    return new ToolError(`There is no device named "${d.name}".`, 1, [`(${statusText(status)})`]);
  }
  if (status === PCAP.ERROR_PERM_DENIED || status === PCAP.ERROR_PROMISC_PERM_DENIED) {
    return new ToolError(`You do not have permission to capture on device "${d.name}".`, 1, [`(${text})`, ...permissionHint()]);
  }
  return new ToolError(`The capture session could not be initiated on interface '${d.name}' (${text || statusText(status)}).`, 1, [
    "Please check that you have the proper interface or pipe specified.",
  ]);
}
