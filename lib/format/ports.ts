// Port text for Info columns and labels: the number, or "name(number)" when transport names are resolved (-N t).
import { existsSync, readFileSync } from "node:fs";

let services: Map<string, string> | undefined;

/** /etc/services, read once and only when -N t asks for port names. */
function serviceName(port: number, proto: "tcp" | "udp"): string | undefined {
  if (!services) {
    services = new Map();
    const path = "/etc/services";
    if (existsSync(path)) {
      for (const line of readFileSync(path, "utf8").split("\n")) {
        const m = /^([\w.+-]+)\s+(\d+)\/(tcp|udp)/.exec(line);
        if (m && !services.has(`${m[2]}/${m[3]}`)) services.set(`${m[2]}/${m[3]}`, m[1]!);
      }
    }
  }
  return services.get(`${port}/${proto}`);
}

const numbers: string[] = [];

export function portText(port: number, proto: "tcp" | "udp", resolve: boolean): string {
  if (!resolve) return (numbers[port] ??= String(port));
  const name = serviceName(port, proto);
  return name ? `${name}(${port})` : String(port);
}
