// -r: addresses to host names the way gethostbyaddr finds them (/etc/hosts first, then the system resolver).
import { readFileSync } from "node:fs";
import { isAnyText, pton4, pton6, ntop4, ntop6 } from "./inet-address.ts";
import { FAMILY, type SocketRecord } from "./record.ts";

let hosts: Map<string, string> | undefined;

/** /etc/hosts as canonical address text -> first name on its line. */
function hostsFile(): Map<string, string> {
  if (hosts) return hosts;
  hosts = new Map();
  try {
    for (const raw of readFileSync("/etc/hosts", "utf8").split("\n")) {
      const [addr, name] = raw.replace(/#.*/, "").trim().split(/\s+/);
      if (!addr || !name) continue;
      const b4 = pton4(addr);
      const key = b4 ? ntop4(b4) : pton6(addr) ? ntop6(pton6(addr)!) : undefined;
      if (key && !hosts.has(key)) hosts.set(key, name);
    }
  } catch {
    // no hosts file
  }
  return hosts;
}

/** Names for every inet address in the records; addresses without a name are left out (printed numerically). */
export async function reverseNames(records: readonly SocketRecord[], timeoutMs = 1500): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const want = new Set<string>();
  for (const r of records) {
    if (r.family !== FAMILY.INET && r.family !== FAMILY.INET6) continue;
    for (const e of [r.local, r.remote]) if (!isAnyText(e.addr)) want.add(e.addr);
  }
  const file = hostsFile();
  // node:dns costs tens of milliseconds to load: only -r pays for it.
  const dns = (await import("node:dns")).promises;
  const pending: Promise<void>[] = [];
  for (const a of want) {
    const n = file.get(a);
    if (n) out.set(a, n);
    else
      pending.push(
        dns.reverse(a).then(
          (names) => void (names[0] && out.set(a, names[0])),
          () => undefined,
        ),
      );
  }
  if (pending.length) await Promise.race([Promise.all(pending), Bun.sleep(timeoutMs)]);
  return out;
}
