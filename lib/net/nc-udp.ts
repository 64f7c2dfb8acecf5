// tsnc -u: UDP client (with nc's "X" probes under -v and -z) and UDP listener that locks to its first peer, as nc does.
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import { parsePort, parsePortArgs, shuffled } from "./ports.ts";
import { resolveHost, reverseName, type ResolvedAddress } from "./resolve.ts";
import { DatagramStream } from "./datagram-stream.ts";
import { unmapAddress } from "./bun-stream.ts";
import { dialOptionsOf, type SessionRunner } from "./nc-client.ts";
import { needsRawSocket } from "./raw-socket.ts";
import { openLibcDatagram } from "./unix-dgram.ts";
import { ToolError } from "../cli/error.ts";
import { strerror, errnoOf } from "../sys/libc.ts";
import type { AdmitCheck } from "./nc-listen.ts";

const lastArg = <T>(args: unknown[]): T => args[args.length - 1] as T;

/** A connected UDP socket to one address and port, as a DatagramStream. */
async function openUdp(to: ResolvedAddress, port: number, o: NcOptions): Promise<DatagramStream> {
  const d = dialOptionsOf(o);
  const { ttl, broadcast, ...rest } = d.tuning;
  if (needsRawSocket(rest)) return openLibcDatagram({ address: to.address, port, family: to.family }, d);
  let stream: DatagramStream | undefined;
  const bindHost = d.sourceAddr ?? (to.family === "IPv6" ? "::" : "0.0.0.0");
  let sock: Awaited<ReturnType<typeof Bun.udpSocket<"uint8array">>>;
  try {
    sock = await Bun.udpSocket({
      hostname: bindHost,
      port: d.sourcePort ?? 0,
      binaryType: "uint8array",
      connect: { hostname: to.address, port },
      socket: {
        data: (_s, buf) => stream?.deliver(buf),
        error: (...args: unknown[]) => stream?.fail(lastArg<Error>(args)),
      },
    });
  } catch (e) {
    const no = errnoOf((e as NodeJS.ErrnoException).code);
    throw new ToolError(`bind failed: ${no ? strerror(no) : (e as Error).message}`, 1);
  }
  if (ttl !== undefined) sock.setTTL(ttl);
  if (broadcast) sock.setBroadcast(true);
  stream = new DatagramStream(
    { send: (data) => sock.send(data), close: () => sock.close() },
    { family: to.family, address: unmapAddress(sock.address.address), port: sock.address.port },
    { family: to.family, address: to.address, port },
  );
  return stream;
}

/** nc's udptest: two "X" probes, then one a second for -w seconds (3 by default); refused means closed. */
async function probe(stream: DatagramStream, seconds: number): Promise<boolean> {
  let refused = false;
  void stream.closed.then((e) => (refused = e !== undefined));
  const x = new Uint8Array([88]);
  try {
    await stream.write(x);
    await stream.write(x);
    for (let i = 0; i < seconds && !refused; i++) {
      await Bun.sleep(1000);
      if (!refused) await stream.write(x);
    }
    await Bun.sleep(10);
  } catch {
    return false;
  }
  return !refused;
}

/** `tsnc -u host port...` */
export async function runUdpClient(o: NcOptions, r: NcReporter, session: SessionRunner): Promise<number> {
  const ports = parsePortArgs(o.ports, "udp");
  const host = o.host!;
  let addresses: ResolvedAddress[] | undefined;
  let anyOpen = false;
  for (const [i, port] of (o.randomize ? shuffled(ports) : ports).entries()) {
    if (i > 0 && o.intervalSec > 0) await Bun.sleep(o.intervalSec * 1000);
    addresses ??= await resolveHost(host, port, o.family, o.numeric);
    const to = addresses[0]!;
    const t0 = performance.now();
    const stream = await openUdp(to, port, o);
    // UDP "connects" always succeed; only -v makes nc probe (and so only -v can report a closed port)
    const open = o.verbose > 0 ? await probe(stream, o.timeoutSec && o.timeoutSec > 0 ? o.timeoutSec : 3) : true;
    if (o.zero && o.json) r.scanned(host, port, "udp", open, performance.now() - t0);
    if (!open) {
      await stream.close();
      continue;
    }
    anyOpen = true;
    r.connected(host, to.address, port, "udp");
    if (o.zero) await stream.close();
    else await session(stream);
  }
  return anyOpen ? 0 : 1;
}

/** `tsnc -lu [addr] port`: bind, then serve the first peer that sends; with -k, answer whoever sent last. */
export async function runUdpListener(o: NcOptions, r: NcReporter, session: SessionRunner, admit: AdmitCheck = () => true): Promise<number> {
  const port = parsePort(o.ports[0]!, "udp");
  const host = o.host ?? o.sourceAddr;
  const address = host === undefined ? (o.family === 6 ? "::" : "0.0.0.0") : (await resolveHost(host, port, o.family, o.numeric))[0]!.address;
  let stream: DatagramStream | undefined;
  let peer: { address: string; port: number } | undefined;
  let first!: () => void;
  const gotFirst = new Promise<void>((res) => (first = res));
  const pending: Uint8Array[] = [];
  let sock: Bun.udp.Socket<"uint8array">;
  try {
    sock = await Bun.udpSocket({
      hostname: address,
      port,
      binaryType: "uint8array",
      socket: {
        data(_s, buf, rport, raddr) {
          const from = { address: unmapAddress(raddr), port: rport };
          // --allow/--deny: a datagram from a refused host is dropped (UDP has nothing to reset)
          if ((!peer || o.keepOpen) && !admit({ family: raddr.includes(":") && !raddr.startsWith("::ffff:") ? "IPv6" : "IPv4", address: from.address, port: rport })) return;
          if (!peer) {
            peer = from;
            first();
          } else if (from.address !== peer.address || from.port !== peer.port) {
            if (!o.keepOpen) return; // locked to the first peer, as nc's connect() on the socket does
            peer = from;
          }
          if (stream) stream.deliver(buf);
          else pending.push(buf);
        },
        error() {
          // ICMP errors for an unconnected listener are not fatal
        },
      },
    });
  } catch (e) {
    const no = errnoOf((e as NodeJS.ErrnoException).code);
    throw new ToolError(no ? strerror(no) : (e as Error).message, 1);
  }
  const family = address.includes(":") ? "IPv6" : "IPv4";
  r.listening("Bound on", await reverseName(address, o.numeric), sock.port);
  await gotFirst;
  r.received(await reverseName(peer!.address, o.numeric), peer!.port);
  stream = new DatagramStream(
    { send: (data) => sock.send(data, peer!.port, peer!.address), close: () => sock.close() },
    { family, address, port: sock.port },
    { family, address: peer!.address, port: peer!.port },
  );
  for (const b of pending.splice(0)) stream.deliver(b);
  await session(stream);
  return 0;
}
