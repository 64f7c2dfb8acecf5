// bun:ffi bindings to libc: raw sockets calls, errno and strerror, behind a small typed API. Loaded lazily.
import { dlopen, FFIType, ptr, read, type Pointer } from "bun:ffi";

const { i32, u32, i64, u64, ptr: P, cstring } = FFIType;

const symbols = {
  socket: { args: [i32, i32, i32], returns: i32 },
  bind: { args: [i32, P, u32], returns: i32 },
  connect: { args: [i32, P, u32], returns: i32 },
  listen: { args: [i32, i32], returns: i32 },
  accept: { args: [i32, P, P], returns: i32 },
  close: { args: [i32], returns: i32 },
  shutdown: { args: [i32, i32], returns: i32 },
  setsockopt: { args: [i32, i32, i32, P, u32], returns: i32 },
  getsockopt: { args: [i32, i32, i32, P, P], returns: i32 },
  getsockname: { args: [i32, P, P], returns: i32 },
  getpeername: { args: [i32, P, P], returns: i32 },
  send: { args: [i32, P, u64, i32], returns: i64 },
  recv: { args: [i32, P, u64, i32], returns: i64 },
  sendto: { args: [i32, P, u64, i32, P, u32], returns: i64 },
  recvfrom: { args: [i32, P, u64, i32, P, P], returns: i64 },
  sendmsg: { args: [i32, P, i32], returns: i64 },
  recvmsg: { args: [i32, P, i32], returns: i64 },
  read: { args: [i32, P, u64], returns: i64 },
  write: { args: [i32, P, u64], returns: i64 },
  fcntl: { args: [i32, i32, i32], returns: i32 },
  poll: { args: [P, u64, i32], returns: i32 },
  unlink: { args: [P], returns: i32 },
  getuid: { args: [], returns: u32 },
  geteuid: { args: [], returns: u32 },
  getpid: { args: [], returns: i32 },
  strerror: { args: [i32], returns: cstring },
  setns: { args: [i32, i32], returns: i32 },
  __errno_location: { args: [], returns: P },
} as const;

type Lib = ReturnType<typeof dlopen<typeof symbols>>;
let lib: Lib | undefined;

/** The libc symbols; opened on first use so tools that never touch raw sockets never load it. */
export function libc(): Lib["symbols"] {
  lib ??= dlopen(process.platform === "darwin" ? "libc.dylib" : "libc.so.6", symbols);
  return lib.symbols;
}

/** errno of the last failed call; read it immediately after the call that failed. */
export function errno(): number {
  return read.i32(libc().__errno_location() as Pointer, 0);
}

/** glibc's text for an errno, exactly as perror/err(3) print it ("Connection refused"). */
export function strerror(code: number): string {
  return String(libc().strerror(code));
}

/** An OS error carrying errno, its symbolic code when known, and strerror's text. */
export class SysError extends Error {
  constructor(
    readonly syscall: string,
    readonly errno: number,
  ) {
    super(strerror(errno));
    this.name = "SysError";
  }
  get code(): string {
    return ERRNO_NAMES[this.errno] ?? `E${this.errno}`;
  }
}

/** Throw SysError when a libc call returned a negative value; otherwise return the value. */
export function check<T extends number | bigint>(syscall: string, ret: T): T {
  if ((typeof ret === "bigint" ? ret < 0n : ret < 0)) throw new SysError(syscall, errno());
  return ret;
}

/** Pointer to the start of a buffer, for passing to a libc call. */
export const bufPtr = (b: Uint8Array): Pointer => ptr(b);

/** Linux errno numbers by name, for matching errors from Bun and libc alike. */
export const ERRNO = {
  EPERM: 1, ENOENT: 2, EINTR: 4, EBADF: 9, EAGAIN: 11, EACCES: 13, EEXIST: 17, EINVAL: 22,
  EPIPE: 32, ENOTSOCK: 88, EPROTONOSUPPORT: 93, EOPNOTSUPP: 95, EAFNOSUPPORT: 97, EADDRINUSE: 98,
  EADDRNOTAVAIL: 99, ENETUNREACH: 101, ECONNABORTED: 103, ECONNRESET: 104, ETIMEDOUT: 110,
  ECONNREFUSED: 111, EHOSTUNREACH: 113, EINPROGRESS: 115,
} as const;

