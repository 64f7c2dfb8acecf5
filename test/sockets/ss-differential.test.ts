// tsss against the real ss 6.1 in a private netns holding every socket state: byte-for-byte stdout, stderr and exit codes.
import { afterAll, beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { openLab, type NetnsLab } from "./netns-lab.ts";
import { ours, run } from "../support/proc.ts";

const { describe, test } = needs("netns", "tool:ss");
const asUser = needs("netns", "tool:ss", "tool:runuser");

/** Values that change between two runs a few milliseconds apart: timers and -i's clocks and rates. */
function maskVolatile(text: string): string {
  return text
    .split("\n")
    .map((l) =>
      l
        .replace(/timer:\((\w+),[^,]*,(\d+)\)/g, "timer:($1,*,*)")
        .replace(/\b(lastsnd|lastrcv|lastack|backoff|rtt|rto|ato|minrtt|rcv_rtt|busy|rcv_space|rcv_ssthresh|delivered|app_limited|pacing_rate|delivery_rate|send|snd_wnd|bytes_acked|bytes_received|segs_out|segs_in|data_segs_in|data_segs_out|bytes_sent|cwnd|ssthresh|unacked|lost|retrans|reordering|rwnd_limited|sndbuf_limited)([: ])[^ ]+/g, "$1$2*")
        .replace(/ +$/, ""),
    )
    .join("\n");
}

/** Only the running timers' remaining time, which moves between the two runs; widths stay exact. */
const maskTimers = (t: string) => t.replace(/timer:\((\w+),[^,]*,/g, (m, name: string) => `timer:(${name},${"*".repeat(m.length - name.length - 9)},`);

let lab: NetnsLab;

describe("tsss vs ss in a private namespace", () => {
  beforeAll(async () => {
    lab = await openLab("diff");
  }, 30_000);
  afterAll(async () => {
    await lab?.close();
  });

  const exact: string[][] = [
    ["-tan"], ["-ta"], ["-t"], ["-tn"], ["-tl"], ["-tln"], ["-ltn"], ["-ua"], ["-uan"], ["-u"], ["-ul"],
    ["-xa"], ["-x"], ["-xl"], ["-xan"], ["-A", "inet,unix", "-a"], ["-an", "-A", "tcp,udp"], ["-4", "-tan"], ["-6", "-tan"],
    ["-tanp"], ["-tap"], ["-uanp"], ["-xap"], ["-tane"], ["-uae"], ["-xae"], ["-tanm"], ["-uanm"], ["-xam"],
    ["-H", "-tan"], ["-Htan"], ["-tanO"], ["-tanpeO"], ["-f", "inet", "-an"], ["-f", "inet6", "-an"], ["-f", "unix", "-a"],
    ["-A", "unix_stream", "-a"], ["-A", "unix_dgram", "-a"], ["-A", "all,!unix,!netlink,!packet", "-a"], ["-ta", "--tos"],
    ["-tn", "state", "established"], ["-tn", "state", "time-wait"], ["-tn", "state", "close-wait"], ["-tn", "state", "fin-wait-2"],
    ["-tn", "state", "syn-sent"], ["-tn", "state", "listening"], ["-tn", "state", "connected"], ["-tn", "state", "synchronized"],
    ["-tn", "state", "bucket"], ["-tn", "state", "big"], ["-tn", "state", "all"], ["-tn", "exclude", "time-wait"],
    ["-tn", "state", "established", "state", "close-wait"], ["-tan", "exclude", "listening", "exclude", "syn-sent"],
    ["-tn", "state", "ESTABLISHED"], ["-un", "state", "unconnected"], ["-xn", "state", "listening"],
    // Netlink rows are left out where they would show up: the lister's own socket is "ss/PID" in one, "bun/PID" in the other.
    ["-0"], ["-0", "-a"], ["-0e"], ["-0b"], ["-0m"], ["-0p"], ["-0eO"], ["-A", "packet_raw"], ["-A", "p_dgr"], ["-f", "link"],
    ["-ta", "--inet-sockopt"], ["-uan", "--inet-sockopt"], ["-taO", "--inet-sockopt"], ["-wa", "--inet-sockopt"],
    ["-M"], ["-Ma"], ["-Man"], ["-Mae"], ["-Mai"], ["-Mam"], ["-a", "-A", "tcp,mptcp"], ["-ta", "-M"],
    ["--vsock"], ["-A", "vsock_stream", "-a"], ["--xdp", "-a"], ["-f", "vsock"], ["-a", "-A", "vsock,xdp,tcp"],
    [], ["-n"], ["-l", "-A", "all,!netlink"], ["-ln", "-A", "all,!netlink"], ["-e"], ["-A", "inet"], ["-wa"], ["-wan"], ["-w"], ["-wae"], ["-wanp"], ["-a", "-A", "raw,udp"], ["-4", "-wa"], ["-6", "-wa"],
    ["-tanT"], ["-tapT"], ["-tar"], ["-tr"], ["-uar"], ["-tanr"], ["-tn", "-4", "-r"],
  ];
  for (const args of exact)
    test(`ss ${args.join(" ")}`, async () => {
      const [a, b] = await Promise.all([lab.ss(args), lab.tsss(args)]);
      expect(b.stderr).toBe(a.stderr.replace(/^ss:/gm, "tsss:"));
      // A running timer (and the SYN retry count) moves between the two runs and can change the text's
      // length, hence the Process column's width: with timers shown, compare lines without trailing blanks.
      const timers = args.some((a) => /^-[a-zA-Z]*[eo]/.test(a));
      const norm = (t: string) => (timers ? maskVolatile(t.replace(/timer:\([^)]*\)/g, "timer:(*)")) : t);
      expect(norm(b.out)).toBe(norm(a.out));
      expect(b.code).toBe(a.code);
    });

  const filters = (): string[][] => {
    const p = lab.ports;
    return [
      ["-tan", `sport = :${p.listen}`], ["-tan", `dport = :${p.estabServer}`], ["-tan", `( sport = :${p.halfServer} or dport = :${p.halfServer} )`],
      ["-tan", "src", "127.0.0.1"], ["-tan", "dst", "127.0.0.1"], ["-tan", "src", "127.0.0.0/8"], ["-tan", "dst", "[::1]"], ["-tan", "src", "[::]"],
      ["-tan", "sport", ">", ":1024"], ["-tan", "sport", "<", ":1024"], ["-tan", "dport", ">=", `:${p.twServer}`], ["-tan", "dport", "le", `:${p.twServer}`],
      ["-tan", "not", "sport", "=", `:${p.listen}`], ["-tan", "!", "(", "dport", "=", `:${p.estabServer}`, ")"],
      ["-tan", `sport == :${p.listen} || sport eq :${p.estabServer}`], ["-tan", "src", "127.0.0.1", "dport", "!=", `:${p.twServer}`],
      ["-tan", "src", `127.0.0.1:${p.listen}`], ["-tan", "dst", `127.0.0.1:${p.estabServer}`], ["-tan", "src", "localhost"],
      ["-tan", "dst", "10.77.0.2"], ["-tan", "src", "*:" + p.listen], ["-tan", "autobound"], ["-tan", "sport", "=", String(p.listen)],
      ["-tn", "state", "established", `( dport = :${p.estabServer} or sport = :${p.estabServer} )`],
      ["-uan", `sport = :${p.udp}`], ["-uan", "dst", "127.0.0.1"],
      ["-xa", "src", "*tsss-test*"], ["-xa", "src", "*TSSS-TEST*"], ["-xa", "src", "@tsss-abstract*"], ["-xa", "autobound"],
      ["-tan", "dev", "=", "lo"], ["-tan", "fwmark", "=", "0/0"], ["-tan", "dport", "=", ":http"], ["-tan", "sport", "=", ":0x" + p.listen.toString(16)],
    ];
  };
  test("filter expressions", async () => {
    for (const args of filters()) {
      const [a, b] = await Promise.all([lab.ss(args), lab.tsss(args)]);
      expect({ args, out: b.out, code: b.code }).toEqual({ args, out: a.out, code: a.code });
    }
  }, 60_000);

  const masked: string[][] = [["-tano"], ["-taneo"], ["-tani"], ["-tanoi"], ["-tanmi"], ["-taneOmi"], ["-to"], ["-ti", "-n"], ["-tai"]];
  for (const args of masked)
    test(`ss ${args.join(" ")} (timers and clocks masked)`, async () => {
      const [a, b] = await Promise.all([lab.ss(args), lab.tsss(args)]);
      expect(maskVolatile(b.out)).toBe(maskVolatile(a.out));
      expect(b.code).toBe(a.code);
    });

  test("-s summary", async () => {
    const [a, b] = await Promise.all([lab.ss(["-s"]), lab.tsss(["-s"])]);
    const shape = (t: string) => t.replace(/\d+/g, "N");
    expect(shape(b.out)).toBe(shape(a.out));
    expect(b.out.split("\n").slice(1)).toEqual(a.out.split("\n").slice(1));
    // -s with a table: the summary, then the listing (the Total line counts both tools' own sockets)
    const [c, d] = await Promise.all([lab.ss(["-s", "-tn"]), lab.tsss(["-s", "-tn"])]);
    expect(d.out.split("\n").slice(1).join("\n").replace(/timer:\([^)]*\)/g, "")).toBe(c.out.split("\n").slice(1).join("\n").replace(/timer:\([^)]*\)/g, ""));
  });

  test("-s --json carries the same numbers as ss -s", async () => {
    const [a, b] = await Promise.all([lab.ss(["-s"]), lab.tsss(["-s", "--json"])]);
    const doc = JSON.parse(b.out) as { summary: { tcp4: number; tcp6: number; tcp_timewait: number } };
    const tcpRow = a.out.split("\n").find((l) => l.startsWith("TCP\t"))!.trim().split(/\s+/).map(Number);
    expect([tcpRow[2], tcpRow[3]]).toEqual([doc.summary.tcp4, doc.summary.tcp6]);
    expect(a.out).toContain(`timewait ${doc.summary.tcp_timewait})`);
  });

  test("the /proc fallback gives what ss's own /proc path gives", async () => {
    for (const args of [["-tan"], ["-ta"], ["-uan"], ["-uane"], ["-xa"], ["-tane"], ["-tanoi"], ["-ltn"], ["-tan", `sport = :${lab.ports.listen}`]]) {
      const env = { PROC_ROOT: "/proc" };
      const [a, b] = await Promise.all([lab.ss(args, env), lab.tsss(args, env)]);
      const norm = (t: string) => (/^-[a-z]*[oi]/.test(args[0]!) ? maskVolatile(t) : maskTimers(t));
      expect({ args, out: norm(b.out) }).toEqual({ args, out: norm(a.out) });
    }
  }, 30_000);

  test("the /proc path and the netlink path list the same sockets", async () => {
    // /proc has no listen backlog (Send-Q) and no v6only flag, so compare state and both ports.
    const port = (e: string) => e.slice(e.lastIndexOf(":") + 1);
    const rows = (t: string) => t.split("\n").slice(1).filter(Boolean).map((l) => l.trim().split(/\s+/)).map((f) => `${f[0]} ${port(f[3]!)} ${port(f[4]!)}`).sort();
    const [nl, proc] = await Promise.all([lab.tsss(["-tan"]), lab.tsss(["-tan", "--verbose"], { PROC_ROOT: "/proc" })]);
    expect(rows(proc.out)).toEqual(rows(nl.out));
    expect(proc.stderr).toContain("reading /proc/net/tcp");
  });

  test("--json lists the same sockets with stable fields", async () => {
    const [a, b] = await Promise.all([lab.ss(["-tanH"]), lab.tsss(["-tan", "--json"])]);
    const doc = JSON.parse(b.out) as { sockets: { state: string; local: { address: string; port: number }; peer: { port: number }; recv_q: number }[] };
    const fromSs = a.out.split("\n").filter(Boolean).map((l) => {
      const f = l.trim().split(/\s+/);
      return `${f[0]} ${f[3]!.slice(f[3]!.lastIndexOf(":") + 1)}`;
    });
    expect(doc.sockets.map((s) => `${s.state} ${s.local.port}`).sort()).toEqual(fromSs.sort());
    const q = doc.sockets.find((s) => s.local.port === lab.ports.estabServer && s.state === "ESTAB");
    expect(q?.recv_q).toBe(3000);
  });

  const errors: string[][] = [
    ["-Q"], ["--bogus"], ["-tan", "state", "bogus"], ["-tan", "state"], ["-tan", "dst", "::1"], ["-tan", "foo"],
    ["-tan", "sport", "=", ":nosuchsvc"], ["-tan", "(", "sport", "=", ":22"], ["-tan", "sport", "=", ":22", ")"], ["-tan", "sport"],
    ["-F", "/nonexistent/filter"], ["-f", "bogus"], ["-A", "bogus"], ["-tan", "dev", "=", "nosuchdev"], ["-tan", "fwmark", "=", "x"],
    ["-Z"], ["-tan", "src", "127.0.0.1/33"], ["-tan", '"sport = :22"', "state", "time-wait"], ["-f"],
  ];
  for (const args of errors)
    test(`error: ss ${args.join(" ")}`, async () => {
      const [a, b] = await Promise.all([lab.ss(args), lab.tsss(args)]);
      expect(b.code).toBe(a.code);
      const first = (t: string) => t.split("\n").slice(0, 2).join("\n").replace(/^ss:/gm, "tsss:").replace("Usage: ss ", "Usage: tsss ");
      expect(first(b.stderr)).toBe(first(a.stderr));
      expect(b.out).toBe(a.out);
    });

  test("-N NAME reads the namespace from outside it", async () => {
    for (const args of [["-N", lab.ns, "-tan"], ["-N", lab.ns, "-xa"], ["-N", lab.ns, "-uan"]]) {
      const [a, b] = await Promise.all([run(["ss", ...args]), run([...ours("tsss"), ...args])]);
      expect({ args, out: b.out, code: b.code }).toEqual({ args, out: a.out, code: a.code });
    }
    const [a, b] = await Promise.all([run(["ss", "-N", "tsss-no-such-ns", "-tan"]), run([...ours("tsss"), "-N", "tsss-no-such-ns", "-tan"])]);
    expect(b.code).toBe(a.code);
    expect(b.stderr).toBe(a.stderr);
  });

  test("colour only on request (FORCE_COLOR), never in a pipe, never with NO_COLOR", async () => {
    const plain = await lab.tsss(["-tan"]);
    expect(plain.out).not.toContain("\x1b[");
    const forced = await lab.tsss(["-tan"], { FORCE_COLOR: "1", NO_COLOR: "" });
    expect(forced.out).toContain("\x1b[34mLISTEN\x1b[39m");
    expect(forced.out.replace(/\x1b\[\d+m/g, "")).toBe(plain.out);
  });

  asUser.test("as an unprivileged user, -p shows what can be shown (nothing of root's), like ss", async () => {
    for (const args of [["-tanp"], ["-xap"], ["-uanp"], ["-tane"]]) {
      const asNobody = (cmd: string[]) => lab.exec(["runuser", "-u", "nobody", "--", ...cmd]);
      const [a, b] = await Promise.all([asNobody(["ss", ...args]), asNobody([...ours("tsss"), ...args])]);
      expect({ args, out: maskVolatile(b.out.replace(/timer:\([^)]*\)/g, "timer:(*)")), code: b.code }).toEqual({ args, out: maskVolatile(a.out.replace(/timer:\([^)]*\)/g, "timer:(*)")), code: a.code });
    }
  });

  test("--watch redraws and marks what changed", async () => {
    const r = await lab.tsss(["-tan", "--watch", "0.2", `sport = :${lab.ports.listen}`], { TSNET_WATCH_ROUNDS: "2" });
    expect(r.code).toBe(0);
    const frames = r.out.split("Every 0.2s: tsss");
    expect(frames.length).toBe(3);
    expect(frames[2]).toContain(`127.0.0.1:${lab.ports.listen}`);
    expect(frames[2]).toContain("  LISTEN");
  });

  test("-D writes the raw TCP dump as ss does, and TCPDIAG_FILE lists from it", async () => {
    const [fa, fb] = [`/tmp/tsss-D-ss-${process.pid}.bin`, `/tmp/tsss-D-ours-${process.pid}.bin`];
    const [a, b] = await Promise.all([lab.ss(["-ta", "-D", fa]), lab.tsss(["-ta", "-D", fb])]);
    expect([b.code, b.out]).toEqual([a.code, a.out]);
    // Same messages in the same order; only the netlink port ids in the headers differ.
    const messages = async (p: string) => {
      const bytes = new Uint8Array(await Bun.file(p).arrayBuffer());
      const v = new DataView(bytes.buffer);
      const out: string[] = [];
      for (let at = 0; at + 16 <= bytes.length; at += (v.getUint32(at, true) + 3) & ~3)
        out.push(`${v.getUint16(at + 4, true)} ${Buffer.from(bytes.subarray(at + 16, at + 16 + 72)).toString("hex").slice(0, 16)}`);
      return out;
    };
    expect(await messages(fb)).toEqual(await messages(fa));
    const [la, lb] = await Promise.all([lab.ss(["-tan"], { TCPDIAG_FILE: fa }), lab.tsss(["-tan"], { TCPDIAG_FILE: fa })]);
    expect(maskTimers(lb.out)).toBe(maskTimers(la.out));
    const [na, nb] = await Promise.all([lab.ss(["-xa", "-D", fa]), lab.tsss(["-xa", "-D", fa])]);
    expect([nb.code, nb.stderr]).toEqual([na.code, na.stderr.replace(/^ss:/, "tsss:")]);
    await run(["rm", "-f", fa, fb]);
  });

  test("a filter file, with comments, gives what ss gives", async () => {
    const path = `/tmp/tsss-filter-${process.pid}.txt`;
    await Bun.write(path, `# my filter\nsport = :${lab.ports.listen}\nor dport = :${lab.ports.estabServer}\n`);
    const [a, b] = await Promise.all([lab.ss(["-tan", "-F", path]), lab.tsss(["-tan", "-F", path])]);
    expect(b.out).toBe(a.out);
    await Bun.file(path).delete();
  });
});
