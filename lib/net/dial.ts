// Outgoing stream connections as ByteStreams: plain Bun.connect, or a libc socket (source address/port, TOS, TTL...) adopted by Bun.
import { SysError, errnoOf, ERRNO } from "../sys/libc.ts";
import { BunSocketStream, streamHandlers } from "./bun-stream.ts";
import type { ByteStream } from "./stream.ts";
import { applyTuning, bindSocket, closeFd, connectSocket, ConnectTimeout, needsRawSocket, openSocket, type SocketTuning } from "./raw-socket.ts";
import { sockaddrIp, sockaddrUnix } from "./sockaddr.ts";
import type { ResolvedAddress } from "./resolve.ts";
import { ToolError } from "../cli/error.ts";

export { ConnectTimeout };

export interface DialOptions {
  readonly timeoutMs?: number; // -w
  readonly sourceAddr?: string; // -s
  readonly sourcePort?: number; // -p
  readonly tuning: SocketTuning;
  /** --ssl: Bun's TLS options for the client side */
  readonly tls?: Bun.TLSOptions;
}

/** A Bun connect error as a SysError, so messages use glibc's strerror text ("Connection refused"). */
function asSysError(e: unknown): Error {
  if (e instanceof SysError || e instanceof ConnectTimeout || e instanceof ToolError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const no = errnoOf(code) ?? (typeof (e as NodeJS.ErrnoException)?.errno === "number" ? Math.abs((e as NodeJS.ErrnoException).errno!) : undefined);
  return no ? new SysError("connect", no) : (e as Error);
}

function withTimeout<T>(p: Promise<T>, ms: number | undefined, onLate: (v: T) => void): Promise<T> {
  if (ms === undefined) return p;
  return new Promise((resolve, reject) => {
    let late = false;
    const t = setTimeout(() => ((late = true), reject(new ConnectTimeout())), ms);
    p.then(
      (v) => (late ? onLate(v) : (clearTimeout(t), resolve(v))),
      (e) => (late ? undefined : (clearTimeout(t), reject(e))),
    );
  });
}

/** Adopt a connected libc fd into Bun as a ByteStream. */
export async function adoptFd(fd: number, unixPath?: string, tls?: DialOptions["tls"]): Promise<BunSocketStream> {
  const stream = new BunSocketStream(unixPath);
  await Bun.connect({ fd, allowHalfOpen: true, data: stream, socket: streamHandlers(undefined, unixPath), ...(tls ? { tls } : {}) } as unknown as Parameters<typeof Bun.connect>[0]);
  return stream;
}

/** Connect TCP to one address. Throws SysError (bind or connect), ConnectTimeout, or ToolError for bad tuning. */
export async function dialTcp(to: ResolvedAddress, port: number, o: DialOptions): Promise<BunSocketStream> {
  if (!needsRawSocket(o.tuning, o.sourceAddr, o.sourcePort)) {
    const stream = new BunSocketStream();
    const connecting = Bun.connect({ hostname: to.address, port, allowHalfOpen: true, data: stream, socket: streamHandlers(), ...(o.tls ? { tls: o.tls } : {}) });
    try {
      await withTimeout(connecting, o.timeoutMs, (s) => s.terminate());
    } catch (e) {
      throw asSysError(e);
    }
    return stream;
  }
  return adoptFd(await dialTcpFd(to, port, o), undefined, o.tls);
}

/** Connect TCP with a libc socket and return the fd itself (for -F, which hands it to another process). */
export async function dialTcpFd(to: ResolvedAddress, port: number, o: DialOptions): Promise<number> {
  const fd = openSocket(to.family, "stream");
  try {
    applyTuning(fd, to.family, o.tuning);
    if (o.sourceAddr !== undefined || o.sourcePort !== undefined) {
      try {
        bindSocket(fd, o.sourceAddr ?? (to.family === "IPv6" ? "::" : "0.0.0.0"), o.sourcePort ?? 0);
      } catch (e) {
        throw new ToolError(`bind failed: ${(e as Error).message}`, 1);
      }
    }
    await connectSocket(fd, sockaddrIp(to.address, port), o.timeoutMs);
  } catch (e) {
    closeFd(fd);
    throw e;
  }
  return fd;
}

/** Connect to a unix stream socket; nc words failures "<path>: <strerror>". */
export async function dialUnix(path: string): Promise<ByteStream> {
  if (path.startsWith("@")) {
    // Bun takes abstract names with a leading NUL; go through libc so "@name" behaves as in nc
    const fd = openSocket("unix", "stream");
    try {
      await connectSocket(fd, sockaddrUnix(path));
    } catch (e) {
      closeFd(fd);
      throw new ToolError(`${path}: ${(e as Error).message}`, 1);
    }
    return adoptFd(fd, path);
  }
  const stream = new BunSocketStream(path);
  try {
    await Bun.connect({ unix: path, allowHalfOpen: true, data: stream, socket: streamHandlers(undefined, path) });
  } catch (e) {
    const err = asSysError(e);
    const text = err instanceof SysError ? err.message : new SysError("connect", ERRNO.ECONNREFUSED).message;
    throw new ToolError(`${path}: ${text}`, 1);
  }
  return stream;
}