const ERRNO_NAMES: Record<number, string> = Object.fromEntries(Object.entries(ERRNO).map(([k, v]) => [v, k]));

/** The errno number for a symbolic code such as "ECONNREFUSED" (as Bun and node:net report them). */
export function errnoOf(code: string | undefined): number | undefined {
  return code ? (ERRNO as Record<string, number>)[code] : undefined;
}

/** Socket constants for Linux. */
export const AF = { UNIX: 1, INET: 2, INET6: 10, NETLINK: 16, PACKET: 17 } as const;
export const SOCK = { STREAM: 1, DGRAM: 2, RAW: 3, NONBLOCK: 0o4000, CLOEXEC: 0o2000000 } as const;
export const SOL = { SOCKET: 1, IP: 0, IPV6: 41, TCP: 6 } as const;
export const SO = {
  DEBUG: 1, REUSEADDR: 2, BROADCAST: 6, SNDBUF: 7, RCVBUF: 8, KEEPALIVE: 9, REUSEPORT: 15,
} as const;
export const IP = { TOS: 1, TTL: 2, MINTTL: 21 } as const;
export const IPV6 = { UNICAST_HOPS: 16, TCLASS: 67, MINHOPCOUNT: 73, V6ONLY: 26 } as const;
export const SHUT = { RD: 0, WR: 1, RDWR: 2 } as const;

/** setsockopt with an int value. */
export function setIntOpt(fd: number, level: number, name: number, value: number): void {
  const b = new Int32Array([value]);
  check("setsockopt", libc().setsockopt(fd, level, name, ptr(b), 4));
}

/** getsockopt of an int value. */
export function getIntOpt(fd: number, level: number, name: number): number {
  const b = new Int32Array(1);
  const len = new Uint32Array([4]);
  check("getsockopt", libc().getsockopt(fd, level, name, ptr(b), ptr(len)));
  return b[0]!;
}

/**
 * Send one open fd over a unix socket with SCM_RIGHTS (one NUL data byte), as nc -F does. Throws SysError.
 * Layout is Linux x86-64/aarch64: msghdr 56 bytes, iovec 16, cmsghdr 16 + int.
 */
export function sendFd(sock: number, fd: number): void {
  const data = new Uint8Array(1);
  const iov = new BigUint64Array([BigInt(ptr(data)), 1n]);
  const control = new Uint8Array(24);
  const cv = new DataView(control.buffer);
  cv.setBigUint64(0, 20n, true); // CMSG_LEN(sizeof(int))
  cv.setInt32(8, SOL.SOCKET, true);
  cv.setInt32(12, 1 /* SCM_RIGHTS */, true);
  cv.setInt32(16, fd, true);
  const msg = new Uint8Array(56);
  const mv = new DataView(msg.buffer);
  mv.setBigUint64(16, BigInt(ptr(new Uint8Array(iov.buffer))), true);
  mv.setBigUint64(24, 1n, true);
  mv.setBigUint64(32, BigInt(ptr(control)), true);
  mv.setBigUint64(40, BigInt(control.length), true);
  while (true) {
    if (Number(libc().sendmsg(sock, ptr(msg), 0)) >= 0) return;
    const e = errno();
    if (e !== ERRNO.EINTR && e !== ERRNO.EAGAIN) throw new SysError("sendmsg", e);
  }
}

/** CLONE_NEWNET: the namespace type for setns(2) on a network namespace. */
export const CLONE_NEWNET = 0x40000000;

/** Move the calling thread into the network namespace open on `fd` (sockets it creates afterwards live there). */
export function enterNetns(fd: number): void {
  check("setns", libc().setns(fd, CLONE_NEWNET));
}
