// tsnc --broker and --chat: a hub that passes each client's data to every other client (chat: ncat's texts).
//
// API (stable; the tsnc core wires it in):
//   createBroker({chat, maxConns?, firstUser?}) -> Broker
//     .add(stream)        takes over an accepted connection; false (and the peer reset, as ncat) when the hub
//                         already holds maxConns clients;
//     .broadcast(bytes)   the listener's own stdin: sent to every client (ncat does this too), unchanged with
//                         --broker and as "<user0> ..." with --chat (measured);
//     .size               clients connected now.
//   chatLine(user, bytes) / chat announcement texts: exported for tests.
//
// Facts measured on ncat 7.93 --chat: a newcomer makes everyone (itself included) receive
// "<announce> ADDR is connected as <userN>." then "<announce> already connected: ADDR as <userM>, ... ." (or
// "nobody."); a leaver makes the rest receive "<announce> <userN> is disconnected.". Each received chunk goes
// to the others as "<userN> " + text: one prefix per chunk as it was read, even when the chunk
// holds several lines (a line split over two reads gets two prefixes); bytes below 0x20 other than \t \r \n, and bytes 0x7f and above, become "\ooo" octal escapes.
// ncat's N is the client's file descriptor; ours is the lowest number not in use counting from `firstUser`
// (default 4: what ncat shows with one listening socket; pass 5 to match ncat listening on IPv4 and IPv6),
// so numbers are reused after a disconnect just as descriptors are.
import type { ByteStream } from "./stream.ts";

export interface BrokerOptions {
  /** --chat: nicknames, announcements and escaping */
  readonly chat: boolean;
  /** -m/--max-conns: clients beyond this are reset (ncat's default is 100) */
  readonly maxConns?: number;
  /** the first user number handed out (see the header) */
  readonly firstUser?: number;
}

export interface Broker {
  add(stream: ByteStream): boolean;
  broadcast(bytes: Uint8Array): void;
  readonly size: number;
}

interface Member {
  readonly stream: ByteStream;
  readonly user: number;
}

const encoder = new TextEncoder();

export const announceConnected = (address: string, user: number) => `<announce> ${address} is connected as <user${user}>.\n`;
export const announceDisconnected = (user: number) => `<announce> <user${user}> is disconnected.\n`;
export const announceAlready = (others: readonly { address: string; user: number }[]) =>
  `<announce> already connected: ${others.length === 0 ? "nobody" : others.map((o) => `${o.address} as <user${o.user}>`).join(", ")}.\n`;

/** One received chunk as the other chat members see it: one prefix per read, as ncat. */
export function chatLine(user: number, bytes: Uint8Array): Uint8Array {
  const prefix = `<user${user}> `;
  let out = prefix;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f)) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return encoder.encode(out);
}

/** The address a chat announcement shows for a peer. */
function addressOf(stream: ByteStream): string {
  return stream.peer.family === "unix" ? stream.peer.path || "localhost" : stream.peer.address;
}

export function createBroker(options: BrokerOptions): Broker {
  const members = new Map<ByteStream, Member>();
  const maxConns = options.maxConns ?? 100;
  const firstUser = options.firstUser ?? 4;

  const nextUser = (): number => {
    const used = new Set([...members.values()].map((m) => m.user));
    let n = firstUser;
    while (used.has(n)) n++;
    return n;
  };

  /** Queue bytes to one member; a member whose socket failed is dropped when its reader ends. */
  const sendTo = (m: Member, bytes: Uint8Array): void => {
    m.stream.write(bytes).catch(() => {});
  };
  const sendToAll = (bytes: Uint8Array, except?: Member): void => {
    for (const m of members.values()) if (m !== except) sendTo(m, bytes);
  };

  const serve = async (me: Member): Promise<void> => {
    try {
      for await (const chunk of me.stream.chunks()) {
        sendToAll(options.chat ? chatLine(me.user, chunk) : chunk, me);
      }
    } catch {
      /* a reset peer ends like a closed one */
    }
    members.delete(me.stream);
    if (options.chat) sendToAll(encoder.encode(announceDisconnected(me.user)));
    await me.stream.close(true).catch(() => {});
  };

  return {
    add(stream: ByteStream): boolean {
      if (members.size >= maxConns) {
        stream.reset();
        return false;
      }
      const me: Member = { stream, user: nextUser() };
      const others = [...members.values()]
        .map((m) => ({ address: addressOf(m.stream), user: m.user }))
        .sort((a, b) => a.user - b.user);
      members.set(stream, me);
      if (options.chat) {
        sendToAll(encoder.encode(announceConnected(addressOf(stream), me.user)));
        sendToAll(encoder.encode(announceAlready(others)));
      }
      void serve(me);
      return true;
    },
    broadcast(bytes: Uint8Array): void {
      // ncat's chat shows the listener's own input as <user0> (its stdin is descriptor 0), escaped like the rest.
      sendToAll(options.chat ? chatLine(0, bytes) : bytes);
    },
    get size(): number {
      return members.size;
    },
  };
}
