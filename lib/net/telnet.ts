// nc -t: refuse every TELNET option the peer proposes (DO/DONT -> WONT, WILL/WONT -> DONT), as nc's atelnet() does.

const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251;

/** The refusals to send for the negotiations found in one received chunk (empty when there are none). */
export function telnetReplies(chunk: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i + 2 < chunk.length; i++) {
    if (chunk[i] !== IAC) continue;
    const verb = chunk[i + 1]!;
    if (verb === DO || verb === DONT) out.push(IAC, WONT, chunk[i + 2]!);
    else if (verb === WILL || verb === WONT) out.push(IAC, DONT, chunk[i + 2]!);
    else continue;
    i += 2;
  }
  return new Uint8Array(out);
}
