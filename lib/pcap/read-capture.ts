// Open a capture file or stdin, sniff gzip and the format, and stream its frames (no libpcap needed).
import { statSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { ByteCursor, fileInput, gunzipInput, streamInput, type ByteInput } from "./byte-cursor.ts";
import type { Frame } from "./frame.ts";
import type { IfaceInfo } from "./iface.ts";
import { isPcapMagic, readPcapBatches, readPcapHeader } from "./pcap-reader.ts";
import { BT_SHB, readPcapngBatches } from "./pcapng-reader.ts";
import { readError } from "./read-errors.ts";

export interface CaptureFile {
  readonly format: "pcap" | "pcapng" | "empty";
  readonly gzip: boolean;
  /** pcap: one entry; pcapng: grows as IDBs are read, so frame.iface always indexes it */
  readonly interfaces: IfaceInfo[];
  /** frames in file order; throws tshark's ToolError after the last good frame of a damaged file */
  readonly frames: AsyncGenerator<Frame>;
  /** the same frames a chunk at a time (one await per ~1 MiB instead of per frame); iterate one of the two */
  readonly batches: AsyncGenerator<Frame[]>;
  /** interface drops reported by pcapng ISBs so far */
  readonly counters: { ifDropped: number };
  close(): void;
}

/** Open `path` ("-" = stdin), failing with tshark's message and rc 2 when it cannot be read. */
export async function openCaptureFile(path: string): Promise<CaptureFile> {
  let input = path === "-" ? streamInput(Bun.stdin.stream() as unknown as AsyncIterable<Uint8Array>) : openFile(path);
  let cur = new ByteCursor(input);
  let gzip = false;
  if ((await cur.fill(2)) && cur.buf[cur.pos] === 0x1f && cur.buf[cur.pos + 1] === 0x8b) {
    gzip = true;
    input = gunzipInput(input, cur.buf.slice(cur.pos, cur.end));
    cur = new ByteCursor(input);
  }
  const interfaces: IfaceInfo[] = [];
  const counters = { ifDropped: 0 };
  const session = (format: CaptureFile["format"], raw: AsyncGenerator<Frame[]>): CaptureFile => {
    const batches = closing(cur, raw, gzip ? path : undefined);
    return { format, gzip, interfaces, counters, batches, frames: flatten(batches), close: () => cur.close() };
  };
  try {
    if (!(await cur.fill(4))) {
      if (cur.available === 0) return session("empty", none());
      throw readError(path, "not-capture");
    }
    const magic = cur.view.getUint32(cur.pos, true);
    if (magic === BT_SHB) {
      return session("pcapng", readPcapngBatches(cur, path, interfaces, counters));
    }
    if (isPcapMagic(new DataView(cur.buf.buffer, cur.pos, 4))) {
      const header = await readPcapHeader(cur, path);
      interfaces.push(header.iface);
      return session("pcap", readPcapBatches(cur, header, path));
    }
    throw readError(path, "not-capture");
  } catch (e) {
    cur.close();
    if (gzip && !(e instanceof ToolError)) throw gunzipError(path, e);
    throw e;
  }
}

function gunzipError(path: string, e: unknown): ToolError {
  const code = (e as { code?: string }).code;
  if (code === "Z_BUF_ERROR") return readError(path, "short-read");
  return readError(path, "bad-compression", (e as Error).message);
}

function openFile(path: string): ByteInput {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw openError(path, e);
  }
  if (isDir) throw new ToolError(`"${path}" is a directory (folder), not a file.`, 2);
  try {
    return fileInput(path);
  } catch (e) {
    throw openError(path, e);
  }
}

function openError(path: string, e: unknown): ToolError {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new ToolError(`The file "${path}" doesn't exist.`, 2);
  if (code === "EACCES" || code === "EPERM") return new ToolError(`You don't have permission to read the file "${path}".`, 2);
  return new ToolError(`The file "${path}" could not be opened: ${(e as Error).message}.`, 2);
}

async function* none(): AsyncGenerator<Frame[]> {}

/**
 * Close the input when iteration ends (done, error, or the consumer breaking out). A gunzip failure
 * (only for `gzipPath`) becomes tshark's message: a cut stream reads as a cut file.
 */
async function* closing(cur: ByteCursor, batches: AsyncGenerator<Frame[]>, gzipPath?: string): AsyncGenerator<Frame[]> {
  try {
    yield* batches;
  } catch (e) {
    if (gzipPath === undefined || e instanceof ToolError) throw e;
    throw gunzipError(gzipPath, e);
  } finally {
    cur.close();
  }
}

async function* flatten(batches: AsyncGenerator<Frame[]>): AsyncGenerator<Frame> {
  for await (const batch of batches) {
    for (const f of batch) yield f;
  }
}
