// tsnc -o/--output, --hex-dump and --append-output: ncat's session logs, written as the bytes pass.
//
// API (stable; the tsnc core wires it in):
//   openSessionLog({raw?, hex?, append})  opens the files now (throws ToolError as ncat fails: rc 2);
//     .sent(bytes) / .received(bytes)      log one chunk, in the order the relay saw it;
//     .close()                             closes the files.
//   formatHexDump(bytes)                   one chunk in ncat's hex layout (also used by tests).
//
// Facts measured on ncat 7.93: -o holds the raw bytes of both directions interleaved in order; the hex dump
// is one block per chunk (read or write), offsets restart at 0000 for each block, and nothing marks the
// direction. A line is "%04x" + 3 spaces + 16 "xx " cells with an extra space after the 8th and after the
// 16th, then 16 characters where only 0x21..0x7e print as themselves (space too becomes "."), padded with
// spaces. A file that cannot be opened prints "open: <strerror>" and exits 2.
import { closeSync, openSync, writeSync } from "node:fs";
import { ToolError } from "../cli/error.ts";

export interface SessionLogFiles {
  /** -o/--output FILE: raw bytes */
  readonly raw?: string;
  /** --hex-dump FILE (ncat -x) */
  readonly hex?: string;
  /** --append-output: append instead of truncating */
  readonly append: boolean;
}

export interface SessionLog {
  sent(bytes: Uint8Array): void;
  received(bytes: Uint8Array): void;
  close(): void;
}

/** ncat's exit status for a log file it cannot open. */
export const SESSION_LOG_EXIT = 2;

const hexDigits = "0123456789abcdef";

function hexByte(b: number): string {
  return hexDigits[b >> 4]! + hexDigits[b & 15]!;
}

/** One chunk as ncat's --hex-dump writes it, every line ending in "\n". */
export function formatHexDump(bytes: Uint8Array): string {
  let out = "";
  for (let off = 0; off < bytes.length; off += 16) {
    let hex = "";
    let text = "";
    for (let i = 0; i < 16; i++) {
      const at = off + i;
      if (at < bytes.length) {
        const b = bytes[at]!;
        hex += hexByte(b) + " ";
        text += b > 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
      } else {
        hex += "   ";
        text += " ";
      }
      if (i === 7 || i === 15) hex += " ";
    }
    out += off.toString(16).padStart(4, "0") + "   " + hex + text + "\n";
  }
  return out;
}

function errnoText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const texts: Record<string, string> = {
    ENOENT: "No such file or directory",
    EACCES: "Permission denied",
    EISDIR: "Is a directory",
    ENOTDIR: "Not a directory",
    EROFS: "Read-only file system",
    ENOSPC: "No space left on device",
  };
  return texts[err.code ?? ""] ?? err.message ?? String(e);
}

function openLogFile(path: string, append: boolean): number {
  try {
    return openSync(path, append ? "a" : "w", 0o666);
  } catch (e) {
    throw new ToolError(`open: ${errnoText(e)}`, SESSION_LOG_EXIT);
  }
}

/** Write everything now (synchronously), so the log follows the session byte for byte and order is kept. */
function writeFully(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Open the requested logs; with neither file, every call is a no-op. */
export function openSessionLog(files: SessionLogFiles): SessionLog {
  const rawFd = files.raw !== undefined ? openLogFile(files.raw, files.append) : undefined;
  const hexFd = files.hex !== undefined ? openLogFile(files.hex, files.append) : undefined;
  const encoder = new TextEncoder();
  /** true after a write error; null once closed (later chunks are ignored). */
  let failed: boolean | null = false;
  const log = (bytes: Uint8Array): void => {
    if (failed !== false || bytes.length === 0) return;
    try {
      if (rawFd !== undefined) writeFully(rawFd, bytes);
      if (hexFd !== undefined) writeFully(hexFd, encoder.encode(formatHexDump(bytes)));
    } catch (e) {
      // A full disk must not stop the session itself: report once and keep relaying.
      failed = true;
      process.stderr.write(`tsnc: write: ${errnoText(e)}\n`);
    }
  };
  return {
    sent: log,
    received: log,
    close(): void {
      if (failed === null) return;
      failed = null;
      for (const fd of [rawFd, hexFd]) if (fd !== undefined) closeSync(fd);
    },
  };
}
