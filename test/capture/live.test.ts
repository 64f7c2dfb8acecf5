// Live capture through libpcap on lo and on a veth in a private netns, compared with real tshark where it speaks.
import { afterAll, expect } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listInterfaces } from "../../lib/capture/interfaces.ts";
import { openCapture } from "../../lib/capture/open.ts";
import { needs } from "../support/needs.ts";
import { repoRoot, run, waitFor } from "../support/proc.ts";
import { udpTraffic } from "./traffic.ts";

const tmp = mkdtempSync(join(tmpdir(), `tsnet-live-${process.pid}-`));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const harness = (o: object): string[] => [process.execPath, join(repoRoot, "test", "capture", "capture-cli.ts"), JSON.stringify(o)];

/** The extcap helpers tshark lists after the real interfaces; tsshark has none of them. */
const EXTCAP = /^\d+\. (ciscodump|dpauxmon|randpkt|sdjournal|sshdump|udpdump|wifidump|androiddump|etwdump) /;

/** tshark's stderr without the root warning line. */
const tsharkErr = (s: string): string[] => s.split("\n").filter((l) => l && !l.startsWith("Running as user"));

needs("libpcap", "tool:tshark").test("-D lists the interfaces as tshark does (its extcap entries aside)", async () => {
  const r = await run(["tshark", "-D"]);
  expect(listInterfaces()).toEqual(r.out.split("\n").filter((l) => l && !EXTCAP.test(l)));
});

needs("root", "libpcap").test("lo with a BPF filter: -c stops after exactly N frames that all match", async () => {
  const traffic = await udpTraffic();
  try {
    const s = await openCapture({ interfaces: ["lo"], captureFilter: `udp dst port ${traffic.port}`, count: 5 });
    expect(s.live).toBe(true);
    expect(s.interfaces.map((i) => [i.name, i.linktype, i.filter])).toEqual([["lo", 1, `udp dst port ${traffic.port}`]]);
    const frames = [];
    for await (const f of s.frames) frames.push(f);
    expect(frames.length).toBe(5);
    for (const f of frames) {
      // Ethernet + IPv4 + UDP: the destination port sits at byte 36
      expect((f.data[36]! << 8) | f.data[37]!).toBe(traffic.port);
      expect(f.caplen).toBe(f.len);
    }
    expect(s.stats().captured).toBe(5);
  } finally {
    traffic.stop();
  }
}, 20_000);

needs("root", "libpcap").test("-s cuts frames to the snapshot length; -p and -B are accepted", async () => {
  const traffic = await udpTraffic();
  try {
    const s = await openCapture({ interfaces: ["lo"], captureFilter: `udp dst port ${traffic.port}`, count: 2, snaplen: 40, promisc: false, bufferMiB: 4 });
    expect(s.interfaces[0]!.snaplen).toBe(40);
    const sizes = [];
    for await (const f of s.frames) sizes.push([f.caplen, f.len, f.data.length]);
    // Ethernet 14 + IPv4 20 + UDP 8 + 19 bytes of payload on the wire
    expect(sizes).toEqual([[40, 61, 40], [40, 61, 40]]);
  } finally {
    traffic.stop();
  }
}, 20_000);

needs("root", "libpcap").test("-a duration and -a packets end the capture", async () => {
  const traffic = await udpTraffic();
  try {
    const quiet = await openCapture({ interfaces: ["lo"], captureFilter: "udp port 9", autostop: { duration: 1 } });
    let n = 0;
    for await (const _ of quiet.frames) n++;
    expect(n).toBe(0);
    const some = await openCapture({ interfaces: ["lo"], captureFilter: `udp dst port ${traffic.port}`, autostop: { packets: 3 } });
    n = 0;
    for await (const _ of some.frames) n++;
    expect(n).toBe(3);
  } finally {
    traffic.stop();
  }
}, 20_000);

needs("root", "libpcap", "tool:tshark").test("a bad -f filter: tshark's message lines and rc 1", async () => {
  const [a, b] = await Promise.all([
    run(harness({ interfaces: ["lo"], captureFilter: "port foo" })),
    run(["tshark", "-i", "lo", "-f", "port foo", "-c", "1"]),
  ]);
  expect(a.code).toBe(b.code);
  const theirs = tsharkErr(b.stderr);
  const ours = a.stderr.split("\n").filter(Boolean).map((l) => l.replace(/^tsshark: /, "tshark: "));
  // banner, "Invalid capture filter ...", "That string isn't ...", "See the User's Guide ..."
  expect(ours.slice(0, 4)).toEqual(theirs.slice(0, 4));
}, 20_000);

