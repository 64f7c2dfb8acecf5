// Unit tests for tsss's pure parts: the filter grammar, printf's %g, inet_ntop, /proc/net parsing and the watch diff.
import { describe, expect, test } from "bun:test";
import { filterWords, parseSsFilter, FilterSyntaxError } from "../../lib/sockets/ss-filter.ts";
import { matchSsFilter } from "../../lib/sockets/ss-filter-match.ts";
import { newSelection, selectDb, mergeDefaults, stateMask } from "../../lib/sockets/ss-query.ts";
import { formatG } from "../../lib/sockets/c-format.ts";
import { ntop6, pton6, pton4, ntop4 } from "../../lib/sockets/inet-address.ts";
import { msTimer } from "../../lib/sockets/ss-details.ts";
import { renderSsTable, headerRow } from "../../lib/sockets/ss-table.ts";
import { diffSnapshots } from "../../lib/sockets/watch.ts";
import { DB, FAMILY, SS, type SocketRecord } from "../../lib/sockets/record.ts";

function tcp(lport: number, rport: number, state: number = SS.ESTABLISHED, local = "127.0.0.1", remote = "127.0.0.1"): SocketRecord {
  return {
    netid: "tcp", db: DB.TCP, family: FAMILY.INET, state, recvQ: 0, sendQ: 0,
    local: { addr: local, bytes: pton4(local), port: lport }, remote: { addr: remote, bytes: pton4(remote), port: rport },
    inode: 1, uid: 0, cookie: 0n, iface: 0, timer: 0, expires: 0, retrans: 0, source: "netlink",
  };
}

function tcpSel() {
  const s = newSelection();
  selectDb(s, DB.TCP);
  mergeDefaults(s);
  return s;
}

describe("ss filter grammar", () => {
  test("words split on blanks inside one argument, backslash escapes", () => {
    expect(filterWords("( sport = :22 or  dport = :80 )")).toEqual(["(", "sport", "=", ":22", "or", "dport", "=", ":80", ")"]);
    expect(filterWords("src a\\ b")).toEqual(["src", "a b"]);
  });
  test("operators fold left to right with no precedence, adjacency is and", () => {
    const f = parseSsFilter(["sport", "=", ":1", "or", "sport", "=", ":2", "dport", "=", ":3"], tcpSel())!;
    expect(f.kind).toBe("and");
    expect(matchSsFilter(f, tcp(2, 3))).toBe(true);
    expect(matchSsFilter(f, tcp(2, 4))).toBe(false);
  });
  test("comparison operators and negation", () => {
    const sel = tcpSel();
    const m = (w: string[], s: SocketRecord) => matchSsFilter(parseSsFilter(w, sel)!, s);
    expect(m(["sport", ">", ":1024"], tcp(1025, 1))).toBe(true);
    expect(m(["sport", "gt", ":1024"], tcp(1024, 1))).toBe(false);
    expect(m(["dport", "<=", ":80"], tcp(1, 80))).toBe(true);
    expect(m(["dport", "!=", ":80"], tcp(1, 80))).toBe(false);
    expect(m(["!", "sport", "=", ":5"], tcp(5, 1))).toBe(false);
    expect(m(["src", "127.0.0.0/8"], tcp(1, 1))).toBe(true);
    expect(m(["src", "10.0.0.0/8"], tcp(1, 1))).toBe(false);
    expect(m(["src", "127.0.0.1:7"], tcp(7, 1))).toBe(true);
    expect(m(["sport", "=", ":ssh"], tcp(22, 1))).toBe(true);
  });
  test("a v4 rule matches a v4-mapped IPv6 socket", () => {
    const s: SocketRecord = { ...tcp(1, 2), family: FAMILY.INET6, local: { addr: "::ffff:127.0.0.1", bytes: pton6("::ffff:127.0.0.1"), port: 1 } };
    expect(matchSsFilter(parseSsFilter(["src", "127.0.0.1"], tcpSel())!, s)).toBe(true);
  });
  test("syntax errors and bad words", () => {
    expect(() => parseSsFilter(["(", "sport", "=", ":1"], tcpSel())).toThrow(FilterSyntaxError);
    expect(() => parseSsFilter(["sport", "=", ":1", ")"], tcpSel())).toThrow(FilterSyntaxError);
    expect(() => parseSsFilter(["dst", "::1"], tcpSel())).toThrow('Error: an inet prefix is expected rather than ":".');
    expect(() => parseSsFilter(["sport", "=", ":nosuchsvc"], tcpSel())).toThrow('Error: "nosuchsvc" does not look like a port.');
    expect(parseSsFilter([], tcpSel())).toBeUndefined();
  });
  test("state names and groups", () => {
    expect(stateMask("established")).toBe(1 << SS.ESTABLISHED);
    expect(stateMask("CLOSED")).toBe(1 << SS.CLOSE);
    expect(stateMask("bucket")).toBe((1 << SS.SYN_RECV) | (1 << SS.TIME_WAIT));
    expect(stateMask("bogus")).toBeUndefined();
  });
});

