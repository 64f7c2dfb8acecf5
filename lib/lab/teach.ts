// Errors that teach: what went wrong on the network, in a beginner's words, and what to try next.
import { ToolError } from "../cli/error.ts";
import { hostPort } from "./endpoint.ts";
import { portOwner } from "./port-owner.ts";

export type Transport = "tcp" | "udp" | "unix";

/** A connection attempt nobody answered: no program is listening on that address and port. */
export function refused(host: string, port: number, proto: "tcp" | "unix", unixPath?: string): ToolError {
  if (proto === "unix")
    return new ToolError(`connection refused on ${unixPath}: no server is listening on that socket file`, 1, [
      `  start one with: echo-lab unix-server ${unixPath}`,
    ]);
  return new ToolError(`connection refused by ${hostPort(host, port)}: no server is listening on that port`, 1, [
    `  start one with: echo-lab tcp-server --port ${port}${host === "127.0.0.1" || host === "localhost" ? "" : ` --host ${host}`}`,
  ]);
}

/** A bind that failed because the port is taken; names the process holding it when /proc shows it. */
export function inUse(proto: "tcp" | "udp", port: number): ToolError {
  const owner = portOwner(proto, port);
  const who = owner ? ` by ${owner.command} (pid ${owner.pid})` : "";
  return new ToolError(`${proto.toUpperCase()} port ${port} is already in use${who}`, 1, [
    `  stop that program, choose another port with --port, or use --port 0 to let the system pick a free one`,
  ]);
}

/** The error code of an error thrown by Bun or node (ECONNREFUSED, EADDRINUSE ...). */
export const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** A failed bind or listen, in words. */
export function bindError(e: unknown, proto: "tcp" | "udp", host: string, port: number): ToolError {
  const code = codeOf(e);
  if (code === "EADDRINUSE") return inUse(proto, port);
  if (code === "EACCES") return new ToolError(`permission denied binding ${hostPort(host, port)}: ports below 1024 need root`, 1);
  if (code === "EADDRNOTAVAIL") return new ToolError(`cannot bind ${hostPort(host, port)}: that address is not on this machine`, 1);
  return new ToolError(`cannot bind ${hostPort(host, port)}: ${e instanceof Error ? e.message : String(e)}`, 1);
}

/** The peer closed while we still waited for a reply. */
export function wentAway(peer: string): ToolError {
  return new ToolError(`the server at ${peer} closed the connection before replying (did it stop or crash?)`, 1);
}
