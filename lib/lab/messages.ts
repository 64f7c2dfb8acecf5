// Where a client's messages come from: the keyboard with the course's prompt, a pipe (one message a line), or --message.

/** The course client's prompt, printed (without newline) before each line typed at a terminal. */
export const PROMPT = "Input lowercase sentence:";

export interface MessageSource {
  /** --message: send this text instead of reading stdin */
  readonly message?: string;
  /** --count: stop after this many messages (with --message: send it this many times) */
  readonly count?: number;
  /** --interval: seconds to wait between messages */
  readonly interval: number;
  /** show the prompt (stdin is a terminal) */
  readonly prompt: boolean;
}

/** Lines of stdin as bytes (binary-safe), without their '\n'; a last line with no newline still counts. */
async function* stdinLines(): AsyncGenerator<Uint8Array> {
  const reader = Bun.stdin.stream().getReader();
  let pending = new Uint8Array(0);
  for (;;) {
    let nl: number;
    while ((nl = pending.indexOf(0x0a)) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      yield line;
    }
    const { value, done } = await reader.read();
    if (done) break;
    const all = new Uint8Array(pending.length + value.length);
    all.set(pending);
    all.set(value, pending.length);
    pending = all;
  }
  if (pending.length) yield pending;
}

/** The messages to send, paced by --interval and limited by --count. */
export async function* messages(src: MessageSource): AsyncGenerator<Uint8Array> {
  const wait = () => (src.interval > 0 ? Bun.sleep(src.interval * 1000) : undefined);
  if (src.message !== undefined) {
    const msg = new TextEncoder().encode(src.message);
    const n = src.count ?? 1;
    for (let i = 0; i < n; i++) {
      if (i) await wait();
      yield msg;
    }
    return;
  }
  const lines = stdinLines();
  for (let i = 0; src.count === undefined || i < src.count; i++) {
    if (i) await wait();
    if (src.prompt) process.stdout.write(PROMPT);
    const next = await lines.next();
    if (next.done) {
      if (src.prompt) process.stdout.write("\n");
      return;
    }
    yield next.value;
  }
}

/** The course's output line for a reply: "From Server: " then the reply's bytes exactly as received. */
export function fromServerLine(reply: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode("From Server: ");
  const out = new Uint8Array(head.length + reply.length + 1);
  out.set(head);
  out.set(reply, head.length);
  out[out.length - 1] = 0x0a;
  return out;
}
