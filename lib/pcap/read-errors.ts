// tshark's words for a capture file it cannot read, keyed by what went wrong (wiretap's error classes).
import { ToolError } from "../cli/error.ts";

/** How tshark names the input in its messages: `The file "x.pcap"` or `The standard input`. */
export function inputPhrase(path: string): string {
  return path === "-" ? "The standard input" : `The file "${path}"`;
}

export type ReadFailure = "not-capture" | "short-open" | "short-read" | "bad-file" | "unsupported" | "bad-compression";

const TEXT: Record<ReadFailure, string> = {
  "not-capture": "isn't a capture file in a format TShark understands.",
  "short-open": "appears to have been cut short in the middle of a packet or other data.",
  "short-read": "appears to have been cut short in the middle of a packet.",
  "bad-file": "appears to be damaged or corrupt.",
  unsupported: "contains record data that TShark doesn't support.",
  "bad-compression": "is compressed and appears to be damaged or corrupt.",
};

/** The error tshark reports (rc 2), with wiretap's detail line in parentheses when there is one. */
export function readError(path: string, kind: ReadFailure, detail?: string): ToolError {
  return new ToolError(`${inputPhrase(path)} ${TEXT[kind]}`, 2, detail ? [`(${detail})`] : []);
}

/** wiretap's ceiling on a record's captured length for ordinary link types. */
export const MAX_RECORD_BYTES = 262144;
