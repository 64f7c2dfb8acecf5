// Measures live capture on lo (root): idle CPU, and a UDP burst captured by us and by tcpdump.
// Usage: bun test/capture/live-speed.ts [datagrams=200000]
// Traffic goes only to 127.0.0.1, from a bounded python3 sender, to a port nobody listens on.
import { openCapture } from "../../lib/capture/open.ts";

const total = Number(process.argv[2] ?? 200_000);

function sender(port: number): ReturnType<typeof Bun.spawn> {
  const py = `import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\nt=time.time()\nfor i in range(${total}):\n  s.sendto(b'x'*64,('127.0.0.1',${port}))\nprint(time.time()-t)`;
  return Bun.spawn(["python3", "-c", py], { stdout: "pipe", stderr: "ignore" });
}

const freeUdpPort = async (): Promise<number> => {
  const s = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0 });
  const p = s.port;
  s.close();
  return p;
};

async function idleCpu(): Promise<void> {
  const s = await openCapture({ interfaces: ["lo"], captureFilter: "udp port 9", autostop: { duration: 3 }, handleSignals: false });
  const before = process.cpuUsage();
  for await (const _ of s.batches);
  const used = process.cpuUsage(before);
  console.log(`idle: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU over 3 s of capture with no matching packets`);
}

async function ours(): Promise<void> {
  const port = await freeUdpPort();
  const s = await openCapture({ interfaces: ["lo"], captureFilter: `udp dst port ${port}`, bufferMiB: 8, handleSignals: false });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const tx = sender(port);
  let n = 0;
  void tx.exited.then(() => setTimeout(() => s.stop(), 500));
  for await (const b of s.batches) n += b.length;
  const cpu = process.cpuUsage(cpu0);
  const sendSec = Number(await new Response(tx.stdout as ReadableStream).text());
  const st = s.stats();
  console.log(`tsshark capture: ${n}/${total} captured, ${st.dropped} dropped (sender ${(total / sendSec / 1000).toFixed(0)} k/s), ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms wall`);
}

async function tcpdump(): Promise<void> {
  const port = await freeUdpPort();
  const p = Bun.spawn(["tcpdump", "-i", "lo", "-B", "8192", "-n", "-w", "/dev/null", `udp dst port ${port}`], { stdout: "ignore", stderr: "pipe" });
  await Bun.sleep(1000);
  const tx = sender(port);
  await tx.exited;
  await Bun.sleep(500);
  p.kill("SIGINT");
  const err = await new Response(p.stderr).text();
  await p.exited;
  const captured = /(\d+) packets? captured/.exec(err)?.[1];
  const dropped = /(\d+) packets? dropped by kernel/.exec(err)?.[1];
  console.log(`tcpdump capture: ${captured}/${total} captured, ${dropped} dropped`);
}

await idleCpu();
await ours();
await tcpdump();
