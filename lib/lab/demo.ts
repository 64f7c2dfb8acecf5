// echo-lab demo: a server and a client in one process, one exchange over TCP and one over UDP on loopback, every step shown.
import { COURSE_PORT } from "./endpoint.ts";
import { DEFAULT_MAX_LINE, TCP_BUFSIZE, UDP_BUFSIZE } from "./defaults.ts";
import { startStreamServer } from "./stream-server.ts";
import { runStreamClient } from "./stream-client.ts";
import { makeTrace } from "./trace.ts";
import { startUdpServer } from "./udp-server.ts";
import { runUdpClient } from "./udp-client.ts";

const DEMO_TIMEOUT_MS = 5000;

/** Run the demo, writing every line to `write`; rejects if an exchange does not complete within a few seconds. */
export async function runDemo(write: (line: string) => void, hex = false): Promise<void> {
  const traceOpts = { calls: true, hex, write };
  const log = (l: string) => write(`echo-lab: ${l}`);
  const output = (b: Uint8Array) => write(new TextDecoder().decode(b).replace(/\n$/, ""));
  const source = { message: "hello from echo-lab", interval: 0, prompt: false };
  const io = { framing: "none" as const, chunk: 0, bufsize: TCP_BUFSIZE, maxLength: DEFAULT_MAX_LINE };
  // a timer cannot throw into runTool, so a stuck demo reports and exits from here (the build must not hang)
  const guard = setTimeout(() => {
    process.stderr.write(`echo-lab: demo did not finish within ${DEMO_TIMEOUT_MS / 1000} s\n`);
    process.exit(1);
  }, DEMO_TIMEOUT_MS);

  write(`== TCP: the course's upper-case server and client (an ephemeral port stands in for ${COURSE_PORT}) ==`);
  const tcp = await startStreamServer({
    io, at: { host: "127.0.0.1", port: 0 }, mode: "upper", sequential: false, maxClients: 0,
    trace: makeTrace(traceOpts, "server"), log,
  });
  await runStreamClient({ io, at: { host: "127.0.0.1", port: tcp.port }, source, trace: makeTrace(traceOpts, "client"), timeoutMs: DEMO_TIMEOUT_MS, log, output });
  await Bun.sleep(50); // let the server see the client's FIN and close its connection socket, so the trace shows it
  tcp.stop();

  write("");
  write("== UDP: no connection, every datagram carries the address ==");
  const udp = await startUdpServer({
    host: "127.0.0.1", port: 0, mode: "upper", lossy: { drop: 0, duplicate: 0, reorder: false }, bufsize: UDP_BUFSIZE,
    trace: makeTrace(traceOpts, "server"), log,
  });
  await runUdpClient({ host: "127.0.0.1", port: udp.port, source, trace: makeTrace(traceOpts, "client"), timeoutMs: DEMO_TIMEOUT_MS, bufsize: UDP_BUFSIZE, log, output });
  udp.stop();
  clearTimeout(guard);
  write("");
  write("demo finished: both exchanges worked.");
}
