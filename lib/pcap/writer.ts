// openWriter: -w FILE|- in pcapng (tshark's default) or pcap, with -b ring-buffer files and -a filesize/files.
import { unlinkSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { openByteSink, type ByteSink } from "./byte-sink.ts";
import type { Frame } from "./frame.ts";
import type { IfaceInfo } from "./iface.ts";
import { writePcapHeader, writePcapRecord } from "./pcap-encode.ts";
import { writeEpb, writeIdb, writeShb, writtenDigits } from "./pcapng-encode.ts";
import { ringFileName } from "./ring-names.ts";

export interface RingOptions {
  /** switch files after S seconds */
  duration?: number;
  /** switch when the file reaches KB kilobytes (1000 bytes, as tshark) */
  filesizeKB?: number;
  /** keep only the newest N files */
  files?: number;
  /** switch after N packets */
  packets?: number;
  /** switch when the wall clock crosses a multiple of S seconds */
  interval?: number;
}

export interface WriterOptions {
  /** "-" = stdout */
  path: string;
  /** "nsecpcap" is pcap with the nanosecond magic */
  format: "pcap" | "pcapng" | "nsecpcap";
  /** the session's interface list (it may grow while frames arrive: new pcapng IDBs are written as needed) */
  interfaces: readonly IfaceInfo[];
  /** -b, tshark naming */
  ring?: RingOptions;
  /** -a filesize:KB / files:N: the writer stops accepting frames and calls onAutostop */
  autostop?: { filesizeKB?: number; files?: number };
  /** called once when an -a filesize/files limit is reached (pass session.stop) */
  onAutostop?: () => void;
  /** shb_userappl of pcapng files */
  application?: string;
}

export interface FrameWriter {
  write(f: Frame): void;
  /** flushes; the file is complete after close() even after Ctrl-C */
  close(): Promise<void>;
  /** push buffered frames to the file now (a live capture calls it when idle) */
  flush(): void;
  /** true once an -a filesize/files limit was reached; later frames are dropped */
  readonly done: boolean;
  /** the files written so far, oldest first (one unless -b) */
  readonly files: readonly string[];
}

/** Check -w/-b/-a combinations the way tshark does (rc 1). */
function validate(o: WriterOptions): void {
  const ring = o.ring;
  const ringAsked = ring && Object.values(ring).some((v) => v !== undefined);
  if (ringAsked && o.path === "-") {
    throw new ToolError("Multiple capture files requested, but the capture is being written to the standard output.", 1);
  }
  if (ringAsked && ring.duration === undefined && ring.filesizeKB === undefined && ring.packets === undefined && ring.interval === undefined) {
    throw new ToolError("Multiple capture files requested, but no maximum capture file size, duration, interval or packets were specified.", 1);
  }
  if (o.format === "pcap" || o.format === "nsecpcap") {
    const types = new Set(o.interfaces.map((i) => i.linktype));
    if (types.size > 1) {
      throw new ToolError(`The capture file being read can't be written as a "pcap" file, because it has frames of more than one link type.`, 2);
    }
  }
}

export async function openWriter(o: WriterOptions): Promise<FrameWriter> {
  validate(o);
  const ring = o.ring && Object.values(o.ring).some((v) => v !== undefined) ? o.ring : undefined;
  const application = o.application ?? "tsshark";
  const files: string[] = [];
  let sink: ByteSink;
  let fileNo = 0;
  let fileOpenedMs = 0;
  let packetsInFile = 0;
  let idbsWritten = 0;
  let pcapLinktype: number | undefined;
  let done = false;
  let closed = false;
  const nano = o.format === "nsecpcap";

  const open = () => {
    fileNo++;
    const now = new Date();
    const name = ring ? ringFileName(o.path, fileNo, now) : o.path;
    try {
      sink = openByteSink(name);
    } catch (e) {
      throw new ToolError(`The file to which the capture would be saved ("${name}") could not be opened: ${(e as Error).message}.`, 2);
    }
    files.push(name);
    fileOpenedMs = now.getTime();
    packetsInFile = 0;
    idbsWritten = 0;
    if (o.format === "pcapng") writeShb(sink, application);
    else {
      const linktype = o.interfaces[0]?.linktype ?? pcapLinktype;
      if (linktype !== undefined) startPcap(linktype);
    }
    if (ring?.files && files.length > ring.files) {
      const old = files.shift()!;
      try {
        unlinkSync(old);
      } catch {
        // already gone: nothing to rotate
      }
    }
  };
  const startPcap = (linktype: number) => {
    pcapLinktype = linktype;
    const snaplen = Math.max(0, ...o.interfaces.map((i) => i.snaplen)) || 262144;
    writePcapHeader(sink, linktype, snaplen, nano);
  };

  /** Has the current ring file reached a switch condition (checked before writing the next frame)? */
  const shouldSwitch = (nowMs: number): boolean => {
    if (!ring) return false;
    if (ring.packets !== undefined && packetsInFile >= ring.packets) return true;
    if (ring.filesizeKB !== undefined && sink.size >= ring.filesizeKB * 1000) return true;
    if (ring.duration !== undefined && nowMs - fileOpenedMs >= ring.duration * 1000) return true;
    if (ring.interval !== undefined) {
      const period = ring.interval * 1000;
      if (Math.floor(nowMs / period) !== Math.floor(fileOpenedMs / period)) return true;
    }
    return false;
  };

  const sizeLimit = o.autostop?.filesizeKB !== undefined ? o.autostop.filesizeKB * 1000 : undefined;
  const fileLimit = o.autostop?.files;

  const stop = () => {
    if (done) return;
    done = true;
    o.onAutostop?.();
  };

  /** Switch to the next ring file, or stop when -a files:N says this was the last one. */
  const rotateOrStop = (): boolean => {
    if (fileLimit !== undefined && fileNo >= fileLimit) {
      stop();
      return false;
    }
    sink.close();
    open();
    return true;
  };

  open();
  // Time-based switches must happen even when no packet arrives, as dumpcap's empty ring files show.
  const timer = ring && (ring.duration !== undefined || ring.interval !== undefined)
    ? setInterval(() => {
        if (!closed && !done && shouldSwitch(Date.now())) rotateOrStop();
      }, 100)
    : undefined;
  timer?.unref?.();
  const flushTimer = setInterval(() => {
    if (!closed) sink.flush();
  }, 1000);
  flushTimer.unref?.();

  return {
    get done() {
      return done;
    },
    get files() {
      return files;
    },
    write(f: Frame) {
      if (done || closed) return;
      // With -b, -a filesize is one more switch condition (dumpcap); without it, it ends the capture.
      if (ring && (shouldSwitch(Date.now()) || (sizeLimit !== undefined && sink.size >= sizeLimit)) && !rotateOrStop()) return;
      if (o.format === "pcapng") {
        while (idbsWritten < o.interfaces.length) writeIdb(sink, o.interfaces[idbsWritten++]!);
        const iface = f.iface ?? 0;
        const info = o.interfaces[iface];
        writeEpb(sink, f, iface, info ? writtenDigits(info) : 6);
      } else {
        if (pcapLinktype === undefined) startPcap(f.linktype);
        else if (f.linktype !== pcapLinktype) {
          throw new ToolError(`The capture file being read can't be written as a "pcap" file, because it has frames of more than one link type.`, 2);
        }
        writePcapRecord(sink, f, nano);
      }
      packetsInFile++;
      if (!ring && sizeLimit !== undefined && sink.size >= sizeLimit) stop();
    },
    flush() {
      if (!closed) sink.flush();
    },
    async close() {
      if (timer) clearInterval(timer);
      clearInterval(flushTimer);
      if (closed) return;
      closed = true;
      if (o.format === "pcapng") while (idbsWritten < o.interfaces.length) writeIdb(sink, o.interfaces[idbsWritten++]!);
      else if (pcapLinktype === undefined) startPcap(1); // an empty capture is still a valid pcap file
      sink.close();
    },
  };
}
