// The Internet checksum (RFC 1071) over packet bytes, with an optional IPv6 pseudo-header, for the protocols Wireshark verifies by default.

/** One's-complement sum of 16-bit words of data[off, off+len), folded into 16 bits, plus `acc`. */
export function sum16(data: Uint8Array, off: number, len: number, acc = 0): number {
  let s = acc;
  const end = off + len - 1;
  let i = off;
  for (; i < end; i += 2) s += (data[i]! << 8) | data[i + 1]!;
  if (i === end) s += data[i]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** The checksum over the bytes is right when the folded sum (checksum field included) is 0xffff. */
export function checksumOk(sum: number): boolean {
  return sum === 0xffff;
}

/** The value the checksum field should have held, given the sum computed with the field included. */
export function expectedChecksum(sumWithField: number, field: number): number {
  // remove the field from the sum, then complement
  let s = sumWithField + (~field & 0xffff);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The IPv6 pseudo-header sum (RFC 8200 §8.1): addresses, upper-layer length, next header. */
export function ipv6PseudoSum(data: Uint8Array, src: number, dst: number, length: number, nxt: number): number {
  let s = sum16(data, src, 16);
  s = sum16(data, dst, 16, s);
  s += (length >>> 16) + (length & 0xffff) + nxt;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}
