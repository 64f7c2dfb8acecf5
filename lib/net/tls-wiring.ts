// --ssl for tsnc: the client's dialer (handshake verdict, ncat's -v lines, --ssl-verify) and the listener's TLS options.
import type { TLSOptions } from "bun";
import { ToolError } from "../cli/error.ts";
import type { NcOptions } from "./nc-options.ts";
import { writeStderr, type NcReporter } from "./nc-messages.ts";
import { dialTcp } from "./dial.ts";
import { clientHandshakeLines, clientTls, serverTls, verifyFailure } from "./tls.ts";
import type { TcpDialer } from "./nc-client.ts";

/** Refuse --ssl (and -F) where they cannot work, in one place. */
export function checkTlsUse(o: NcOptions, viaProxy: boolean): void {
  if (o.passFd && !o.listen && (o.ssl || viaProxy || o.udp)) throw new ToolError(`-F cannot pass a ${o.ssl ? "TLS" : viaProxy ? "proxied" : "UDP"} socket`, 1);
  if (!o.ssl) return;
  if (o.udp) throw new ToolError("--ssl over UDP (DTLS) is not supported", 2);
  if (viaProxy) throw new ToolError("--ssl through a proxy is not supported", 2);
  if (o.listen && (o.recvBuf ?? o.sndBuf ?? o.tos ?? o.ttl ?? o.minTtl) !== undefined) throw new ToolError("--ssl listeners cannot take -I -O -T -M -m", 2);
}

/**
 * A dialer that speaks TLS: connect, wait for the handshake, print ncat's -v lines, and with --ssl-verify
 * refuse an unverified server ("Input/output error.", rc 1) as ncat does.
 */
export function tlsDialer(o: NcOptions, r: NcReporter): TcpDialer {
  const tls = clientTls({
    verify: o.sslVerify,
    trustFile: o.sslTrustfile,
    serverName: o.sslServername,
    alpn: o.sslAlpn,
    ciphers: o.sslCiphers,
    certFile: o.sslCert,
    keyFile: o.sslKey,
    host: o.host!,
  });
  return async (_host, to, port, d) => {
    const stream = await dialTcp(to, port, { ...d, tls });
    const outcome = await stream.handshake;
    if (r.verbose) {
      const peer = to.family === "IPv6" ? `[${to.address}]:${port}` : `${to.address}:${port}`;
      for (const line of clientHandshakeLines(stream.peerCertificate(), outcome.authorized ? null : outcome.error ?? null, peer)) writeStderr(`tsnc: ${line}\n`);
    }
    if (o.sslVerify && !outcome.authorized) {
      stream.reset();
      throw verifyFailure();
    }
    return stream;
  };
}

/** The listener's TLS options; -v prints ncat's lines about a generated certificate first. */
export function listenerTls(o: NcOptions, r: NcReporter): TLSOptions {
  const made = serverTls({ certFile: o.sslCert, keyFile: o.sslKey, alpn: o.sslAlpn, ciphers: o.sslCiphers, commonName: o.host ?? o.sourceAddr });
  if (r.verbose) for (const line of made.verboseLines) writeStderr(`tsnc: ${line}\n`);
  return made.tls;
}
