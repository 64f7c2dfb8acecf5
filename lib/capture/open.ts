// openCapture: the one frame source tsshark reads, a file (-r) or a live capture (-i), with -c/-a and Ctrl-C handling.
import { ToolError } from "../cli/error.ts";
import type { Frame } from "../pcap/frame.ts";
import type { IfaceInfo } from "../pcap/iface.ts";
import { openCaptureFile } from "../pcap/read-capture.ts";
import { captureDevices, defaultInterface, descriptiveName, resolveInterface } from "./interfaces.ts";
import { openLive } from "./live.ts";
import type { InterfaceDrops } from "./messages.ts";
import { makeStopper, type Stopper } from "./stopper.ts";

export type { IfaceInfo } from "../pcap/iface.ts";

export interface CaptureOptions {
  /** -r FILE, or "-" for stdin; pcap (us/ns, both byte orders), pcapng, gzip */
  read?: string;
  /** -i NAME|NUMBER|any (repeatable); default as tshark (first non-loopback up iface) */
  interfaces?: string[];
  /** -f BPF (live only: with -r tshark refuses it) */
  captureFilter?: string;
  /** -s (default 262144, as tshark) */
  snaplen?: number;
  /** default true; -p sets false */
  promisc?: boolean;
  /** -B, MiB (default 2, as dumpcap) */
  bufferMiB?: number;
  /** -c: stop after N frames READ (not displayed) */
  count?: number;
  /** -a; filesize and files are the writer's business (pass them to openWriter) */
  autostop?: { duration?: number; packets?: number; filesizeKB?: number; files?: number };
  /**
   * Called with tshark's descriptive interface names ("Loopback: lo") after the interfaces are
   * resolved and before they are opened, so "Capturing on ..." comes before a device error as in tshark.
   */
  onStart?: (descriptiveNames: string[]) => void;
  /** install SIGINT/SIGTERM handlers that stop the session gracefully (default true) */
  handleSignals?: boolean;
}

export interface CaptureSession {
  readonly live: boolean;
  /** for frame.interface_id / pcapng IDBs; grows in pcapng files as IDBs appear */
  readonly interfaces: readonly IfaceInfo[];
  /** ends at EOF, -c, -a, stop(), SIGINT/SIGTERM (installed by the session) */
  readonly frames: AsyncIterable<Frame>;
  /**
   * The same frames in batches (a file chunk, or one drain round of the live handles): one await
   * per batch instead of per frame, for fast consumers. Iterate `frames` or `batches`, not both.
   * -c and -a packets cut the last batch; stop() ends the iteration after the current batch.
   */
  readonly batches: AsyncIterable<readonly Frame[]>;
  /** graceful: the iteration ends after the current frame */
  stop(): void;
  /** pcap_stats for live, counts for files; dropsByInterface (live) feeds captureSummary's per-interface lines */
  stats(): { captured: number; dropped: number; ifDropped: number; dropsByInterface?: InterfaceDrops[] };
}

/** tshark's snapshot length when -s is not given. */
export const DEFAULT_SNAPLEN = 262144;

/** Open a file or start a live capture; throws ToolError with tshark's message and exit code. */
export async function openCapture(o: CaptureOptions): Promise<CaptureSession> {
  return o.read !== undefined ? openFileSession(o, o.read) : openLiveSession(o);
}

/** Frames counted against -c and -a packets; the smaller limit wins. */
function frameLimit(o: CaptureOptions): number {
  return Math.min(o.count ?? Infinity, o.autostop?.packets ?? Infinity);
}

/** Stop on SIGINT/SIGTERM while the frames are being read; the handlers go away when iteration ends. */
function withSignals(stopper: Stopper, enabled: boolean): () => void {
  if (!enabled) return () => {};
  const onSignal = () => stopper.stop();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

async function openFileSession(o: CaptureOptions, path: string): Promise<CaptureSession> {
  if (o.captureFilter !== undefined) {
    throw new ToolError("Only read filters, not capture filters, can be specified when reading a capture file.", 1);
  }
  const file = await openCaptureFile(path);
  return session(false, file.interfaces, o, () => file.batches, () => file.close(), () => ({ dropped: 0, ifDropped: file.counters.ifDropped }));
}

async function openLiveSession(o: CaptureOptions): Promise<CaptureSession> {
  const all = captureDevices();
  const devices = o.interfaces?.length ? o.interfaces.map((s) => resolveInterface(s, all)) : [defaultInterface(all)];
  o.onStart?.(devices.map(descriptiveName));
  const live = openLive({
    devices,
    snaplen: o.snaplen && o.snaplen > 0 ? o.snaplen : DEFAULT_SNAPLEN,
    promisc: o.promisc ?? true,
    bufferMiB: o.bufferMiB,
    filter: o.captureFilter,
  });
  const stopper = makeStopper();
  const duration = o.autostop?.duration;
  return session(
    true,
    live.interfaces,
    o,
    () => live.batches(stopper, duration !== undefined ? Date.now() + duration * 1000 : undefined),
    () => live.close(),
    () => {
      const { dropped, ifDropped, dropsByInterface } = live.stats();
      return { dropped, ifDropped, dropsByInterface };
    },
    stopper,
  );
}

/**
 * The session both sources share: -c / -a packets, stop(), the signal handlers while frames are
 * read, and the counts. `source` is called once, when the consumer starts iterating.
 */
function session(
  live: boolean,
  interfaces: readonly IfaceInfo[],
  o: CaptureOptions,
  source: () => AsyncIterable<Frame[]>,
  close: () => void,
  drops: () => { dropped: number; ifDropped: number; dropsByInterface?: InterfaceDrops[] },
  stopper: Stopper = makeStopper(),
): CaptureSession {
  const limit = frameLimit(o);
  let captured = 0;
  async function* batches(): AsyncGenerator<Frame[]> {
    const release = withSignals(stopper, o.handleSignals ?? true);
    try {
      if (limit <= 0) return;
      for await (const batch of source()) {
        if (captured + batch.length >= limit) {
          const last = batch.slice(0, limit - captured);
          captured += last.length;
          yield last;
          return;
        }
        captured += batch.length;
        yield batch;
        if (stopper.stopped) return;
      }
    } finally {
      release();
      close();
    }
  }
  async function* frames(): AsyncGenerator<Frame> {
    const release = withSignals(stopper, o.handleSignals ?? true);
    try {
      if (limit <= 0) return;
      for await (const batch of source()) {
        for (const f of batch) {
          captured++;
          yield f;
          if (captured >= limit || stopper.stopped) return;
        }
      }
    } finally {
      release();
      close();
    }
  }
  return {
    live,
    interfaces,
    frames: frames(),
    batches: batches(),
    stop: () => stopper.stop(),
    stats: () => ({ captured, ...drops() }),
  };
}
