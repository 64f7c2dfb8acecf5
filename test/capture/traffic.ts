// Loopback UDP traffic for capture tests: a receiver on 127.0.0.1:0 and a bounded sender to it.

export interface UdpTraffic {
  port: number;
  /** datagrams sent so far */
  readonly sent: number;
  stop(): void;
}

/** Send one datagram every `everyMs` to a fresh loopback port, at most `max` of them. */
export async function udpTraffic(everyMs = 10, max = 1000): Promise<UdpTraffic> {
  const rx = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0, socket: { data() {}, error() {} } });
  const tx = await Bun.udpSocket({ hostname: "127.0.0.1", port: 0, socket: { data() {}, error() {} } });
  let sent = 0;
  const payload = new TextEncoder().encode("tsnet capture test\n");
  const timer = setInterval(() => {
    if (sent >= max) return stop();
    tx.send(payload, rx.port, "127.0.0.1");
    sent++;
  }, everyMs);
  function stop() {
    clearInterval(timer);
    tx.close();
    rx.close();
  }
  return {
    port: rx.port,
    get sent() {
      return sent;
    },
    stop,
  };
}
