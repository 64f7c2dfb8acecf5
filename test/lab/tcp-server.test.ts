// echo-lab's TCP server and client: concurrency, --sequential, framing under --chunk 1, long lines, binary data, --trace.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Socket } from "bun";
import { run } from "../support/proc.ts";
import { lab, startServer, type Server } from "./lab-process.ts";

/** A raw client in the test process: sends bytes, collects everything until the server closes or `until` holds. */
async function exchange(port: number, send: Uint8Array, until: (got: Uint8Array) => boolean, halfClose = false): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const all = () => {
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) (out.set(p, off), (off += p.length));
    return out;
  };
  let pending = send;
  const pump = (s: Socket<undefined>) => {
    while (pending.length) {
      const n = s.write(pending);
      if (n <= 0) return;
      pending = pending.subarray(n);
    }
    if (halfClose) s.shutdown();
  };
  const s = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    allowHalfOpen: true,
    socket: {
      data(sock, d) {
        parts.push(new Uint8Array(d));
        total += d.length;
        if (until(all())) {
          sock.end();
          done();
        }
      },
      drain: (sock) => pump(sock),
      close: () => done(),
      error: () => done(),
    },
  });
  pump(s);
  await finished;
  return all();
}

const text = (u: Uint8Array) => new TextDecoder().decode(u);
const bytes = (t: string) => new TextEncoder().encode(t);

describe("concurrent server", () => {
  let srv: Server;
  beforeAll(async () => {
    srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "line"));
  });
  afterAll(() => srv?.stop());

  test("50 clients at once each get their own reply", async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => exchange(srv.port, bytes(`client number ${i}\n`), (g) => g.includes(0x0a)).then(text)),
    );
    expect(replies).toEqual(Array.from({ length: 50 }, (_, i) => `CLIENT NUMBER ${i}\n`));
  });

  test("binary and invalid UTF-8 pass through as bytes; only a-z change", async () => {
    const raw = Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0x0a);
    const got = await exchange(srv.port, new Uint8Array([...raw, 0x0a]), (g) => g.length >= raw.length + 1);
    const expected = [...raw].map((b) => (b >= 0x61 && b <= 0x7a ? b - 32 : b));
    expect([...got]).toEqual([...expected, 0x0a]);
  });

  test("echo-lab's client passes binary lines through to stdout untouched", async () => {
    const line = new Uint8Array([0x80, 0xff, 0x00, 0x61, 0xc3, 0x28, 0x7a]);
    const r = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "line"), { stdin: new Uint8Array([...line, 0x0a]) });
    const head = [...bytes("From Server: ")];
    expect([...r.stdout]).toEqual([...head, 0x80, 0xff, 0x00, 0x41, 0xc3, 0x28, 0x5a, 0x0a]);
  });

  test("10 MB with no newline in line mode: bounded pieces, a clear warning, not a byte lost", async () => {
    const size = 10 * 1024 * 1024;
    const got = await exchange(srv.port, new Uint8Array(size).fill(0x61), (g) => g.length >= size, true);
    expect(got.length).toBe(size);
    expect(got.every((b) => b === 0x41)).toBe(true);
    expect(srv.err()).toContain("sent more than --max-line 65536 bytes without a newline; passing it on in 65536-byte pieces");
  });
});

describe("--sequential", () => {
  test("a second client is connected but served only after the first leaves", async () => {
    const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "line", "--sequential", "--trace"));
    try {
      const events: string[] = [];
      const mk = (name: string) =>
        Bun.connect({ hostname: "127.0.0.1", port: srv.port, allowHalfOpen: true, socket: { data: (_s, d) => void events.push(`${name}:${text(new Uint8Array(d)).trim()}`) } });
      const a = await mk("a");
      a.write("one\n");
      await waitUntil(() => events.includes("a:ONE"));
      const b = await mk("b");
      b.write("from b\n");
      a.write("two\n");
      await waitUntil(() => events.includes("a:TWO"));
      expect(events).toEqual(["a:ONE", "a:TWO"]);
      a.end();
      await waitUntil(() => events.includes("b:FROM B"));
      expect(events).toEqual(["a:ONE", "a:TWO", "b:FROM B"]);
      expect(srv.err()).toContain("waits: --sequential serves conn#1 first");
      expect(srv.err()).toContain(`accept() -> conn#2 ('127.0.0.1', ${b.localPort})  the next client's turn; it waited in the listen queue`);
      b.end();
    } finally {
      await srv.stop();
    }
  });
});

