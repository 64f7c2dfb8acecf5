// /etc/services, read once: service names for -v texts ([tcp/http-alt]) and port arguments (ftp -> 21).
import { readFileSync } from "node:fs";

export type Proto = "tcp" | "udp";

interface ServiceTable {
  readonly byName: Map<string, number>; // "tcp/http" -> 80 (aliases included)
  readonly byPort: Map<string, string>; // "tcp/80" -> "http" (first entry wins, as getservbyport)
}

let table: ServiceTable | undefined;

function load(path = "/etc/services"): ServiceTable {
  const byName = new Map<string, number>();
  const byPort = new Map<string, string>();
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // no /etc/services: every lookup misses, so -v prints [tcp/*] and only numeric ports parse
  }
  for (const raw of text.split("\n")) {
    const [name, portProto, ...aliases] = raw.replace(/#.*/, "").trim().split(/\s+/);
    const m = portProto && /^(\d+)\/(\w+)$/.exec(portProto);
    if (!name || !m) continue;
    const [, port, proto] = m;
    const key = `${proto}/${port}`;
    if (!byPort.has(key)) byPort.set(key, name);
    for (const n of [name, ...aliases]) if (!byName.has(`${proto}/${n}`)) byName.set(`${proto}/${n}`, Number(port));
  }
  return { byName, byPort };
}

/** The service name for a port, e.g. serviceName(8080, "tcp") === "http-alt"; undefined when unknown. */
export function serviceName(port: number, proto: Proto): string | undefined {
  table ??= load();
  return table.byPort.get(`${proto}/${port}`);
}

/** The port of a service name, e.g. servicePort("ftp", "tcp") === 21. */
export function servicePort(name: string, proto: Proto): number | undefined {
  table ??= load();
  return table.byName.get(`${proto}/${name}`);
}
