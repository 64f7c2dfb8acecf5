// Service and protocol names from /etc/services and /etc/protocols, and the ephemeral port range ss refuses to name.
import { readFileSync } from "node:fs";

interface ServiceTable {
  readonly byPort: Map<string, string>;
  readonly byName: Map<string, number>;
}

let services: ServiceTable | undefined;

/** /etc/services, read once: "port/proto" -> first name, "name/proto" -> port (aliases included). */
function table(): ServiceTable {
  if (services) return services;
  const byPort = new Map<string, string>();
  const byName = new Map<string, number>();
  let text = "";
  try {
    text = readFileSync("/etc/services", "utf8");
  } catch {
    // no services file: every port prints as a number, as getservbyport would
  }
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [name, pp, ...aliases] = line.split(/\s+/);
    const m = /^(\d+)\/(\w+)$/.exec(pp ?? "");
    if (!name || !m) continue;
    const key = `${m[1]}/${m[2]}`;
    if (!byPort.has(key)) byPort.set(key, name);
    for (const n of [name, ...aliases]) if (!byName.has(`${n}/${m[2]}`)) byName.set(`${n}/${m[2]}`, Number(m[1]));
  }
  services = { byPort, byName };
  return services;
}

/** getservbyport(port, proto): the service name, or undefined. */
export function serviceName(port: number, proto: string): string | undefined {
  return table().byPort.get(`${port}/${proto}`);
}

/** getservbyname(name, proto): the port, or undefined. */
export function servicePort(name: string, proto: string): number | undefined {
  return table().byName.get(`${name}/${proto}`);
}

let ephemeral: [number, number] | undefined;

/** net.ipv4.ip_local_port_range; ss falls back to 1024-4999 when it cannot read it. */
export function ephemeralRange(): [number, number] {
  if (ephemeral) return ephemeral;
  try {
    const [lo, hi] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    ephemeral = lo && hi ? [lo, hi] : [1024, 4999];
  } catch {
    ephemeral = [1024, 4999];
  }
  return ephemeral;
}

export const isEphemeral = (port: number): boolean => {
  const [lo, hi] = ephemeralRange();
  return port >= lo && port <= hi;
};

let protocols: Map<number, string> | undefined;

/** /etc/protocols: number -> name (ss prints a raw socket's protocol this way). */
export function protocolName(n: number): string {
  if (!protocols) {
    protocols = new Map();
    try {
      for (const raw of readFileSync("/etc/protocols", "utf8").split("\n")) {
        const [name, num] = raw.replace(/#.*/, "").trim().split(/\s+/);
        if (name && num && !protocols.has(Number(num))) protocols.set(Number(num), name);
      }
    } catch {
      // numbers only
    }
  }
  return protocols.get(n) ?? String(n);
}
