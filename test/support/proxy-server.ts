// A small SOCKS4/4a, SOCKS5 and HTTP CONNECT proxy on 127.0.0.1:0 for tests: can refuse, or demand a user/password.
import { createConnection, createServer } from "node:net";
import type { Server, Socket } from "node:net";

export interface ProxyRequest {
  readonly protocol: "socks4" | "socks4a" | "socks5" | "http";
  readonly host: string;
  readonly port: number;
  /** SOCKS4 user id, SOCKS5 user name, or the user of HTTP Basic credentials */
  readonly user?: string;
  readonly password?: string;
  /** HTTP only: the request line and headers as received */
  readonly head?: string;
}

export interface ProxyServerOptions {
  /** answer every connect request with a refusal (SOCKS4 0x5b, SOCKS5 `socks5Refusal`, HTTP 403) */
  refuse?: boolean;
  /** SOCKS5 reply code used when refusing (default 2, "connection not allowed by ruleset") */
  socks5Refusal?: number;
  /** demand these credentials (SOCKS5 user/password method, HTTP Proxy-Authorization: Basic) */
  auth?: { user: string; password: string };
}

export interface ProxyServer {
  readonly port: number;
  /** every connect request seen, in order */
  readonly requests: ProxyRequest[];
  stop(): Promise<void>;
}

/** Bytes from a socket on demand, with what is left over kept for the tunnel. */
function byteReader(socket: Socket) {
  let buf = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let ended = false;
  const onData = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    wake?.();
  };
  socket.on("data", onData);
  socket.on("end", () => ((ended = true), wake?.()));
  socket.on("close", () => ((ended = true), wake?.()));
  const need = async (n: number): Promise<void> => {
    while (buf.length < n) {
      if (ended) throw new Error("client went away");
      await new Promise<void>((r) => (wake = r));
    }
  };
  return {
    async take(n: number): Promise<Buffer> {
      await need(n);
      const out = buf.subarray(0, n);
      buf = buf.subarray(n);
      return out;
    },
    async peek(): Promise<number> {
      await need(1);
      return buf[0]!;
    },
    async until(delimiter: string): Promise<Buffer> {
      for (;;) {
        const at = buf.indexOf(delimiter);
        if (at >= 0) return this.take(at + delimiter.length);
        await need(buf.length + 1);
      }
    },
    /** Stop reading for the handshake and hand back what is buffered. */
    release(): Buffer {
      socket.off("data", onData);
      socket.pause();
      return buf;
    },
  };
}

type Reader = ReturnType<typeof byteReader>;

/** Connect to the target and splice both ways, first sending what the client already sent past its request. */
function tunnel(client: Socket, reader: Reader, host: string, port: number, onReady: () => void, onFail: () => void): void {
  const upstream = createConnection({ host, port, allowHalfOpen: true });
  upstream.once("connect", () => {
    onReady();
    const rest = reader.release();
    if (rest.length) upstream.write(rest);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  });
  upstream.once("error", () => {
    onFail();
    client.end();
  });
  client.on("error", () => upstream.destroy());
}

const cstring = async (r: Reader): Promise<string> => (await r.until("\0")).subarray(0, -1).toString("latin1");

async function serveSocks4(c: Socket, r: Reader, o: ProxyServerOptions, log: ProxyRequest[]): Promise<void> {
  const head = await r.take(8);
  const port = head.readUInt16BE(2);
  const ip = [...head.subarray(4, 8)].join(".");
  const user = await cstring(r);
  const is4a = head[4] === 0 && head[5] === 0 && head[6] === 0 && head[7] !== 0;
  const host = is4a ? await cstring(r) : ip;
  log.push({ protocol: is4a ? "socks4a" : "socks4", host, port, user });
  const reply = (code: number) => c.write(Buffer.from([0, code, 0, 0, 0, 0, 0, 0]));
  if (o.refuse || head[1] !== 1) return void (reply(0x5b), c.end());
  tunnel(c, r, host, port, () => reply(0x5a), () => reply(0x5b));
}

async function serveSocks5(c: Socket, r: Reader, o: ProxyServerOptions, log: ProxyRequest[]): Promise<void> {
  const [, count] = await r.take(2);
  const methods = [...(await r.take(count!))];
  const wanted = o.auth ? 2 : 0;
  if (!methods.includes(wanted)) return void c.end(Buffer.from([5, 0xff]));
  c.write(Buffer.from([5, wanted]));
  let user: string | undefined;
  let password: string | undefined;
  if (o.auth) {
    const [, ulen] = await r.take(2);
    user = (await r.take(ulen!)).toString("latin1");
    const [plen] = await r.take(1);
    password = (await r.take(plen!)).toString("latin1");
    const ok = user === o.auth.user && password === o.auth.password;
    c.write(Buffer.from([1, ok ? 0 : 1]));
    if (!ok) return void c.end();
  }
  const [, cmd, , atyp] = await r.take(4);
  let host: string;
  if (atyp === 1) host = [...(await r.take(4))].join(".");
  else if (atyp === 3) host = (await r.take((await r.take(1))[0]!)).toString("latin1");
  else {
    const b = await r.take(16);
    host = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(":");
  }
  const port = (await r.take(2)).readUInt16BE(0);
  log.push({ protocol: "socks5", host, port, user, password });
  const reply = (code: number) => c.write(Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]));
  if (o.refuse || cmd !== 1) return void (reply(o.socks5Refusal ?? 2), c.end());
  tunnel(c, r, host, port, () => reply(0), () => reply(5));
}

async function serveHttp(c: Socket, r: Reader, o: ProxyServerOptions, log: ProxyRequest[]): Promise<void> {
  const head = (await r.until("\r\n\r\n")).toString("latin1");
  const m = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]\r\n/.exec(head) ?? /^CONNECT \[([^\]]+)\]:(\d+) HTTP\/1\.[01]\r\n/.exec(head);
  const creds = /\r\nProxy-Authorization: Basic (\S+)\r\n/i.exec(head);
  const [user, password] = creds ? Buffer.from(creds[1]!, "base64").toString("latin1").split(/:(.*)/s) : [];
  const host = (m?.[1] ?? "").replace(/^\[|\]$/g, "");
  const port = Number(m?.[2] ?? 0);
  log.push({ protocol: "http", host, port, user, password, head });
  if (!m) return void c.end("HTTP/1.0 400 Bad Request\r\n\r\n");
  if (o.auth && (user !== o.auth.user || password !== o.auth.password)) {
    return void c.end('HTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="tsnet"\r\n\r\n');
  }
  if (o.refuse) return void c.end("HTTP/1.0 403 Forbidden\r\n\r\n");
  tunnel(c, r, host, port, () => c.write("HTTP/1.0 200 Connection established\r\n\r\n"), () => c.end("HTTP/1.0 502 Bad Gateway\r\n\r\n"));
}

/** Start the proxy; it speaks whichever protocol the client's first byte announces. */
export async function startProxyServer(o: ProxyServerOptions = {}): Promise<ProxyServer> {
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (c) => {
    sockets.add(c);
    c.on("close", () => sockets.delete(c));
    c.on("error", () => {});
    const r = byteReader(c);
    void (async () => {
      const first = await r.peek();
      if (first === 4) await serveSocks4(c, r, o, requests);
      else if (first === 5) await serveSocks5(c, r, o, requests);
      else await serveHttp(c, r, o, requests);
    })().catch(() => c.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy did not bind");
  return {
    port: address.port,
    requests,
    stop: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