async function waitUntil(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !cond(); i++) await Bun.sleep(20);
  if (!cond()) throw new Error("condition never held");
}

describe("framing under --chunk 1", () => {
  for (const framing of ["line", "length"]) {
    test(`--framing ${framing}: messages split into 1-byte recv calls still come out whole`, async () => {
      const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", framing, "--chunk", "1", "--trace"));
      try {
        const r = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", framing, "--chunk", "1", "--trace"), { stdin: "hello\nworld\n" });
        expect(r.out).toBe("From Server: HELLO\nFrom Server: WORLD\n");
        expect(r.code).toBe(0);
        expect(r.stderr).toContain("recv(1) -> 1 byte");
        expect(r.stderr).toContain("message complete: b'HELLO'");
        await Bun.sleep(0);
        expect(srv.err()).toContain("recv(1) -> 1 byte");
        expect(srv.err()).toContain("the message is not complete yet");
      } finally {
        await srv.stop();
      }
    });
  }

  test("--hex shows the length prefix in network byte order", async () => {
    const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "length"));
    try {
      const r = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "length", "--hex", "--message", "hello"));
      expect(r.out).toBe("From Server: HELLO\n");
      expect(r.stderr).toContain("00000000  00 00 00 05 68 65 6c 6c  6f");
      expect(r.stderr).toContain("length prefix 00 00 00 05 = 5: big-endian (network byte order)");
    } finally {
      await srv.stop();
    }
  });

  test("a text client against a length-framed server gets a lesson, not a hang", async () => {
    const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "length"));
    try {
      const r = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--message", "hello there"));
      expect(r.code).toBe(1);
      expect(srv.err()).toContain("announced a 1751477356-byte message (prefix b'hell'), over --max-line 65536");
    } finally {
      await srv.stop();
    }
  });
});

describe("--trace", () => {
  test("names every socket call of the lecture's diagram with the real values", async () => {
    const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--trace"));
    try {
      const r = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--trace", "--message", "hello"));
      expect(r.out).toBe("From Server: HELLO\n");
      const client = r.stderr;
      expect(client).toContain("socket(AF_INET, SOCK_STREAM)");
      expect(client).toContain(`connect(('127.0.0.1', ${srv.port})) -> connected from ('127.0.0.1', `);
      expect(client).toContain("send(b'hello') -> 5 bytes");
      expect(client).toContain("recv(1024) -> 5 bytes b'HELLO'");
      expect(client).toContain("close()");
      for (let i = 0; i < 100 && !srv.err().includes("conn#1   close()"); i++) await Bun.sleep(20);
      const server = srv.err();
      expect(server).toContain("server   socket(AF_INET, SOCK_STREAM) -> listening socket");
      expect(server).toContain("server   bind(('127.0.0.1', 0)) -> port");
      expect(server).toContain("server   listen()");
      expect(server).toMatch(/server {3}accept\(\) -> conn#1 \('127\.0\.0\.1', \d+\)  a new connection socket for this client; the listening socket stays open/);
      expect(server).toContain("conn#1   recv(1024) -> 5 bytes b'hello'");
      expect(server).toContain("conn#1   send(b'HELLO') -> 5 bytes");
      expect(server).toContain("conn#1   recv(1024) -> 0 bytes b''  the client closed its side (FIN)");
      expect(server).toContain("conn#1   close()  connection socket closed; the listening socket stays open");
    } finally {
      await srv.stop();
    }
  });
});

describe("modes", () => {
  test("echo, reverse, daytime, discard", async () => {
    const go = async (mode: string, msg: string) => {
      const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--mode", mode, "--framing", "line"));
      try {
        return await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "line", "--message", msg, "--timeout", "0.5"));
      } finally {
        await srv.stop();
      }
    };
    expect((await go("echo", "Hello")).out).toBe("From Server: Hello\n");
    expect((await go("reverse", "héllo")).out).toBe("From Server: olléh\n");
    expect((await go("daytime", "x")).out).toMatch(/^From Server: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\r\n$/);
    const discard = await go("discard", "x");
    expect(discard.code).toBe(1);
    expect(discard.stderr).toContain("within 0.5 s");
  });
});