needs("root", "libpcap", "tool:tshark").test("a missing interface, by name and by number", async () => {
  for (const iface of ["nosuch0", "99"]) {
    const [a, b] = await Promise.all([run(harness({ interfaces: [iface], count: 1 })), run(["tshark", "-i", iface, "-c", "1"])]);
    expect(a.code).toBe(b.code);
    const theirs = tsharkErr(b.stderr).filter((l) => l !== "tshark: " && !/packets captured$/.test(l));
    expect(a.stderr.split("\n").filter(Boolean).map((l) => l.replace(/^tsshark: /, "tshark: "))).toEqual(theirs);
  }
}, 20_000);

needs("root", "libpcap", "tool:tshark", "tool:setpriv").test("without privilege: tshark's message and rc, plus the setcap hint", async () => {
  const nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  const [a, b] = await Promise.all([
    run([...nobody, ...harness({ interfaces: ["lo"], count: 1 })]),
    run([...nobody, "tshark", "-i", "lo", "-c", "1"]),
  ]);
  expect(a.code).toBe(b.code);
  const theirs = b.stderr.split("\n");
  const start = theirs.findIndex((l) => l.startsWith("tshark: You do not have permission"));
  const ours = a.stderr.split("\n").map((l) => l.replace(/^tsshark: /, "tshark: "));
  expect(ours.slice(1, 4)).toEqual(theirs.slice(start, start + 3));
  expect(a.stderr).toContain("setcap cap_net_raw,cap_net_admin+eip");
}, 30_000);

needs("root", "libpcap", "tool:tshark").test("-b ring buffer: tshark's file names, the newest N files kept, each readable", async () => {
  const traffic = await udpTraffic(5);
  const dir = join(tmp, "ring");
  mkdirSync(dir);
  try {
    const r = await run(harness({
      interfaces: ["lo"], captureFilter: `udp dst port ${traffic.port}`, autostop: { packets: 23 },
      write: { path: join(dir, "cap.pcapng"), format: "pcapng", ring: { packets: 5, files: 3 } },
    }), { timeoutMs: 20_000 });
    expect(r.stderr).toContain("23 packets captured");
  } finally {
    traffic.stop();
  }
  const names = readdirSync(dir).sort();
  expect(names.length).toBe(3);
  names.forEach((n, i) => expect(n).toMatch(new RegExp(`^cap_0000${i + 3}_\\d{14}\\.pcapng$`)));
  const counts = [];
  for (const n of names) {
    const t = await run(["tshark", "-r", join(dir, n), "-T", "fields", "-e", "frame.number"]);
    expect(t.code).toBe(0);
    counts.push(t.out.split("\n").filter(Boolean).length);
  }
  expect(counts).toEqual([5, 5, 3]);
}, 30_000);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
needs("root", "libpcap", "tool:tshark", "tool:tcpdump").test(`${signal} mid-capture: the file is complete and tshark and tcpdump read every packet`, async () => {
  const traffic = await udpTraffic(5);
  const out = join(tmp, `${signal}.pcapng`);
  const ready = join(tmp, `${signal}.ready`);
  const p = Bun.spawn(harness({ interfaces: ["lo"], captureFilter: `udp dst port ${traffic.port}`, readyFile: ready, write: { path: out, format: "pcapng" } }), {
    stdout: "pipe",
    stderr: "pipe",
  });
  try {
    await waitFor(() => existsSync(ready), 10_000, "capture start");
    await waitFor(() => traffic.sent > 40, 10_000, "traffic");
    p.kill(signal);
    const [code, err] = await Promise.all([p.exited, new Response(p.stderr).text()]);
    expect(code).toBe(0);
    const captured = Number(/(\d+) packets captured/.exec(err)?.[1]);
    expect(captured).toBeGreaterThan(0);
    const t = await run(["tshark", "-r", out, "-T", "fields", "-e", "udp.dstport"]);
    expect(t.code).toBe(0);
    expect(t.out.split("\n").filter(Boolean)).toEqual(Array(captured).fill(String(traffic.port)));
    const d = await run(["tcpdump", "-n", "-r", out]);
    expect(d.code).toBe(0);
    expect(d.out.split("\n").filter(Boolean).length).toBe(captured);
  } finally {
    traffic.stop();
    if (p.exitCode === null) p.kill("SIGKILL");
  }
}, 30_000);
}

