// Netlink plumbing in plain TypeScript: nlmsghdr framing, rtattr walking, and one dump request over a libc socket.
import { AF, SOCK, SysError, bufPtr, check, errno, libc } from "../sys/libc.ts";

/** Netlink protocols we open. */
export const NETLINK = { ROUTE: 0, SOCK_DIAG: 4 } as const;

/** nlmsghdr flags and control message types. */
export const NLM_F = { REQUEST: 0x1, MULTI: 0x2, ACK: 0x4, ROOT: 0x100, MATCH: 0x200, DUMP: 0x300 } as const;
export const NLMSG = { NOOP: 1, ERROR: 2, DONE: 3 } as const;

const HDR = 16;
/** Netlink messages and attributes are padded to four bytes. */
export const align4 = (n: number): number => (n + 3) & ~3;

/**
 * One message of a dump, valid only during the callback: its type, and its payload (after the 16-byte header)
 * as `length` bytes at `base` in `view`. `data` makes a view of just the payload, for decoders not on a hot path.
 */
export class NlMessage {
  constructor(
    readonly type: number,
    readonly view: DataView,
    readonly base: number,
    readonly length: number,
  ) {}
  get data(): DataView {
    return new DataView(this.view.buffer, this.view.byteOffset + this.base, this.length);
  }
}

/** Frame a request: a header (type, flags, seq) followed by the payload. */
export function nlRequest(type: number, flags: number, payload: Uint8Array, seq = 123456): Uint8Array {
  const out = new Uint8Array(HDR + align4(payload.length));
  const v = new DataView(out.buffer);
  v.setUint32(0, out.length, true);
  v.setUint16(4, type, true);
  v.setUint16(6, flags, true);
  v.setUint32(8, seq, true);
  v.setUint32(12, 0, true);
  out.set(payload, HDR);
  return out;
}

/** Append one rtattr (type + value) to a request payload, padded. */
export function withAttr(payload: Uint8Array, type: number, value: Uint8Array): Uint8Array {
  const start = align4(payload.length);
  const out = new Uint8Array(start + align4(4 + value.length));
  out.set(payload, 0);
  const v = new DataView(out.buffer);
  v.setUint16(start, 4 + value.length, true);
  v.setUint16(start + 2, type, true);
  out.set(value, start + 4);
  return out;
}

/** The attributes after a fixed-size struct, by type (the last one of a type wins, as parse_rtattr does). */
export function parseAttrs(msg: DataView, offset: number): Map<number, DataView> {
  const attrs = new Map<number, DataView>();
  let at = offset;
  while (at + 4 <= msg.byteLength) {
    const len = msg.getUint16(at, true);
    const type = msg.getUint16(at + 2, true) & 0x3fff; // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
    if (len < 4 || at + len > msg.byteLength) break;
    attrs.set(type, new DataView(msg.buffer, msg.byteOffset + at + 4, len - 4));
    at += align4(len);
  }
  return attrs;
}

/** A netlink request the kernel refused (NLMSG_ERROR with a negative errno). */
export class NetlinkError extends Error {
  constructor(readonly errno: number) {
    super(`netlink error ${errno}`);
    this.name = "NetlinkError";
  }
}

const RECV_BUF = 1 << 20;

/**
 * Send one dump request on a fresh netlink socket and hand every reply message to `onMessage`
 * until NLMSG_DONE. Throws SysError when the socket cannot be opened, NetlinkError when the kernel
 * answers with an error (e.g. a protocol it has no diag module for).
 */
export function nlDump(protocol: number, request: Uint8Array, onMessage: (m: NlMessage) => void): void {
  nlDumpRaw(protocol, request, (type, view, base, length) => onMessage(new NlMessage(type, view, base, length)));
}

