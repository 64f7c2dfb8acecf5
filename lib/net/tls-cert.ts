// A temporary self-signed X.509 v3 certificate made in process (RSA 2048 + SHA-256), for tsnc --ssl listeners.
//
// API (stable; tls.ts and the tsnc core use it):
//   generateTemporaryCert({commonName?, days?}) -> {certPem, keyPem, certDer}   no openssl CLI needed, so a
//                                                   compiled binary works alone;
//   sha1Fingerprint(der) -> "EA96 05FC ..."         ncat's grouping: upper-case hex in groups of four.
//   pemToDer(pem)                                    the first certificate of a PEM text.
//
// The DER writer below knows just what a certificate needs: SEQUENCE, SET, INTEGER, OID, NULL, BIT STRING,
// UTF8String, UTCTime and context tags.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

/** A DER TLV: tag byte, definite length, contents. */
function tlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + len.length + n);
  out[0] = tag;
  out.set(len, 1);
  out.set(body, 1 + len.length);
  return out;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const seq = (...parts: Uint8Array[]) => tlv(0x30, concat(parts));
const set = (...parts: Uint8Array[]) => tlv(0x31, concat(parts));
const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 + n, inner);
const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s));
const nullValue = () => tlv(0x05, new Uint8Array());
const bitString = (bytes: Uint8Array) => tlv(0x03, concat([Uint8Array.of(0), bytes]));
const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
const bool = (v: boolean) => tlv(0x01, Uint8Array.of(v ? 0xff : 0));

/** A non-negative INTEGER from big-endian bytes (a leading 0 keeps the sign bit clear). */
function integer(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, trimmed[0]! & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed);
}

function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime "YYMMDDHHMMSSZ" (valid for 1950-2049, which covers a temporary certificate). */
function utcTime(d: Date): Uint8Array {
  const p = (n: number) => String(n).padStart(2, "0");
  const text = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, new TextEncoder().encode(text));
}

const OID = {
  sha256WithRSA: "1.2.840.113549.1.1.11",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  subjectAltName: "2.5.29.17",
} as const;

function nameOf(commonName: string): Uint8Array {
  return seq(set(seq(oid(OID.commonName), utf8(commonName))));
}

/** subjectAltName: the common name as a DNS name (unless it is an address), plus the loopback addresses. */
function altNames(commonName: string): Uint8Array {
  const dns = /^[A-Za-z0-9.-]+$/.test(commonName) && !/^[\d.]+$/.test(commonName) ? [tlv(0x82, new TextEncoder().encode(commonName))] : [];
  const v4 = tlv(0x87, Uint8Array.of(127, 0, 0, 1));
  const v6 = tlv(0x87, Uint8Array.of(...Array(15).fill(0), 1));
  return seq(...dns, v4, v6);
}

export interface TemporaryCert {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certDer: Uint8Array;
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64").replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** Make a fresh RSA-2048 key and a self-signed certificate for it. */
export function generateTemporaryCert(o: { commonName?: string; days?: number } = {}): TemporaryCert {
  const commonName = o.commonName ?? "localhost";
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  const algorithm = seq(oid(OID.sha256WithRSA), nullValue());
  const now = Date.now();
  const tbs = seq(
    explicit(0, integer(Uint8Array.of(2))),
    integer(concat([Uint8Array.of(0x01), new Uint8Array(randomBytes(15))])),
    algorithm,
    nameOf(commonName),
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + (o.days ?? 365) * 86_400_000))),
    nameOf(commonName),
    spki,
    explicit(3, seq(seq(oid(OID.basicConstraints), bool(true), octetString(seq())), seq(oid(OID.subjectAltName), octetString(altNames(commonName))))),
  );
  const signature = new Uint8Array(sign("sha256", tbs, privateKey));
  const certDer = seq(tbs, algorithm, bitString(signature));
  return {
    certDer,
    certPem: pem("CERTIFICATE", certDer),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** ncat's fingerprint text: SHA-1 of the DER certificate, upper-case hex in groups of four. */
export function sha1Fingerprint(der: Uint8Array): string {
  const hex = createHash("sha1").update(der).digest("hex").toUpperCase();
  return hex.match(/.{4}/g)!.join(" ");
}

/** The DER bytes of the first certificate in a PEM text, or undefined when there is none. */
export function pemToDer(text: string): Uint8Array | undefined {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")) : undefined;
}
