// --trace and --hex: each socket call named as the lecture's diagram names it, with the real values, on stderr.
import { colors } from "../cli/color.ts";
import { hexDump } from "./bytes-view.ts";

export interface TraceOptions {
  /** print each socket call (--trace) */
  readonly calls: boolean;
  /** print the bytes of each send and recv (--hex) */
  readonly hex: boolean;
  /** where lines go; stderr by default (tests pass a collector) */
  readonly write?: (line: string) => void;
}

/** One role's trace (server, client, conn#3): a no-op unless --trace / --hex asked for it. */
export interface Trace {
  readonly calls: boolean;
  readonly hex: boolean;
  /** a socket call: `recv(1024)` with its result `5 bytes` and an optional note for the beginner */
  call(call: string, result?: string, note?: string): void;
  /** a plain remark in the trace (simulated loss, retransmission) */
  note(text: string): void;
  /** the bytes on the wire, for --hex */
  wire(direction: "sent" | "received", data: Uint8Array): void;
  /** a length prefix decoded on receipt, showing the byte order */
  lengthPrefix(prefix: Uint8Array, length: number): void;
  /** the same trace under another role name, e.g. one per accepted connection */
  as(role: string): Trace;
}

export function makeTrace(o: TraceOptions, role: string): Trace {
  const c = colors(2);
  const out = o.write ?? ((line: string) => void process.stderr.write(line + "\n"));
  // the two sides of the diagram in two colours: the server and its connection sockets, and the client
  const side = role.startsWith("client") || role.startsWith("bench") ? c.blue : c.magenta;
  const tag = side(role.padEnd(8));
  return {
    calls: o.calls,
    hex: o.hex,
    call(call, result, note) {
      if (!o.calls) return;
      const paren = call.indexOf("(");
      const name = paren < 0 ? call : call.slice(0, paren);
      const args = paren < 0 ? "" : call.slice(paren);
      out(`${tag} ${c.bold(c.cyan(name))}${c.cyan(args)}${result !== undefined ? ` ${c.dim("->")} ${c.yellow(result)}` : ""}${note ? `  ${c.dim(note)}` : ""}`);
    },
    note(text) {
      if (o.calls) out(`${tag} ${c.dim("# " + text)}`);
    },
    wire(direction, data) {
      if (!o.hex) return;
      out(`${tag} ${c.dim(`${direction} ${data.length} byte${data.length === 1 ? "" : "s"} on the wire:`)}`);
      for (const l of hexDump(data)) out(`${tag} ${direction === "sent" ? c.green(l) : c.blue(l)}`);
    },
    lengthPrefix(prefix, length) {
      if (!o.hex) return;
      const hex = [...prefix].map((b) => b.toString(16).padStart(2, "0")).join(" ");
      out(`${tag} ${c.dim(`length prefix ${hex} = ${length}: big-endian (network byte order), most significant byte first`)}`);
    },
    as: (other) => makeTrace(o, other),
  };
}

/** A trace that prints nothing, for code paths driven without --trace (bench, tests). */
export const silentTrace: Trace = makeTrace({ calls: false, hex: false }, "");
