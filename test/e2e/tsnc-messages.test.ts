// tsnc vs nc 1.219: the same stderr lines and exit codes for every refusal, bad value and bad combination.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { freePort } from "../support/proc.ts";
import { asNc, both, tcpPeer } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc");

describe("tsnc messages match nc's", () => {
  const cases: [string, string[]][] = [
    ["refused, quiet", ["127.0.0.1", "1"]],
    ["refused, -v", ["-v", "127.0.0.1", "1"]],
    ["refused by name", ["-v", "localhost", "1"]],
    ["refused with -n", ["-vn", "127.0.0.1", "1"]],
    ["-z over a closed range", ["-zv", "127.0.0.1", "1-3"]],
    ["-z reversed range", ["-zv", "127.0.0.1", "3-1"]],
    ["-z several ports", ["-zv", "127.0.0.1", "1", "3"]],
    ["unknown host with -n", ["-n", "nosuchhost", "80"]],
    ["unknown host", ["-v", "nosuchhost.invalid", "80"]],
    ["-4 with an IPv6 literal", ["-4", "::1", "1"]],
    ["-6 with an IPv4 literal", ["-v", "-6", "127.0.0.1", "1"]],
    ["port too large", ["127.0.0.1", "99999"]],
    ["port too small", ["127.0.0.1", "0"]],
    ["port invalid", ["127.0.0.1", "foo-bar"]],
    ["range end invalid", ["-z", "127.0.0.1", "5-"]],
    ["range with a service", ["-z", "127.0.0.1", "1-ftp"]],
    ["unknown flag", ["-Q", "127.0.0.1", "1"]],
    ["missing value", ["127.0.0.1", "1", "-w"]],
    ["missing port", ["127.0.0.1"]],
    ["bare", []],
    ["-l without port", ["-l"]],
    ["-l with -z", ["-lz", "1234"]],
    ["-k without -l", ["-k", "127.0.0.1", "1"]],
    ["-l with -p and a port", ["-l", "-p", "1234", "5678"]],
    ["-l with -s and a port", ["-l", "-s", "127.0.0.1", "40125"]],
    ["-l with three args", ["-l", "127.0.0.1", "1", "2"]],
    ["-U without path", ["-lU"]],
    ["-U with a port", ["-U", "a", "b"]],
    ["-U path missing", ["-U", "/tmp/tsnc-no-such-socket"]],
    ["-F with -U", ["-F", "-U", "/tmp/x"]],
    ["-x with -u", ["-x", "127.0.0.1", "-u", "127.0.0.1", "1"]],
    ["-x with -l", ["-l", "-x", "127.0.0.1", "1"]],
    ["-x with -U", ["-U", "-x", "127.0.0.1", "/tmp/x"]],
    ["-x with -s", ["-s", "127.0.0.1", "-x", "127.0.0.1:1", "127.0.0.1", "2"]],
    ["-X bad", ["-X", "7", "h", "1"]],
    ["-T bad", ["-T", "bogus", "h", "1"]],
    ["-T too big", ["-T", "300", "h", "1"]],
    ["-M too large", ["-M", "300", "h", "1"]],
    ["-M invalid", ["-M", "abc", "h", "1"]],
    ["-m too large", ["-m", "256", "h", "1"]],
    ["-I invalid", ["-I", "abc", "h", "1"]],
    ["-I too small", ["-I", "0", "h", "1"]],
    ["-O too large", ["-O", "99999999999", "h", "1"]],
    ["-i invalid", ["-i", "abc", "h", "1"]],
    ["-q invalid", ["-q", "abc", "h", "1"]],
    ["-w invalid", ["-w", "abc", "h", "1"]],
    ["-w negative", ["-w", "-1", "h", "1"]],
    ["-W too small", ["-W", "0", "h", "1"]],
    ["-V", ["-V", "1", "h", "1"]],
    ["bind to a foreign source address", ["-s", "10.9.9.9", "127.0.0.1", "1"]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const { theirs, mine } = await both(args);
      expect(asNc(mine.stderr)).toBe(theirs.stderr);
      expect(mine.code).toBe(theirs.code);
    });
  }

  test("-h prints help on stderr and exits 0", async () => {
    const { theirs, mine } = await both(["-h"]);
    expect(mine.code).toBe(theirs.code);
    expect(mine.out).toBe("");
    for (const flag of ["-q secs", "-x addr[:port]", "--exec", "--json", "--ssl", "--broker", "--max-conns"]) expect(mine.stderr).toContain(flag);
  });

  test("connect succeeded, with and without names, and a known service", async () => {
    const peer = tcpPeer({ closeOnEof: true });
    try {
      for (const args of [["-zv", "127.0.0.1", `${peer.port}`], ["-zv", "localhost", `${peer.port}`], ["-zvn", "127.0.0.1", `${peer.port}`]]) {
        const { theirs, mine } = await both(args);
        expect(asNc(mine.stderr)).toBe(theirs.stderr);
        expect(mine.code).toBe(theirs.code);
      }
    } finally {
      peer.stop();
    }
  });

  test("-z over a range with one open port in the middle", async () => {
    const peer = tcpPeer();
    try {
      const args = ["-zv", "127.0.0.1", `${peer.port - 1}-${peer.port + 1}`];
      const { theirs, mine } = await both(args);
      expect(asNc(mine.stderr)).toBe(theirs.stderr);
      expect(mine.code).toBe(theirs.code);
      const quiet = await both(["-z", "127.0.0.1", `${peer.port - 1}-${peer.port + 1}`]);
      expect(quiet.mine.stderr).toBe(quiet.theirs.stderr);
      expect(quiet.mine.code).toBe(0);
    } finally {
      peer.stop();
    }
  });

  test("listening on a port in use", async () => {
    const peer = tcpPeer();
    try {
      for (const args of [["-l", "127.0.0.1", `${peer.port}`], ["-lv", "-p", `${peer.port}`]]) {
        const { theirs, mine } = await both(args, { timeoutMs: 3000 });
        expect(asNc(mine.stderr)).toBe(theirs.stderr);
        expect(mine.code).toBe(theirs.code);
      }
    } finally {
      peer.stop();
    }
  });

  test("-U to a file that is not a listening socket", async () => {
    const { writeFileSync, rmSync } = await import("node:fs");
    const path = `/tmp/tsnc-test-${process.pid}-plain`;
    writeFileSync(path, "");
    try {
      for (const args of [["-U", path], ["-vU", path], ["-uU", path]]) {
        const { theirs, mine } = await both(args, { timeoutMs: 3000 });
        expect(asNc(mine.stderr)).toBe(theirs.stderr);
        expect(mine.code).toBe(theirs.code);
      }
    } finally {
      rmSync(path, { force: true });
    }
  });

  test("the refused hint is a second line, only with -v", async () => {
    const port = await freePort();
    const { mine } = await both(["-v", "127.0.0.1", `${port}`]);
    const lines = mine.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`tsnc: connect to 127.0.0.1 port ${port} (tcp) failed: Connection refused`);
    expect(lines[1]).toContain("tsss -ltn");
  });
});

describe("connect timeout", () => {
  const py = needs("tool:nc", "tool:python3");
  py.test("-w 1 against a listener with a full backlog: nc's text and rc, quiet without -v", async () => {
    const { join } = await import("node:path");
    const srv = Bun.spawn(["python3", join(import.meta.dir, "..", "net", "fixtures", "full-backlog.py"), "8"], { stdout: "pipe" });
    const reader = srv.stdout.getReader();
    const port = new TextDecoder().decode((await reader.read()).value).trim();
    try {
      for (const args of [["-v", "-w", "1", "127.0.0.1", port], ["-w", "1", "127.0.0.1", port], ["-v", "-w", "1", "-T", "lowdelay", "127.0.0.1", port]]) {
        const { theirs, mine } = await both(args, { timeoutMs: 5000 });
        expect(asNc(mine.stderr)).toBe(theirs.stderr);
        expect(mine.code).toBe(theirs.code);
      }
    } finally {
      srv.kill();
      await srv.exited;
    }
  }, 20_000);
});
