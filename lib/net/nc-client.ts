// tsnc's connect side: TCP and unix stream clients, and the -z port scan, with nc's texts and exit codes.
import { SysError, sendFd } from "../sys/libc.ts";
import { QuietExit, ToolError } from "../cli/error.ts";
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import { parsePort, parsePortArgs, shuffled } from "./ports.ts";
import { resolveHost, type ResolvedAddress } from "./resolve.ts";
import { ipFamily } from "./sockaddr.ts";
import { ConnectTimeout, dialTcp, dialTcpFd, dialUnix, type DialOptions } from "./dial.ts";
import type { ByteStream } from "./stream.ts";

/** What to do with each connected stream (relay, exec, -F ...); resolves when the session is over. */
export type SessionRunner = (stream: ByteStream) => Promise<void>;

/** How the client opens a TCP connection: directly, or through a proxy (-x / --proxy). */
export type TcpDialer = (host: string, to: ResolvedAddress, port: number, d: DialOptions) => Promise<ByteStream>;

export const directDialer: TcpDialer = (_host, to, port, d) => dialTcp(to, port, d);

/** -F: a dialer that hands the connected socket to the process on our stdout (a unix socket), then exits 0. */
export const fdPassDialer: TcpDialer = async (_host, to, port, d) => {
  const { isatty } = await import("node:tty");
  if (isatty(1)) throw new ToolError("Cannot pass file descriptor to tty", 1);
  const fd = await dialTcpFd(to, port, d);
  try {
    sendFd(1, fd);
  } catch (e) {
    throw new ToolError(`sendmsg: ${(e as Error).message}`, 1);
  }
  throw new QuietExit(0);
};

export function dialOptionsOf(o: NcOptions): DialOptions {
  return {
    timeoutMs: o.timeoutSec !== undefined && o.timeoutSec > 0 ? o.timeoutSec * 1000 : undefined,
    sourceAddr: o.sourceAddr,
    sourcePort: o.sourcePort === undefined ? undefined : parsePort(o.sourcePort, o.udp ? "udp" : "tcp"),
    tuning: { tos: o.tos, ttl: o.ttl, minTtl: o.minTtl, recvBuf: o.recvBuf, sndBuf: o.sndBuf, debug: o.soDebug, broadcast: o.broadcast },
  };
}

/** `tsnc -U path`: connect to a unix stream socket and run the session. */
export async function runUnixClient(o: NcOptions, session: SessionRunner): Promise<number> {
  const stream = await dialUnix(o.host!);
  if (o.zero) await stream.close(); // -zU: connecting is the whole check
  else await session(stream);
  return 0;
}

/**
 * `tsnc host port...`: for each port (in order, or shuffled with -r), try each address until one connects.
 * With -z the connection is closed at once. rc 0 when any port connected, else 1 (nc's rule).
 */
export async function runTcpClient(
  o: NcOptions,
  r: NcReporter,
  session: SessionRunner,
  dial: TcpDialer = directDialer,
  /** false through a proxy: the proxy resolves the destination, so its name is passed on as typed */
  resolveTarget = true,
): Promise<number> {
  const ports = parsePortArgs(o.ports, "tcp");
  const order = o.randomize ? shuffled(ports) : ports;
  const d = dialOptionsOf(o);
  const host = o.host!;
  let addresses: ResolvedAddress[] | undefined;
  let anyOpen = false;
  for (const [i, port] of order.entries()) {
    if (i > 0 && o.intervalSec > 0) await Bun.sleep(o.intervalSec * 1000);
    addresses ??= resolveTarget ? await resolveHost(host, port, o.family, o.numeric) : [{ address: host, family: ipFamily(host) === 6 ? "IPv6" : "IPv4" }];
    let stream: ByteStream | undefined;
    const t0 = performance.now();
    let address = addresses[0]!.address;
    for (const to of addresses) {
      address = to.address;
      try {
        stream = await dial(host, to, port, d);
        break;
      } catch (e) {
        if (e instanceof ToolError || e instanceof QuietExit) throw e;
        const timedOut = e instanceof ConnectTimeout;
        if (!(e instanceof SysError) && !timedOut) throw e;
        r.connectFailed(host, to.address, port, "tcp", e.message, timedOut);
      }
    }
    if (o.zero && o.json) r.scanned(host, port, "tcp", stream !== undefined, performance.now() - t0);
    if (!stream) continue;
    anyOpen = true;
    r.connected(host, address, port, "tcp");
    if (o.zero) {
      await stream.close(false); // a plain close (FIN), as nc's -z does
      continue;
    }
    await session(stream);
  }
  return anyOpen ? 0 : 1;
}
