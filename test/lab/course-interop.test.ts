// The course's Python programs and echo-lab, in both directions: a program's output must not change when its peer is echo-lab.
import { afterAll, beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort, run } from "../support/proc.ts";
import { course, lab, startServer, type Server } from "./lab-process.ts";

const { describe, test } = needs("tool:python3");
const SENTENCE = "hello from the course\n";

describe("TCP with the course's programs", () => {
  let py: Server, ours: Server;
  beforeAll(async () => {
    const port = await freePort();
    py = await startServer(course("TCPServer.py", String(port)), port);
    ours = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
  });
  afterAll(async () => {
    await py?.stop();
    await ours?.stop();
  });

  test("the course's client prints the same against echo-lab as against the course's server", async () => {
    const a = await run(course("TCPClient.py", "127.0.0.1", String(py.port)), { stdin: SENTENCE });
    const b = await run(course("TCPClient.py", "127.0.0.1", String(ours.port)), { stdin: SENTENCE });
    expect(a.out).toBe("Input lowercase sentence:From Server:  HELLO FROM THE COURSE\n");
    expect(b.out).toBe(a.out);
    expect([b.code, b.stderr]).toEqual([a.code, a.stderr]);
  });

  test("echo-lab's client prints the same against the course's server as against its own, one connection per line", async () => {
    const lines = "first line\nsecond line\n";
    const a = await run(lab("tcp-client", "127.0.0.1", String(py.port)), { stdin: lines });
    const b = await run(lab("tcp-client", "127.0.0.1", String(ours.port)), { stdin: lines });
    expect(a.out).toBe("From Server: FIRST LINE\nFrom Server: SECOND LINE\n");
    expect(b.out).toBe(a.out);
    expect([a.code, b.code]).toEqual([0, 0]);
  });

  test("the server prints the course's ready line", () => {
    expect(ours.out()).toBe("The server is ready to receive\n");
    expect(py.out()).toBe(ours.out());
  });
});

describe("UDP with the course's programs", () => {
  let py: Server, ours: Server;
  beforeAll(async () => {
    const port = await freePort();
    py = await startServer(course("UDPServer.py", String(port)), port);
    ours = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1"));
  });
  afterAll(async () => {
    await py?.stop();
    await ours?.stop();
  });

  test("the course's UDP client prints the same against echo-lab", async () => {
    const a = await run(course("UDPClient.py", "127.0.0.1", String(py.port)), { stdin: SENTENCE });
    const b = await run(course("UDPClient.py", "127.0.0.1", String(ours.port)), { stdin: SENTENCE });
    expect(a.out).toBe("Input lowercase sentence:HELLO FROM THE COURSE\n");
    expect(b.out).toBe(a.out);
  });

  test("echo-lab's UDP client (plain and --reliable) against the course's server and its own", async () => {
    for (const extra of [[], ["--reliable"]]) {
      const a = await run(lab("udp-client", "127.0.0.1", String(py.port), ...extra), { stdin: "abc\nxyz\n" });
      const b = await run(lab("udp-client", "127.0.0.1", String(ours.port), ...extra), { stdin: "abc\nxyz\n" });
      expect(a.out).toBe("From Server: ABC\nFrom Server: XYZ\n");
      expect(b.out).toBe(a.out);
    }
  });
});

describe("the course's echo programs", () => {
  test("the course's echo client against echo-lab --mode echo, and echo-lab's client against the course's echo server", async () => {
    const ours = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--mode", "echo"));
    const port = await freePort();
    const py = await startServer(course("EchoServer.py", String(port)), port);
    try {
      const a = await run(course("EchoClient.py", "127.0.0.1", String(ours.port)), { stdin: "one\ntwo\n" });
      expect(a.out).toBe("Received: one\nReceived: two\n");
      const b = await run(lab("tcp-client", "127.0.0.1", String(py.port)), { stdin: "one\ntwo\n" });
      expect(b.out).toBe("From Server: one\nFrom Server: two\n");
    } finally {
      await ours.stop();
      await py.stop();
    }
  });
});
