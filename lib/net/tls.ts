// tsnc --ssl and its options: the Bun.listen/Bun.connect tls objects, ncat's checks and ncat's -v texts.
//
// API (stable; the tsnc core wires it in):
//   serverTls(flags) -> {tls, generated, fingerprint, verboseLines}
//       tls: pass as Bun.listen({ tls }); without --ssl-cert/--ssl-key a temporary RSA-2048 certificate is
//       made in process (tls-cert.ts); verboseLines: what ncat -v prints before "Listening on" (without the
//       "tsnc: " prefix). Bad flags throw ToolError with ncat's texts, rc 2.
//   clientTls(flags) -> TLSOptions for Bun.connect({ tls }): verification only with --ssl-verify (against the
//       system store, read from its PEM bundle as OpenSSL does, or --ssl-trustfile), SNI from --ssl-servername (else the host name when it is a name),
//       ALPN from --ssl-alpn "h2,http/1.1".
//   clientHandshakeLines(cert, authorizationError, peer) -> ncat's -v lines after a client handshake.
//   verifyFailure(authorizationError) -> the ToolError for --ssl-verify when the handshake was not authorized.
//   alpnWire(list) -> the ALPN protocol list in wire format.
import { existsSync, readFileSync } from "node:fs";
import type { TLSOptions } from "bun";
import { ToolError } from "../cli/error.ts";
import { generateTemporaryCert, pemToDer, sha1Fingerprint } from "./tls-cert.ts";
import { ipFamily } from "./sockaddr.ts";

/** ncat's exit status for bad TLS flags and files. */
export const TLS_EXIT = 2;

export const TLS_MESSAGES = {
  generating: "Generating a temporary 2048-bit RSA key. Use --ssl-key and --ssl-cert to use a permanent one.",
  fingerprint: (fp: string) => `SHA-1 fingerprint: ${fp}`,
  certKeyTogether: "The --ssl-key and --ssl-cert options must be used together. QUITTING.",
  loadCert: (reason: string) => `SSL_CTX_use_certificate_chain_file(): ${reason}. QUITTING.`,
  loadKey: (reason: string) => `SSL_CTX_use_PrivateKey_file(): ${reason}. QUITTING.`,
  /** the OpenSSL reason follows on a line of its own (see clientTls) */
  trustFile: (path: string, _reason: string) => `Could not load trusted certificates from ${path}.`,
  verifyFailedWarning: (why: string) => `Certificate verification failed (${why}).`,
  sslConnection: (peer: string) => `SSL connection to ${peer}.`,
  /** what ncat -v --ssl-verify prints when the server is not trusted (rc 1) */
  verifyRefused: "Input/output error.",
} as const;

export interface TlsServerFlags {
  readonly certFile?: string;
  readonly keyFile?: string;
  /** --ssl-alpn on a listener: the protocols offered, in order of preference */
  readonly alpn?: string;
  /** --ssl-ciphers (OpenSSL cipher list) */
  readonly ciphers?: string;
  /** the name put into a generated certificate (ncat uses the listen address) */
  readonly commonName?: string;
}

export interface ServerTls {
  readonly tls: TLSOptions;
  readonly generated: boolean;
  readonly fingerprint: string;
  readonly verboseLines: readonly string[];
}

export interface TlsClientFlags {
  readonly verify: boolean;
  readonly trustFile?: string;
  readonly serverName?: string;
  readonly alpn?: string;
  readonly ciphers?: string;
  /** a client certificate (--ssl-cert/--ssl-key on a client) */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** the host as the user typed it: a name becomes the SNI unless --ssl-servername says otherwise */
  readonly host: string;
}

/** "h2,http/1.1" -> [2,'h','2',8,'h','t',...]: the list form TLS carries. */
export function alpnWire(list: string): Uint8Array {
  const out: number[] = [];
  for (const name of list.split(",").filter((n) => n !== "")) {
    const b = new TextEncoder().encode(name);
    if (b.length > 255) throw new ToolError(`Invalid ALPN protocol "${name}". QUITTING.`, TLS_EXIT);
    out.push(b.length, ...b);
  }
  return Uint8Array.from(out);
}

/** OpenSSL's error texts for files it cannot use, as ncat prints them. */
function fileProblem(path: string, kind: "CERTIFICATE" | "PRIVATE KEY"): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === "ENOENT" ? "error:80000002:system library::No such file or directory" : `error:8000000D:system library::Permission denied`;
  }
  const found = kind === "CERTIFICATE" ? /-----BEGIN CERTIFICATE-----/.test(text) : /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(text);
  return found ? undefined : "error:0480006C:PEM routines::no start line";
}

function readPem(path: string, kind: "CERTIFICATE" | "PRIVATE KEY"): string {
  const problem = fileProblem(path, kind);
  if (problem) throw new ToolError(kind === "CERTIFICATE" ? TLS_MESSAGES.loadCert(problem) : TLS_MESSAGES.loadKey(problem), TLS_EXIT);
  return readFileSync(path, "utf8");
}

function certAndKey(certFile: string | undefined, keyFile: string | undefined): { cert: string; key: string } | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new ToolError(TLS_MESSAGES.certKeyTogether, TLS_EXIT);
  return { cert: readPem(certFile, "CERTIFICATE"), key: readPem(keyFile, "PRIVATE KEY") };
}

