// struct sockaddr_in / sockaddr_in6 / sockaddr_un as bytes, for libc calls (Linux layout, network byte order ports).

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-f:.]+(%[\w.-]+)?$/i;

/** 4 or 6 for an IP literal, else 0 (node:net's isIP without loading node:net, which costs ~15 ms at startup). */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  if (!IPV6.test(text) || (text.match(/::/g)?.length ?? 0) > 1) return 0;
  const body = text.replace(/%.*$/, "");
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (tail && !IPV4.test(tail[1]!)) return 0;
  const groups = (tail ? body.slice(0, -tail[1]!.length) + "0:0" : body).split(":");
  const compressed = body.includes("::");
  if (groups.some((g) => g.length > 4) || (!compressed && groups.length !== 8) || (compressed && groups.length > 9)) return 0;
  if (!compressed && groups.some((g) => g === "")) return 0;
  return 6;
}

/** Encode an IP address and port (sin_family, sin_port, address). */
export function sockaddrIp(address: string, port: number): Uint8Array {
  if (ipFamily(address) === 4) {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setUint16(0, 2, true);
    v.setUint16(2, port, false);
    address.split(".").forEach((o, i) => (b[4 + i] = Number(o)));
    return b;
  }
  if (ipFamily(address) !== 6) throw new Error(`not an IP address: ${address}`);
  const b = new Uint8Array(28);
  const v = new DataView(b.buffer);
  v.setUint16(0, 10, true);
  v.setUint16(2, port, false);
  b.set(ipv6Bytes(address), 8);
  return b;
}

/** The 16 bytes of an IPv6 literal (with :: compression and an optional dotted IPv4 tail). */
export function ipv6Bytes(address: string): Uint8Array {
  let text = address.replace(/%.*$/, "");
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const o = tail[1]!.split(".").map(Number);
    text = text.slice(0, -tail[1]!.length) + `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const r = rest ? rest.split(":") : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}

/** Encode a unix socket path; a leading "@" means Linux's abstract namespace (a NUL first byte). */
export function sockaddrUnix(path: string): Uint8Array {
  const name = new TextEncoder().encode(path.startsWith("@") ? "\0" + path.slice(1) : path);
  if (name.length > 107) throw new Error(`socket path too long: ${path}`);
  const b = new Uint8Array(2 + name.length + (path.startsWith("@") ? 0 : 1));
  new DataView(b.buffer).setUint16(0, 1, true);
  b.set(name, 2);
  return b;
}

/** Decode a sockaddr written by the kernel (getsockname, recvfrom, accept). */
export function decodeSockaddr(b: Uint8Array, len: number): { family: "IPv4" | "IPv6" | "unix"; address: string; port: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fam = v.getUint16(0, true);
  if (fam === 2) return { family: "IPv4", address: [...b.subarray(4, 8)].join("."), port: v.getUint16(2, false) };
  if (fam === 10) {
    const groups: string[] = [];
    for (let i = 0; i < 8; i++) groups.push(v.getUint16(8 + i * 2, false).toString(16));
    return { family: "IPv6", address: compressIpv6(groups), port: v.getUint16(2, false) };
  }
  const raw = b.subarray(2, Math.max(2, len));
  const abstract = raw.length > 0 && raw[0] === 0;
  const text = new TextDecoder().decode(abstract ? raw.subarray(1) : raw).replace(/\0.*$/s, "");
  return { family: "unix", address: abstract ? "@" + text : text, port: 0 };
}

function compressIpv6(groups: string[]): string {
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    const a = parseInt(groups[6]!, 16), c = parseInt(groups[7]!, 16);
    return `::ffff:${a >> 8}.${a & 255}.${c >> 8}.${c & 255}`;
  }
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}
