// --broker and --chat: pass-through, max clients, numbering, and the same transcripts as real ncat --chat.
import { describe, expect, test } from "bun:test";
import { announceAlready, chatLine, createBroker } from "../../lib/net/broker.ts";
import type { BrokerOptions } from "../../lib/net/broker.ts";
import type { ByteStream } from "../../lib/net/stream.ts";
import { needs } from "../support/needs.ts";
import { freePort, start, waitFor } from "../support/proc.ts";
import { connectStream, listenStreams } from "../support/loopback-streams.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

/** A client that records everything it receives. */
async function client(port: number) {
  const stream = await connectStream(port);
  const got: number[] = [];
  const done = (async () => {
    for await (const c of stream.chunks()) got.push(...c);
  })();
  return {
    stream,
    text: () => Buffer.from(got).toString("latin1"),
    async waitText(part: string) {
      await waitFor(() => Buffer.from(got).toString("latin1").includes(part), 5000, JSON.stringify(part));
    },
    async leave() {
      await stream.shutdownWrite();
      await stream.close();
      await done;
    },
  };
}

/** Our hub on a loopback listener. */
function ourHub(o: BrokerOptions) {
  const server = listenStreams();
  const broker = createBroker(o);
  let running = true;
  void (async () => {
    while (running) broker.add(await server.accept());
  })();
  return {
    port: server.port,
    broker,
    stop() {
      running = false;
      server.stop();
    },
  };
}

describe("chat texts", () => {
  test("one prefix per chunk (as ncat: measured with single writes), octal escapes, \\t \\r \\n kept", () => {
    expect(text(chatLine(4, bytes("a\nb\n")))).toBe("<user4> a\nb\n");
    expect(text(chatLine(4, bytes("nonl")))).toBe("<user4> nonl");
    expect(text(chatLine(5, Uint8Array.from([0x63, 1, 0x1b, 0x7f, 0xc3, 9, 13, 10])))).toBe("<user5> c\\001\\033\\177\\303\t\r\n");
    expect(announceAlready([])).toBe("<announce> already connected: nobody.\n");
  });
});

describe("broker", () => {
  test("every client's data goes to all the others, not back to itself; stdin goes to all", async () => {
    const hub = ourHub({ chat: false });
    const [a, b, c] = [await client(hub.port), await client(hub.port), await client(hub.port)];
    await waitFor(() => hub.broker.size === 3);
    await a.stream.write(bytes("to everyone\n"));
    await b.waitText("to everyone\n");
    await c.waitText("to everyone\n");
    hub.broker.broadcast(bytes("from the server\n"));
    await a.waitText("from the server\n");
    await c.waitText("from the server\n");
    expect(a.text()).toBe("from the server\n");
    for (const x of [a, b, c]) await x.leave();
    await waitFor(() => hub.broker.size === 0);
    hub.stop();
  });
  test("clients beyond maxConns are reset", async () => {
    const hub = ourHub({ chat: false, maxConns: 1 });
    const a = await client(hub.port);
    await waitFor(() => hub.broker.size === 1);
    const extra = await connectStream(hub.port);
    expect(await extra.closed).toBeDefined();
    expect(hub.broker.size).toBe(1);
    await a.leave();
    hub.stop();
  });
  test("--chat: the listener's stdin goes out as <user0>, as ncat", async () => {
    const hub = ourHub({ chat: true });
    const a = await client(hub.port);
    await a.waitText("nobody.\n");
    hub.broker.broadcast(bytes("from server stdin\n"));
    await a.waitText("<user0> from server stdin\n");
    await a.leave();
    hub.stop();
  });
  test("user numbers start at firstUser and are reused like descriptors", async () => {
    const hub = ourHub({ chat: true, firstUser: 5 });
    const a = await client(hub.port);
    await a.waitText("as <user5>.");
    const b = await client(hub.port);
    await b.waitText("as <user6>.");
    await a.leave();
    await b.waitText("<user5> is disconnected.");
    const c = await client(hub.port);
    await c.waitText("already connected: 127.0.0.1 as <user6>.");
    expect(c.text()).toContain("is connected as <user5>.");
    await b.leave();
    await c.leave();
    hub.stop();
  });
});

/** One scripted chat session against a hub on `port`; returns what each client received. */
async function chatScript(port: number, serverSays: (text: string) => void): Promise<[string, string, string]> {
  const one = await client(port);
  await one.waitText("already connected: nobody.\n");
  const two = await client(port);
  await two.waitText("already connected: 127.0.0.1 as <user4>.\n");
  await one.waitText("already connected: 127.0.0.1 as <user4>.\n");
  await one.stream.write(bytes("hi all\n"));
  await two.waitText("> hi all\n");
  await two.stream.write(Uint8Array.from([...bytes("ctl"), 1, 0x1b, ...bytes("[31mx"), 0x7f, 0xc3, 0xa9, ...bytes("\ttab\r\nsecond\n")]));
  await one.waitText("\nsecond\n");
  serverSays("from the listener\n");
  await one.waitText("from the listener\n");
  await two.waitText("from the listener\n");
  const three = await client(port);
  await three.waitText("<user5>.\n");
  // everyone has the newcomer's announcements before anyone leaves, so the transcripts do not race
  await one.waitText("<user4>, 127.0.0.1 as <user5>.\n");
  await two.waitText("<user4>, 127.0.0.1 as <user5>.\n");
  await two.leave();
  await one.waitText("<user5> is disconnected.\n");
  await three.waitText("<user5> is disconnected.\n");
  await three.leave();
  await one.waitText("<user6> is disconnected.\n");
  const texts: [string, string, string] = [one.text(), two.text(), three.text()];
  await one.leave();
  return texts;
}

const ncat = needs("tool:ncat");
ncat.describe("against real ncat --chat", () => {
  test("the same script gives the same transcripts", async () => {
    const port = await freePort();
    const real = start(["ncat", "-l", "--chat", "127.0.0.1", String(port)], { stdin: "pipe" });
    const stdin = real.proc.stdin as import("bun").FileSink;
    let theirs: [string, string, string];
    try {
      // A chat hub keeps listening, so a probe connection only shows up as one extra join/leave: wait for the port instead.
      await waitFor(async () => (await Bun.$`ss -Hltn sport = :${port}`.quiet().nothrow()).stdout.length > 0, 5000, "ncat listening");
      theirs = await chatScript(port, (t) => {
        stdin.write(t);
        void stdin.flush();
      });
    } finally {
      await real.stop();
    }
    const hub = ourHub({ chat: true });
    try {
      expect(await chatScript(hub.port, (t) => hub.broker.broadcast(bytes(t)))).toEqual(theirs);
    } finally {
      hub.stop();
    }
  }, 20000);
});