/** The listener's TLS: the given certificate and key, or a temporary pair. */
export function serverTls(flags: TlsServerFlags): ServerTls {
  const given = certAndKey(flags.certFile, flags.keyFile);
  const extras: TLSOptions = {
    ...(flags.alpn ? { ALPNProtocols: alpnWire(flags.alpn) } : {}),
    ...(flags.ciphers ? { ciphers: flags.ciphers } : {}),
  };
  if (given) {
    const der = pemToDer(given.cert);
    return { tls: { ...given, ...extras }, generated: false, fingerprint: der ? sha1Fingerprint(der) : "", verboseLines: [] };
  }
  const made = generateTemporaryCert({ commonName: flags.commonName });
  const fingerprint = sha1Fingerprint(made.certDer);
  return {
    tls: { cert: made.certPem, key: made.keyPem, ...extras },
    generated: true,
    fingerprint,
    verboseLines: [TLS_MESSAGES.generating, TLS_MESSAGES.fingerprint(fingerprint)],
  };
}

/**
 * The system's trust store as one PEM bundle (Debian/Ubuntu, then Fedora/RHEL, Alpine, openSUSE), so
 * --ssl-verify trusts what OpenSSL and ncat trust, local CAs added with update-ca-certificates included,
 * rather than only the Mozilla list built into Bun. Undefined when none is there (Bun's list is used).
 */
export function systemTrustBundle(): string | undefined {
  const bundles = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem", "/etc/ssl/ca-bundle.pem"];
  for (const path of bundles) {
    if (!existsSync(path)) continue;
    try {
      return readFileSync(path, "utf8");
    } catch {
      /* unreadable: try the next one */
    }
  }
  return undefined;
}

/** The client's TLS options. Without --ssl-verify any certificate is accepted, as ncat. */
export function clientTls(flags: TlsClientFlags): TLSOptions {
  let ca: string | undefined;
  if (flags.trustFile !== undefined) {
    const problem = fileProblem(flags.trustFile, "CERTIFICATE");
    if (problem) throw new ToolError(TLS_MESSAGES.trustFile(flags.trustFile, problem), TLS_EXIT, [`${problem} QUITTING.`]);
    ca = readFileSync(flags.trustFile, "utf8");
  } else if (flags.verify) {
    ca = systemTrustBundle();
  }
  const mine = certAndKey(flags.certFile, flags.keyFile);
  const sni = flags.serverName ?? (ipFamily(flags.host) === 0 ? flags.host : undefined);
  return {
    rejectUnauthorized: flags.verify,
    ...(ca !== undefined ? { ca } : {}),
    ...(sni !== undefined ? { serverName: sni } : {}),
    ...(flags.alpn ? { ALPNProtocols: alpnWire(flags.alpn) } : {}),
    ...(flags.ciphers ? { ciphers: flags.ciphers } : {}),
    ...(mine ?? {}),
  };
}

/** What a peer certificate looks like to clientHandshakeLines (node:tls PeerCertificate has these fields). */
export interface PeerCertSummary {
  readonly subject?: Record<string, string | string[]>;
  readonly issuer?: Record<string, string | string[]>;
  readonly raw?: Uint8Array;
}

/** "CN=x, O=y" in ncat's one-line form ("CN=127.0.0.1"). */
function distinguishedName(dn: Record<string, string | string[]> | undefined): string {
  if (!dn) return "";
  return Object.entries(dn)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ");
}

/** OpenSSL's short reason for a verification error, as ncat shows it in parentheses. */
export function verifyReason(err: Error | null): string {
  if (!err) return "";
  const code = (err as { code?: string }).code ?? "";
  const reasons: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
    SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in certificate chain",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to verify the first certificate",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "unable to get local issuer certificate",
    CERT_HAS_EXPIRED: "certificate has expired",
    ERR_TLS_CERT_ALTNAME_INVALID: "hostname mismatch",
  };
  return reasons[code] ?? err.message.toLowerCase();
}

/** ncat -v's lines after a client handshake (without the "tsnc: " prefix). */
export function clientHandshakeLines(cert: PeerCertSummary | undefined, authorizationError: Error | null, peer: string): string[] {
  const fp = cert?.raw && cert.raw.length > 0 ? sha1Fingerprint(cert.raw) : undefined;
  const lines: string[] = [];
  if (cert?.subject) lines.push(`Subject: ${distinguishedName(cert.subject)}`);
  if (cert?.issuer) lines.push(`Issuer: ${distinguishedName(cert.issuer)}`);
  if (fp) lines.push(TLS_MESSAGES.fingerprint(fp));
  if (authorizationError) lines.push(TLS_MESSAGES.verifyFailedWarning(verifyReason(authorizationError)));
  lines.push(TLS_MESSAGES.sslConnection(peer));
  if (fp) lines.push(TLS_MESSAGES.fingerprint(fp));
  return lines;
}

/** --ssl-verify and the server was not trusted: ncat says "Input/output error." and exits 1. */
export function verifyFailure(): ToolError {
  return new ToolError(TLS_MESSAGES.verifyRefused, 1);
}
