// HTTP against real tshark: crafted requests and responses in single segments, and a live GET to Bun.serve on loopback.
import { expect, afterAll } from "bun:test";
import { rmSync } from "node:fs";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { writeTestPcap } from "./udp-pcap.ts";
import { captureLoopback } from "./live-capture.ts";
import { dissectAll } from "../format/render-harness.ts";
import { treeText } from "../../lib/format/tree-text.ts";
import { treeBlocks, tshark } from "../format/tshark-oracle.ts";

const env = { TZ: "UTC" };
const text = (s: string) => new Uint8Array(Buffer.from(s));
const tcp = (src: string, sport: number, dst: string, dport: number, s: string) => ({ proto: "tcp" as const, src, dst, sport, dport, payload: text(s), seq: 1 });
const body = "<html>hi</html>\n";
const path = writeTestPcap("http-test", [
  tcp("127.0.0.1", 40000, "127.0.0.2", 80, "GET /index.html?x=1&y=2 HTTP/1.1\r\nHost: lab.example:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nCookie: a=1; b=2\r\nX-Custom: yes\r\n\r\n"),
  tcp("127.0.0.2", 80, "127.0.0.1", 40000, `HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nContent-type: text/html\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
  tcp("127.0.0.1", 40005, "127.0.0.2", 8080, "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n"),
  tcp("127.0.0.2", 8080, "127.0.0.1", 40005, "HTTP/1.1 404 Not Found\r\nContent-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\nabc"),
  tcp("127.0.0.1", 40006, "127.0.0.2", 80, "HEAD / HTTP/1.0\r\n\r\n"),
]);
afterAll(() => rmSync(path, { force: true }));

const FIELDS = ["http.request.method", "http.request.uri", "http.request.version", "http.host", "http.user_agent", "http.cookie_pair", "http.response.code", "http.response.phrase", "http.content_type", "http.content_length", "http.request.full_uri", "http.request_in", "http.time"];

async function sameAsTshark(file: string, extra: string[] = []): Promise<void> {
  for (const args of [["-r", file, ...extra], ["-r", file, ...extra, "-T", "fields", ...FIELDS.flatMap((f) => ["-e", f])]]) {
    const [theirs, mine] = await Promise.all([tshark(args), run([...ours("tsshark"), ...args], { env })]);
    expect(mine.out).toBe(theirs);
  }
  const theirs = treeBlocks(await tshark(["-r", file, ...extra, "-V"]), "Hypertext Transfer Protocol");
  const mine = treeBlocks((await dissectAll(file, extra.length ? [extra[1]!] : [])).map((p) => treeText(p)).join("\n"), "Hypertext Transfer Protocol");
  expect(mine).toEqual(theirs);
}

const crafted = needs("tool:tshark");
crafted.describe("HTTP matches tshark", () => {
  crafted.test("requests, responses, two requests in one segment, text and binary bodies", () => sameAsTshark(path));
});

const live = needs("tool:tshark", "tool:tcpdump", "root");
live.describe("HTTP captured on loopback", () => {
  live.test("a GET to Bun.serve", async () => {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("hello from bun\n", { headers: { "content-type": "text/plain" } }) });
    const port = server.port!;
    let file = "";
    try {
      file = await captureLoopback("http-live", port, async () => {
        const r = await fetch(`http://127.0.0.1:${port}/lab?q=1`, { headers: { "user-agent": "tsnet-test" } });
        expect(await r.text()).toBe("hello from bun\n");
      });
      await sameAsTshark(file, ["-d", `tcp.port==${port},http`]);
    } finally {
      server.stop(true);
      if (file) rmSync(file, { force: true });
    }
  }, 30_000);
});