needs("root", "netns", "libpcap", "tool:ping", "tool:tshark", "tool:tcpdump").test("a veth into a private netns: ICMP echo both ways, pcap read by tcpdump; -i veth -i lo together", async () => {
  const id = process.pid % 100000;
  const ns = `tsnet-cap-${process.pid}`;
  const host = `tcv${id}a`;
  const peer = `tcv${id}b`;
  const net = `10.${200 + (id % 50)}.${id % 250}`;
  const sh = (cmd: string) => run(["sh", "-c", cmd], { timeoutMs: 10_000 });
  try {
    for (const cmd of [
      `ip netns add ${ns}`,
      `ip link add ${host} type veth peer name ${peer}`,
      `ip link set ${peer} netns ${ns}`,
      `ip addr add ${net}.1/30 dev ${host}`,
      `ip link set ${host} up`,
      `ip -n ${ns} addr add ${net}.2/30 dev ${peer}`,
      `ip -n ${ns} link set ${peer} up`,
      `ip -n ${ns} link set lo up`,
    ]) expect((await sh(cmd)).code).toBe(0);
    const out = join(tmp, "veth.pcap");
    const cap = Bun.spawn(harness({ interfaces: [host], captureFilter: "icmp", count: 6, readyFile: out + ".ready", write: { path: out, format: "pcap" } }), {
      stdout: "pipe",
      stderr: "pipe",
    });
    await waitFor(() => existsSync(out + ".ready"), 10_000, "capture start");
    const ping = await run(["ping", "-c", "3", "-i", "0.2", "-W", "2", `${net}.2`], { timeoutMs: 10_000 });
    expect(ping.code).toBe(0);
    const [code, err] = await Promise.all([cap.exited, new Response(cap.stderr).text()]);
    expect(code).toBe(0);
    expect(err).toContain("6 packets captured");
    const d = await run(["tcpdump", "-n", "-r", out]);
    const lines = d.out.split("\n").filter(Boolean);
    expect(lines.filter((l) => l.includes("ICMP echo request")).length).toBe(3);
    expect(lines.filter((l) => l.includes("ICMP echo reply")).length).toBe(3);

    // Two interfaces at once (-i veth -i lo): one IDB each in the pcapng, frames tagged by interface.
    const both = join(tmp, "both.pcapng");
    const cap2 = Bun.spawn(harness({ interfaces: [host, "lo"], captureFilter: `icmp and host ${net}.2 or host 127.0.0.9`, count: 10, readyFile: both + ".ready", write: { path: both, format: "pcapng" } }), {
      stdout: "pipe",
      stderr: "pipe",
    });
    await waitFor(() => existsSync(both + ".ready"), 10_000, "capture start");
    const pings = await Promise.all([
      run(["ping", "-c", "3", "-i", "0.2", "-W", "2", `${net}.2`], { timeoutMs: 10_000 }),
      run(["ping", "-c", "2", "-i", "0.2", "-W", "2", "127.0.0.9"], { timeoutMs: 10_000 }),
    ]);
    expect(pings.map((p) => p.code)).toEqual([0, 0]);
    const [code2, err2] = await Promise.all([cap2.exited, new Response(cap2.stderr).text()]);
    expect(code2).toBe(0);
    expect(err2).toContain(`Capturing on '${host}' and 'Loopback: lo'`);
    const t = await run(["tshark", "-r", both, "-T", "fields", "-e", "frame.interface_id", "-e", "frame.interface_name"]);
    const ids = t.out.split("\n").filter(Boolean).sort();
    expect(ids).toEqual([...Array(6).fill(`0\t${host}`), ...Array(4).fill("1\tlo")]);
  } finally {
    await sh(`ip link del ${host} 2>/dev/null; ip netns del ${ns} 2>/dev/null`);
  }
}, 40_000);
