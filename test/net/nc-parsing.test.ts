// Unit tests for tsnc's parsers: options, ports, TOS keywords, CRLF, TELNET refusals, sockaddr encoding.
import { describe, expect, test } from "bun:test";
import { parseNcArgs, parseNcatTime, strtonum } from "../../lib/net/nc-options.ts";
import { parsePortArgs } from "../../lib/net/ports.ts";
import { parseTos } from "../../lib/net/tos.ts";
import { crlfConverter } from "../../lib/net/crlf.ts";
import { telnetReplies } from "../../lib/net/telnet.ts";
import { decodeSockaddr, ipv6Bytes, sockaddrIp, sockaddrUnix } from "../../lib/net/sockaddr.ts";
import { ToolError } from "../../lib/cli/error.ts";

const run = (...argv: string[]) => {
  const c = parseNcArgs(argv);
  if (c.kind !== "run") throw new Error(c.kind);
  return c.options;
};
const msg = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ToolError).message;
  }
  return "no error";
};

describe("options", () => {
  test("strtonum words its errors like OpenBSD", () => {
    expect(strtonum("12", 1, 20)).toEqual({ value: 12 });
    expect(strtonum("x", 1, 20)).toEqual({ error: "invalid" });
    expect(strtonum("0", 1, 20)).toEqual({ error: "too small" });
    expect(strtonum("21", 1, 20)).toEqual({ error: "too large" });
  });
  test("listen forms: -l port, -l host port, -l -p port, -l -s host -p port", () => {
    expect(run("-l", "80")).toMatchObject({ listen: true, host: undefined, ports: ["80"] });
    expect(run("-l", "127.0.0.1", "80")).toMatchObject({ host: "127.0.0.1", ports: ["80"] });
    expect(run("-lp", "80")).toMatchObject({ ports: ["80"] });
    expect(run("-l", "-s", "::1", "-p", "80")).toMatchObject({ host: "::1", ports: ["80"] });
  });
  test("-q implies -N; --no-shutdown is kept for the relay to honour", () => {
    expect(run("-q0", "h", "1").shutdownOnEof).toBe(true);
    expect(run("h", "1").shutdownOnEof).toBe(false);
    expect(run("h", "1").quitSec).toBe(-1);
  });
  test("the last of -4/-6 wins", () => {
    expect(run("-46", "h", "1").family).toBe(6);
    expect(run("-64", "h", "1").family).toBe(4);
  });
  test("ncat times take suffixes", () => {
    expect(parseNcatTime("500ms")).toBe(500);
    expect(parseNcatTime("2")).toBe(2000);
    expect(parseNcatTime("1m")).toBe(60_000);
    expect(parseNcatTime("x")).toBeUndefined();
  });
  test("ncat long options map onto nc's letters", () => {
    expect(run("--listen", "--keep-open", "--udp", "--verbose", "--verbose", "80")).toMatchObject({ listen: true, keepOpen: true, udp: true, verbose: 2 });
    expect(run("--exec", "/bin/cat", "-l", "80").exec).toBe("/bin/cat");
    expect(run("-c", "tr a-z A-Z", "-l", "80").shExec).toBe("tr a-z A-Z");
  });
  test("-S, -V and -Z fail clearly", () => {
    expect(msg(() => run("-S", "h", "1"))).toContain("MD5");
    expect(msg(() => run("-V", "1", "h", "1"))).toBe("no alternate routing table support available");
    expect(msg(() => run("-Z", "h", "1"))).toContain("DCCP");
  });
});

describe("ports", () => {
  test("numbers, services, ranges either way, lists", () => {
    expect(parsePortArgs(["22"], "tcp")).toEqual([22]);
    expect(parsePortArgs(["http"], "tcp")).toEqual([80]);
    expect(parsePortArgs(["ftp-data"], "tcp")).toEqual([20]);
    expect(parsePortArgs(["5-3"], "tcp")).toEqual([3, 4, 5]);
    expect(parsePortArgs(["22,80", "443"], "tcp")).toEqual([22, 80, 443]);
    expect(parsePortArgs(["20-21,25"], "tcp")).toEqual([20, 21, 25]);
  });
  test("errors name the bad part as nc does", () => {
    expect(msg(() => parsePortArgs(["1x-5"], "tcp"))).toBe("port number invalid: 1x");
    expect(msg(() => parsePortArgs(["foo-bar"], "tcp"))).toBe("port number invalid: foo-bar");
    expect(msg(() => parsePortArgs(["5-"], "tcp"))).toBe("port number invalid: ");
    expect(msg(() => parsePortArgs(["1-99999"], "tcp"))).toBe("port number too large: 99999");
  });
});

describe("-T", () => {
  test("keywords, hex and decimal", () => {
    expect(parseTos("lowdelay")).toBe(0x10);
    expect(parseTos("ef")).toBe(0xb8);
    expect(parseTos("cs7")).toBe(0xe0);
    expect(parseTos("0x20")).toBe(0x20);
    expect(parseTos("40")).toBe(40);
    expect(parseTos("256")).toBeUndefined();
    expect(parseTos("bogus")).toBeUndefined();
  });
});

describe("-C", () => {
  test("LF becomes CRLF, an existing CRLF is kept, also across chunks", () => {
    const c = crlfConverter();
    const enc = (s: string) => new TextEncoder().encode(s);
    const dec = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(dec(c(enc("a\nb\r\n")))).toBe("a\r\nb\r\n");
    expect(dec(c(enc("x\r")))).toBe("x\r");
    expect(dec(c(enc("\ny\n")))).toBe("\ny\r\n");
  });
});

describe("-t", () => {
  test("DO/DONT get WONT, WILL/WONT get DONT, other bytes none", () => {
    expect([...telnetReplies(new Uint8Array([255, 253, 1, 65, 255, 251, 3, 255, 254, 5, 255, 252, 6]))]).toEqual([255, 252, 1, 255, 254, 3, 255, 252, 5, 255, 254, 6]);
    expect(telnetReplies(new Uint8Array([65, 66, 255])).length).toBe(0);
  });
});

describe("sockaddr", () => {
  test("IPv4, IPv6 and unix round trips", () => {
    const v4 = sockaddrIp("127.0.0.2", 4444);
    expect(decodeSockaddr(v4, v4.length)).toEqual({ family: "IPv4", address: "127.0.0.2", port: 4444 });
    const v6 = sockaddrIp("fe80::1:2", 80);
    expect(decodeSockaddr(v6, v6.length)).toEqual({ family: "IPv6", address: "fe80::1:2", port: 80 });
    expect([...ipv6Bytes("::ffff:1.2.3.4").subarray(10)]).toEqual([255, 255, 1, 2, 3, 4]);
    const un = sockaddrUnix("/tmp/a.sock");
    expect(decodeSockaddr(un, un.length).address).toBe("/tmp/a.sock");
    const abs = sockaddrUnix("@lab");
    expect(decodeSockaddr(abs, abs.length).address).toBe("@lab");
  });
});
