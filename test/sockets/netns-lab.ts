// A private network namespace per test file with the fixture's sockets in it, so ss and tsss see only our sockets.
import { join } from "node:path";
import { ours, run, type RunResult } from "../support/proc.ts";

export interface FixturePorts {
  pid: number;
  listen: number;
  v6: number;
  dual: number;
  estabServer: number;
  estabClient: number;
  halfServer: number;
  twServer: number;
  synPort: number;
  udp: number;
  udpPeer: number;
  unixPath: string;
  dgramPath: string;
}

export interface NetnsLab {
  readonly ns: string;
  readonly ports: FixturePorts;
  /** run a command inside the namespace */
  exec(cmd: readonly string[], env?: Record<string, string>): Promise<RunResult>;
  ss(args: readonly string[], env?: Record<string, string>): Promise<RunResult>;
  tsss(args: readonly string[], env?: Record<string, string>): Promise<RunResult>;
  close(): Promise<void>;
}

const SYN_TARGET = "10.77.0.2";

async function must(cmd: string[]): Promise<void> {
  const r = await run(cmd, { timeoutMs: 10_000 });
  if (r.code !== 0) throw new Error(`${cmd.join(" ")} failed: ${r.stderr}`);
}

/** Create the namespace (lo up, a veth pair so a SYN to 10.77.0.2 goes nowhere) and start the fixture in it. */
export async function openLab(tag: string): Promise<NetnsLab> {
  const ns = `tsss-${tag}-${process.pid}`;
  await must(["ip", "netns", "add", ns]);
  const inNs = (cmd: readonly string[]) => ["ip", "netns", "exec", ns, ...cmd];
  try {
    await must(inNs(["ip", "link", "set", "lo", "up"]));
    // A veth pair inside the namespace and a permanent neighbour entry: the SYN leaves v0, arrives on v1
    // for an address nobody owns, and is dropped; no ARP failure ever ends the SYN-SENT state.
    await must(inNs(["ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1"]));
    await must(inNs(["ip", "addr", "add", "10.77.0.1/24", "dev", "v0"]));
    await must(inNs(["ip", "link", "set", "v0", "up"]));
    await must(inNs(["ip", "link", "set", "v1", "up"]));
    await must(inNs(["ip", "neigh", "add", SYN_TARGET, "lladdr", "02:00:00:00:00:02", "dev", "v0", "nud", "permanent"]));
  } catch (e) {
    await run(["ip", "netns", "del", ns]);
    throw e;
  }
  const fixture = Bun.spawn(inNs([process.execPath, join(import.meta.dir, "fixture-states.ts"), "/tmp", SYN_TARGET]), {
    stdout: "pipe",
    stderr: "inherit",
    stdin: "ignore",
  });
  const reader = fixture.stdout.getReader();
  let text = "";
  const deadline = Date.now() + 15_000;
  while (!text.includes("\n") && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), Bun.sleep(15_000).then(() => ({ done: true, value: undefined }))]);
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  if (!text.includes("\n")) {
    fixture.kill("SIGKILL");
    await run(["ip", "netns", "del", ns]);
    throw new Error("fixture did not start");
  }
  const ports = JSON.parse(text.split("\n")[0]!) as FixturePorts;
  const exec = (cmd: readonly string[], env?: Record<string, string>) => run(inNs(cmd), { timeoutMs: 20_000, env });
  return {
    ns,
    ports,
    exec,
    ss: (args, env) => exec(["ss", ...args], env),
    tsss: (args, env) => exec([...ours("tsss"), ...args], env),
    async close() {
      fixture.kill("SIGTERM");
      const killer = setTimeout(() => fixture.kill("SIGKILL"), 3000);
      await fixture.exited;
      clearTimeout(killer);
      await run(["rm", "-f", ports.unixPath, ports.dgramPath]);
      await run(["ip", "netns", "del", ns]);
    },
  };
}
