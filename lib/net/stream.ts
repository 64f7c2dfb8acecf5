// The byte-stream shape every tsnc mode works on (relay, exec, broker, chat, proxy handshakes), whatever the socket.

/** One end of a connection as tools print it. `address` is un-mapped (no "::ffff:" prefix). */
export interface Endpoint {
  readonly family: "IPv4" | "IPv6" | "unix";
  readonly address: string;
  readonly port: number;
  /** the socket path for unix sockets ("" when unnamed; a leading "@" marks the abstract namespace) */
  readonly path?: string;
}

/**
 * A connected, ordered, reliable byte stream: TCP, TLS or unix stream, from Bun.connect, Bun.listen or an
 * adopted libc fd. Bun sockets keep no write buffer, so implementations queue writes and drive them by
 * `drain`; they always run with allowHalfOpen, so the peer's FIN ends `chunks()` while we may still write.
 */
export interface ByteStream {
  readonly local: Endpoint;
  readonly peer: Endpoint;
  /** Queue bytes; resolves once they have all been handed to the kernel. Rejects if the socket closed. */
  write(data: Uint8Array): Promise<void>;
  /** Half-close: FIN (shutdown SHUT_WR) once every queued byte is written. Reading goes on. */
  shutdownWrite(): Promise<void>;
  /** Received chunks in order; the iteration ends at the peer's FIN or when the socket closes. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Close both directions now (after queued writes when `graceful`); resolves when closed. */
  close(graceful?: boolean): Promise<void>;
  /** Abort with a RST (SO_LINGER 0), as ncat does to a denied client. */
  reset(): void;
  /** Resolves when the socket is fully closed, with the error that closed it, if any. */
  readonly closed: Promise<Error | undefined>;
}
