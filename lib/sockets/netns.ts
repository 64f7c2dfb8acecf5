// -N NAME: enter a network namespace made by `ip netns add` before reading any socket, as ss's netns_switch does.
import { closeSync, openSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { SysError, enterNetns } from "../sys/libc.ts";

/**
 * Switch this thread (the one that opens the netlink sockets and reads /proc/self/net) into /var/run/netns/NAME.
 * Interface names still come from this process's /sys, which we cannot remount from a threaded process.
 */
export function switchNetns(name: string): void {
  const path = name.includes("/") ? name : `/var/run/netns/${name}`;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : String(code);
    throw new ToolError(`Cannot open network namespace "${name}": ${why}`, 1, [], true);
  }
  try {
    enterNetns(fd);
  } catch (e) {
    if (e instanceof SysError) throw new ToolError(`setting the network namespace "${name}" failed: ${e.message}`, 1, [], true);
    throw e;
  } finally {
    closeSync(fd);
  }
}
