// cgroup v2 ids to paths (ss's "cgroup:/user.slice"), by walking the cgroup2 mount once: a cgroup's id is its directory's inode.
import { readFileSync, readdirSync, statSync } from "node:fs";

let byId: Map<number, string> | undefined;
let mounted = true;

function cgroup2Mount(): string | undefined {
  try {
    for (const line of readFileSync("/proc/mounts", "utf8").split("\n")) {
      const [, dir, type] = line.split(" ");
      if (type === "cgroup2" && dir) return dir;
    }
  } catch {
    // no /proc/mounts
  }
  return undefined;
}

function walk(root: string, rel: string, into: Map<number, string>, depth: number): void {
  try {
    into.set(statSync(root + rel).ino, rel || "/");
    if (depth > 32) return;
    for (const e of readdirSync(root + rel, { withFileTypes: true }))
      if (e.isDirectory()) walk(root, `${rel}/${e.name}`, into, depth + 1);
  } catch {
    // vanished or unreadable cgroup
  }
}

/** cg_id_to_path: the path under the cgroup2 mount, or "unreachable:<hex id>" as ss prints an id it cannot find. */
export function cgroupPath(id: number): string {
  if (!byId) {
    byId = new Map();
    const mount = cgroup2Mount();
    if (mount) walk(mount, "", byId, 0);
    else {
      mounted = false;
      process.stderr.write("Failed to find cgroup2 mount\n"); // once more when ss first looks
    }
  }
  // ss complains on every lookup when there is no cgroup2 mount (e.g. under `ip netns exec`).
  if (!mounted) process.stderr.write("Failed to find cgroup2 mount\n");
  return byId.get(id) ?? `unreachable:${id.toString(16)}`;
}
