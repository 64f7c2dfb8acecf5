// What a server does with each message it receives: the course's upper-casing and its variations, as one table.

/** A server mode: how a message becomes a reply (undefined = no reply), and what a new client is sent first. */
export interface Mode {
  readonly describe: string;
  readonly reply: (msg: Uint8Array) => Uint8Array | undefined;
  /** daytime answers without being asked; a stream server then closes the connection */
  readonly greet?: () => Uint8Array;
}

/**
 * ASCII-only upper-casing, byte by byte: the reply has exactly the request's length and any byte that is
 * not a-z (binary data, UTF-8 sequences, even one cut in half by a recv boundary) passes through untouched.
 */
export function upperAscii(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(msg.length);
  for (let i = 0; i < msg.length; i++) {
    const b = msg[i]!;
    out[i] = b >= 0x61 && b <= 0x7a ? b - 0x20 : b;
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reverse by characters when the message is valid UTF-8 (so "héllo" stays readable), by bytes otherwise. */
export function reverseMessage(msg: Uint8Array): Uint8Array {
  try {
    return new TextEncoder().encode([...utf8.decode(msg)].reverse().join(""));
  } catch {
    return msg.slice().reverse();
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The daytime protocol's (RFC 867) answer in ctime's layout ("Thu Nov  5 05:40:00 2026"), UTC, CRLF-terminated. */
export function daytimeText(now = new Date()): Uint8Array {
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  const day = String(now.getUTCDate()).padStart(2, " ");
  return new TextEncoder().encode(`${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${day} ${time} ${now.getUTCFullYear()}\r\n`);
}

export const MODES = {
  upper: { describe: "upper-cases every message (the course's server)", reply: upperAscii },
  echo: { describe: "sends every message back unchanged", reply: (m) => m },
  reverse: { describe: "sends every message back reversed", reply: reverseMessage },
  discard: { describe: "reads and throws everything away (RFC 863)", reply: () => undefined },
  daytime: { describe: "sends the date and time (RFC 867)", reply: () => daytimeText(), greet: () => daytimeText() },
} as const satisfies Record<string, Mode>;

export type ModeName = keyof typeof MODES;
