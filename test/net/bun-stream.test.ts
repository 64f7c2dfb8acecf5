// BunSocketStream: byte-exact transfer with backpressure, half-close in both directions, adopted libc fds.
import { describe, expect, test } from "bun:test";
import { BunSocketStream, streamHandlers, unmapAddress } from "../../lib/net/bun-stream.ts";
import { dialTcp } from "../../lib/net/dial.ts";
import { withPrefix } from "../../lib/net/prefixed-stream.ts";
import type { ByteStream } from "../../lib/net/stream.ts";

async function collect(s: ByteStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of s.chunks()) parts.push(new Uint8Array(c));
  return Buffer.concat(parts);
}

function listen(onStream: (s: BunSocketStream) => void) {
  return Bun.listen<BunSocketStream>({ hostname: "127.0.0.1", port: 0, allowHalfOpen: true, socket: streamHandlers(onStream) });
}

describe("BunSocketStream", () => {
  test("8 MiB each way, FIN after the last byte, replies after the peer's FIN still arrive", async () => {
    const data = new Uint8Array(8 << 20);
    for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
    let serverGot: Promise<Uint8Array> | undefined;
    const l = listen((s) => {
      serverGot = (async () => {
        const got = await collect(s); // ends at the client's FIN
        await s.write(got); // half-open: we may still answer
        await s.shutdownWrite();
        return got;
      })();
    });
    const c = await dialTcp({ address: "127.0.0.1", family: "IPv4" }, l.port, { tuning: {} });
    const echoed = collect(c);
    await c.write(data);
    await c.shutdownWrite();
    const back = await echoed;
    expect((await serverGot!).length).toBe(data.length);
    expect(Buffer.compare(back, data)).toBe(0);
    await c.close();
    l.stop(true);
  });

  test("a libc socket (source address chosen) adopted by Bun works the same", async () => {
    let peer = "";
    const l = listen((s) => {
      peer = s.peer.address;
      void (async () => {
        await s.write(await collect(s));
        await s.shutdownWrite();
      })();
    });
    const c = await dialTcp({ address: "127.0.0.1", family: "IPv4" }, l.port, { sourceAddr: "127.0.0.3", tuning: {} });
    const got = collect(c);
    await c.write(new TextEncoder().encode("adopted"));
    await c.shutdownWrite();
    expect(new TextDecoder().decode(await got)).toBe("adopted");
    expect(peer).toBe("127.0.0.3");
    expect(c.local.address).toBe("127.0.0.3");
    l.stop(true);
  });

  test("withPrefix yields the saved bytes first", async () => {
    const l = listen((s) => void s.write(new TextEncoder().encode("rest")).then(() => s.shutdownWrite()));
    const c = await dialTcp({ address: "127.0.0.1", family: "IPv4" }, l.port, { tuning: {} });
    expect(new TextDecoder().decode(await collect(withPrefix(c, new TextEncoder().encode("head-"))))).toBe("head-rest");
    l.stop(true);
  });

  test("unmapAddress", () => {
    expect(unmapAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(unmapAddress("::1")).toBe("::1");
  });
});
