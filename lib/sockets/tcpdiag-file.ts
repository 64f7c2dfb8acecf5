// ss -D FILE writes the raw TCP sock_diag replies to a file; TCPDIAG_FILE=FILE makes ss (and tsss) list from one.
import { openSync, readFileSync, writeSync, closeSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { NETLINK, NLM_F, NLMSG, nlDumpRaw, nlRequest } from "./netlink.ts";
import { IPPROTO, SOCK_DIAG_BY_FAMILY, decodeInetDiag, inetDiagRequest } from "./inet-diag.ts";
import { DB, FAMILY, type SocketRecord } from "./record.ts";
import { hasDb, hasFamily, type SsSelection } from "./ss-query.ts";

/** -D: dump the TCP tables (IPv4 then IPv6, each ending in its NLMSG_DONE) as received; "-" is stdout. */
export function dumpTcpDiag(sel: SsSelection, path: string, tool: string): number {
  if (!hasDb(sel, DB.TCP)) {
    process.stderr.write(`${tool}: tcpdiag dump requested and no tcp in filter.\n`);
    return 0;
  }
  let fd = 1;
  if (!path.startsWith("-")) {
    try {
      fd = openSync(path, "w");
    } catch (e) {
      throw new ToolError(`fopen dump file: ${(e as Error).message}`, 255, [], true);
    }
  }
  try {
    const families = sel.preferredFamily === FAMILY.INET6 ? [FAMILY.INET6] : sel.preferredFamily === FAMILY.INET ? [FAMILY.INET] : [FAMILY.INET, FAMILY.INET6];
    for (const af of families) {
      const req = nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, inetDiagRequest(af, IPPROTO.TCP, sel.states, {}));
      nlDumpRaw(NETLINK.SOCK_DIAG, req, () => {}, (bytes) => void writeSync(fd, bytes));
    }
  } finally {
    if (fd !== 1) closeSync(fd);
  }
  return 0;
}

/** TCPDIAG_FILE: TCP sockets read back from such a dump instead of the kernel. */
export function readTcpDiagFile(path: string, sel: SsSelection): SocketRecord[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    process.stderr.write("fopen($TCPDIAG_FILE): No such file or directory\n");
    return [];
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: SocketRecord[] = [];
  for (let at = 0; at + 16 <= bytes.length; ) {
    const len = view.getUint32(at, true);
    const type = view.getUint16(at + 4, true);
    if (len < 16 || at + len > bytes.length) break;
    if (type === SOCK_DIAG_BY_FAMILY) {
      const r = decodeInetDiag(view, DB.TCP, IPPROTO.TCP, at + 16, len - 16, true);
      if (hasFamily(sel, r.family)) out.push(r);
    } else if (type === NLMSG.DONE || type === NLMSG.ERROR) break; // ss reads up to the first DONE
    at += (len + 3) & ~3;
  }
  return out;
}
