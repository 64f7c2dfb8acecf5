// Network interface names and indexes from /sys/class/net, for "%eth0" in addresses and `dev` filters.
import { readdirSync, readFileSync } from "node:fs";

let byIndex: Map<number, string> | undefined;

/** index -> name for every interface of this namespace. */
export function interfaceNames(): Map<number, string> {
  if (byIndex) return byIndex;
  byIndex = new Map();
  try {
    for (const name of readdirSync("/sys/class/net")) {
      try {
        byIndex.set(Number(readFileSync(`/sys/class/net/${name}/ifindex`, "utf8").trim()), name);
      } catch {
        // interface vanished while we looked
      }
    }
  } catch {
    // no sysfs: indexes print as numbers
  }
  return byIndex;
}

export function interfaceName(index: number): string {
  return interfaceNames().get(index) ?? String(index);
}

export function interfaceIndex(name: string): number | undefined {
  for (const [i, n] of interfaceNames()) if (n === name) return i;
  return undefined;
}
