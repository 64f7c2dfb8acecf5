// tsss --netstat against net-tools netstat 2.10 in a private netns: socket lists, routes, interfaces, messages and exit codes.
import { afterAll, beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { openLab, type NetnsLab } from "./netns-lab.ts";

const { describe, test } = needs("netns", "tool:netstat");

/** Timer countdowns move between the two runs. */
const maskTimers = (t: string) => t.replace(/\((\d+\.\d+)\/(\d+)\/(\d+)\)/g, (m) => "(" + "*".repeat(m.length - 2) + ")");

let lab: NetnsLab;

describe("tsss --netstat vs netstat in a private namespace", () => {
  beforeAll(async () => {
    lab = await openLab("nst");
    await lab.exec(["ip", "route", "add", "10.88.0.0/16", "via", "10.77.0.2", "dev", "v0"]);
  }, 30_000);
  afterAll(async () => {
    await lab?.close();
  });

  const views: string[][] = [
    ["-tan"], ["-ta"], ["-t"], ["-tn"], ["-tln"], ["-tl"], ["-tanp"], ["-tane"], ["-taneo"], ["-tanee"], ["-te"],
    ["-uan"], ["-ua"], ["-u"], ["-ulnp"], ["-tulpn"], ["-xa"], ["-x"], ["-lx"], ["-xap"], ["-an"], ["-a"], [], ["-n"], ["-l"],
    ["-4", "-tan"], ["-6", "-tan"], ["-A", "inet", "-an"], ["-A", "inet6", "-an"], ["-A", "unix"], ["-tanW"], ["--tcp", "--all", "--numeric"],
    ["-r"], ["-rn"], ["-i"], ["-ia"], ["-wan"],
  ];
  for (const args of views)
    test(`netstat ${args.join(" ")}`, async () => {
      const [a, b] = await Promise.all([lab.exec(["netstat", ...args]), lab.tsss(["--netstat", ...args])]);
      // Interface counters tick between the two runs (IPv6 neighbour discovery on the veth pair): compare the layout.
      const counters = (t: string) => (args[0]?.startsWith("-i") ? t.replace(/^(\S+\s+\d+)((?:\s+\d+){8})/gm, (_, head: string, nums: string) => head + nums.replace(/\d+/g, (n) => "#".repeat(n.length))) : t);
      expect(counters(maskTimers(b.out)).replace(/#+/g, "#")).toBe(counters(maskTimers(a.out)).replace(/#+/g, "#"));
      expect(b.code).toBe(a.code);
    });

  const errors: string[][] = [["-Q"], ["--bogus"], ["-A", "bogus"], ["-Z"]];
  for (const args of errors)
    test(`error: netstat ${args.join(" ")}`, async () => {
      const [a, b] = await Promise.all([lab.exec(["netstat", ...args]), lab.tsss(["--netstat", ...args])]);
      expect(b.code).toBe(a.code);
      expect(b.stderr.split("\n")[0]).toBe(a.stderr.split("\n")[0]!.replace(/^netstat:/, "tsss:"));
    });

  test("-c repeats the listing", async () => {
    const b = await lab.tsss(["--netstat", "-tanc"], { TSNET_WATCH_ROUNDS: "2" });
    expect(b.out.split("Active Internet connections").length - 1).toBe(2);
  });

  test("--json for the routing and interface tables", async () => {
    const routes = JSON.parse((await lab.tsss(["--netstat", "-rn", "--json"])).out) as { routes: { destination: string; gateway: string; iface: string }[] };
    const real = (await lab.exec(["netstat", "-rn"])).out.split("\n").slice(2).filter(Boolean).map((l) => l.split(/\s+/));
    expect(routes.routes.map((r) => `${r.destination} ${r.gateway} ${r.iface}`)).toEqual(real.map((f) => `${f[0]} ${f[1]} ${f[f.length - 1]}`));
    const ifs = JSON.parse((await lab.tsss(["--netstat", "-i", "--json"])).out) as { interfaces: { name: string; mtu: number; rx_ok: number }[] };
    expect(ifs.interfaces.map((i) => i.name)).toEqual(["lo", "v0", "v1"]);
    expect(ifs.interfaces[0]!.mtu).toBe(65536);
  });

  test("--json lists what netstat lists", async () => {
    const [a, b] = await Promise.all([lab.exec(["netstat", "-tan"]), lab.tsss(["--netstat", "-tan", "--json"])]);
    const doc = JSON.parse(b.out) as { tool: string; sockets: { local: { port: number } }[] };
    expect(doc.tool).toBe("netstat");
    const ports = a.out.split("\n").slice(2).filter(Boolean).map((l) => Number(l.trim().split(/\s+/)[3]!.split(":").at(-1)));
    expect(doc.sockets.map((s) => s.local.port).sort()).toEqual(ports.sort());
  });
});