/** nlDump without a message object: the payload is `length` bytes at `base` in `view` (hot paths). */
export function nlDumpRaw(
  protocol: number,
  request: Uint8Array,
  onMessage: (type: number, view: DataView, base: number, length: number) => void,
  /** every received batch as the kernel sent it (ss -D writes these to its dump file) */
  onBatch?: (bytes: Uint8Array) => void,
): void {
  const c = libc();
  const fd = check("socket", c.socket(AF.NETLINK, SOCK.RAW | SOCK.CLOEXEC, protocol));
  try {
    const sa = new Uint8Array(12);
    new DataView(sa.buffer).setUint16(0, AF.NETLINK, true);
    check("sendto", c.sendto(fd, bufPtr(request), request.length, 0, bufPtr(sa), 12));
    const buf = new Uint8Array(RECV_BUF);
    const view = new DataView(buf.buffer);
    const bp = bufPtr(buf);
    for (;;) {
      const n = Number(c.recv(fd, bp, RECV_BUF, 0));
      if (n < 0) {
        const e = errno();
        if (e === 4) continue; // EINTR
        throw new SysError("recv", e);
      }
      if (n === 0) return;
      onBatch?.(buf.slice(0, align4(n)));
      let at = 0;
      while (at + HDR <= n) {
        const len = view.getUint32(at, true);
        const type = view.getUint16(at + 4, true);
        if (len < HDR || at + len > n) break;
        if (type === NLMSG.DONE) {
          // A dump reports a failure (e.g. no diag module for the protocol) as a negative errno in DONE.
          const err = len >= HDR + 4 ? view.getInt32(at + HDR, true) : 0;
          if (err < 0) throw new NetlinkError(-err);
          return;
        }
        if (type === NLMSG.ERROR) {
          const err = view.getInt32(at + HDR, true);
          if (err !== 0) throw new NetlinkError(-err);
        } else if (type !== NLMSG.NOOP) {
          onMessage(type, view, at + HDR, len - HDR);
        }
        at += align4(len);
      }
    }
  } finally {
    c.close(fd);
  }
}

/** A netlink socket for one-off requests that want an acknowledgement (SOCK_DESTROY): open once, ask many times. */
export class NlRequester {
  private readonly fd: number;
  private readonly buf = new Uint8Array(8192);
  private seq = 1;
  constructor(protocol: number) {
    this.fd = check("socket", libc().socket(AF.NETLINK, SOCK.RAW | SOCK.CLOEXEC, protocol));
  }
  /** Send a request with NLM_F_ACK and return the kernel's errno for it (0 = done). */
  ask(type: number, payload: Uint8Array): number {
    const c = libc();
    const seq = ++this.seq;
    const req = nlRequest(type, NLM_F.REQUEST | NLM_F.ACK, payload, seq);
    const sa = new Uint8Array(12);
    new DataView(sa.buffer).setUint16(0, AF.NETLINK, true);
    check("sendto", c.sendto(this.fd, bufPtr(req), req.length, 0, bufPtr(sa), 12));
    const view = new DataView(this.buf.buffer);
    for (let tries = 0; tries < 64; tries++) {
      const n = Number(c.recv(this.fd, bufPtr(this.buf), this.buf.length, 0));
      if (n < 0) {
        if (errno() === 4) continue;
        throw new SysError("recv", errno());
      }
      for (let at = 0; at + HDR <= n; ) {
        const len = view.getUint32(at, true);
        if (len < HDR) break;
        if (view.getUint16(at + 4, true) === NLMSG.ERROR && view.getUint32(at + 8, true) === seq) return -view.getInt32(at + HDR, true);
        at += align4(len);
      }
    }
    return 0;
  }
  close(): void {
    libc().close(this.fd);
  }
}

/**
 * Join multicast groups (a bit mask, as in sockaddr_nl.nl_groups) and hand every message to `onMessage`
 * until it returns false. Blocks the calling thread between messages, as a live view should.
 */
export function nlSubscribe(protocol: number, groups: number, onMessage: (m: NlMessage) => boolean): void {
  const c = libc();
  const fd = check("socket", c.socket(AF.NETLINK, SOCK.RAW | SOCK.CLOEXEC, protocol));
  try {
    const sa = new Uint8Array(12);
    const v = new DataView(sa.buffer);
    v.setUint16(0, AF.NETLINK, true);
    v.setUint32(8, groups >>> 0, true);
    check("bind", c.bind(fd, bufPtr(sa), 12));
    const buf = new Uint8Array(RECV_BUF);
    const view = new DataView(buf.buffer);
    for (;;) {
      const n = Number(c.recv(fd, bufPtr(buf), RECV_BUF, 0));
      if (n < 0) {
        if (errno() === 4) continue;
        throw new SysError("recv", errno());
      }
      for (let at = 0; at + HDR <= n; ) {
        const len = view.getUint32(at, true);
        if (len < HDR || at + len > n) break;
        if (!onMessage(new NlMessage(view.getUint16(at + 4, true), view, at + HDR, len - HDR))) return;
        at += align4(len);
      }
    }
  } finally {
    c.close(fd);
  }
}
