// -z statistics against real tshark on the same capture: conv, endpoints, io,phs, io,stat, follow and flow.
import { beforeAll, expect } from "bun:test";
import { needs, sharedDir } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { statsCapture } from "./stats-capture.ts";
import { join } from "node:path";

const SPECS = [
  "conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp", "conv,tcp,tcp.port==9000",
  "endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp", "endpoints,ip,icmp",
  "io,stat,1", "io,stat,0.5", "io,stat,0.25", "io,stat,2", "io,stat,10", "io,stat,0", "io,stat,0.01", "io,stat,100",
  "io,stat,1,tcp,udp", "io,stat,2,ip.src==10.0.0.1,,icmp", "io,stat,5,FRAMES()tcp", "io,stat,1,FRAMES,BYTES",
  "follow,tcp,ascii,0", "follow,tcp,hex,0", "follow,tcp,raw,0", "follow,tcp,yaml,0", "follow,tcp,ascii,1",
  "follow,tcp,ascii,10.0.0.1:40000,10.0.0.2:9000", "follow,udp,ascii,0", "follow,udp,hex,0", "follow,tcp,ascii,7",
  "flow,tcp,network", "flow,tcp,standard", "flow,icmp,network", "flow,any,network,udp || icmp", "flow,any,standard,tcp.stream==1", "flow,tcp,network,tcp.stream==1",
];

const gate = needs("tool:tshark");
let file = "";
beforeAll(async () => {
  file = await statsCapture();
});

const tshark = (args: string[]) => run(["tshark", ...args], { timeoutMs: 30_000 });
const tsshark = (args: string[]) => run([...ours("tsshark"), ...args], { timeoutMs: 30_000 });

gate.describe("-z against tshark", () => {
  for (const z of SPECS) {
    gate.test(z, async () => {
      const [a, b] = await Promise.all([tshark(["-r", file, "-q", "-z", z]), tsshark(["-r", file, "-q", "-z", z])]);
      expect(b.stderr).toBe("");
      expect(b.out).toBe(a.out);
      expect(b.code).toBe(a.code);
    });
  }
  gate.test("several -z print in reverse order, as tshark does", async () => {
    const args = ["-r", file, "-q", "-z", "conv,tcp", "-z", "endpoints,udp", "-z", "io,stat,5"];
    const [a, b] = await Promise.all([tshark(args), tsshark(args)]);
    expect(b.out).toBe(a.out);
  });
  gate.test("an unknown -z and a bad follow mode fail as tshark does", async () => {
    for (const z of ["bogus", "follow,tcp,bogus,0", "follow,tcp,ascii,x", "io,stat,x", "flow,tcp", "flow,tcp,bogus"]) {
      const [a, b] = await Promise.all([tshark(["-r", file, "-q", "-z", z]), tsshark(["-r", file, "-q", "-z", z])]);
      expect(b.code).toBe(a.code);
      const first = (s: string) => s.split("\n").find((l) => l.startsWith("tshark") || l.startsWith("tsshark"))?.replace(/^ts?shark: /, "");
      expect(first(b.stderr)).toBe(first(a.stderr));
    }
  });
});

const corpus = needs("tool:tshark", "shared");
corpus.describe("-z conv and endpoints on the capture corpus", () => {
  const dir = join(sharedDir, "captures", "tcpdump");
  const zs = ["conv,tcp", "conv,udp", "conv,ip", "conv,ipv6", "endpoints,tcp", "endpoints,udp", "endpoints,ip", "endpoints,ipv6", "follow,tcp,ascii,0"];
  const args = zs.flatMap((z) => ["-z", z]);
  // files whose truncated or malformed headers make tshark skip its conversation taps are left out
  for (const name of ["tcp-handshake-nano.pcap", "tfo-5c1fa7f9ae91.pcap", "icmpv6.pcap", "dhcpv6-ia-na.pcap", "babel.pcap", "print-flags.pcap"]) {
    corpus.test(name, async () => {
      const f = join(dir, name);
      const [a, b] = await Promise.all([tshark(["-r", f, "-q", ...args]), tsshark(["-r", f, "-q", ...args])]);
      expect(b.out).toBe(a.out);
    });
  }
});