describe("printf formats", () => {
  const values = [0.036, 0.018, 200, 40, 1.5, 0.0001234, 123456789, 72.8177, 208, 1e-5, 9.9999999, 3.14159265, 100000, 1234567];
  test("%g matches the C library's", async () => {
    const p = Bun.spawnSync(["printf", values.map(() => "%g\\n").join(""), ...values.map(String)]);
    expect(values.map((v) => formatG(v)).join("\n") + "\n").toBe(p.stdout.toString());
  });
  test("%.3g matches the C library's", () => {
    const p = Bun.spawnSync(["printf", values.map(() => "%.3g\\n").join(""), ...values.map(String)]);
    expect(values.map((v) => formatG(v, 3)).join("\n") + "\n").toBe(p.stdout.toString());
  });
  test("ss's millisecond timers", () => {
    expect(msTimer(59_000)).toBe("59sec");
    expect(msTimer(7_140_000)).toBe("119min");
    expect(msTimer(1_200)).toBe("1.200ms");
    expect(msTimer(48)).toBe("048ms");
    expect(msTimer(61_500)).toBe("1min1sec");
  });
});

describe("addresses", () => {
  test("inet_ntop's IPv6 text", () => {
    for (const [text, want] of [["::", "::"], ["::1", "::1"], ["::ffff:127.0.0.1", "::ffff:127.0.0.1"], ["fe80::fc:ff:fe00:1", "fe80::fc:ff:fe00:1"], ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], ["1:0:0:0:0:0:0:0", "1::"], ["::7f00:1", "::127.0.0.1"]])
      expect(ntop6(pton6(text)!)).toBe(want);
    expect(ntop4(pton4("10.1.2.3")!)).toBe("10.1.2.3");
    expect(pton4("256.1.1.1")).toBeUndefined();
  });
});

describe("ss column layout", () => {
  test("widths come from the data; the last row's Process field does not count", () => {
    const rows = [headerRow(), ["tcp", "LISTEN", "0     ", "5     ", "0.0.0.0:", "22", "0.0.0.0:", "*", "", ""], ["tcp", "ESTAB", "0     ", "0     ", "10.0.0.1:", "22", "10.0.0.2:", "50000", " users:((\"x\",pid=1,fd=3))", ""]];
    const out = new TextDecoder().decode(renderSsTable(rows, [true, false, false, false, false, false, false, false, false, false]));
    expect(out).toBe(
      "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n" +
        "LISTEN 0      5            0.0.0.0:22        0.0.0.0:*           \n" +
        "ESTAB  0      0           10.0.0.1:22       10.0.0.2:50000 users:((\"x\",pid=1,fd=3))\n",
    );
  });
});

describe("--watch", () => {
  test("marks new, changed and gone sockets", () => {
    const a = tcp(1, 2, SS.ESTABLISHED);
    const b = tcp(3, 4, SS.ESTABLISHED);
    const before = new Map([["tcp 127.0.0.1:1 127.0.0.1:2", a], ["tcp 127.0.0.1:3 127.0.0.1:4", b]]);
    const { rows } = diffSnapshots(before, [{ ...a, state: SS.TIME_WAIT }, tcp(5, 6)]);
    expect(rows.map((r) => `${r.r.local.port}:${r.change}`)).toEqual(["1:changed", "5:new", "3:gone"]);
  });
});
