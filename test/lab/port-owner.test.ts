// Finding who holds a port from /proc: parsed from a miniature /proc tree, then checked against a live listener of ours.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { portOwner, processOfInodes, socketInodes } from "../../lib/lab/port-owner.ts";

const root = mkdtempSync(join(tmpdir(), `echo-lab-proc-${process.pid}-`));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
mkdirSync(join(root, "net"));
// 12000 = 0x2EE0: one listener (0A), one established connection (01) on the same port
writeFileSync(join(root, "net", "tcp"), HEADER +
  "   0: 00000000:2EE0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n" +
  "   1: 0100007F:2EE0 0100007F:D3C2 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0 20 4 30 10 -1\n");
writeFileSync(join(root, "net", "udp6"), HEADER +
  "  10: 00000000000000000000000000000000:2EE0 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5151 2 0 0\n");
mkdirSync(join(root, "77", "fd"), { recursive: true });
writeFileSync(join(root, "77", "comm"), "python3\n");
symlinkSync("socket:[4242]", join(root, "77", "fd", "3"));
symlinkSync("/dev/null", join(root, "77", "fd", "0"));

test("a TCP listener's inode, not the established connection's", () => {
  expect([...socketInodes("tcp", 12000, root)]).toEqual(["4242"]);
  expect(processOfInodes(socketInodes("tcp", 12000, root), root)).toEqual({ pid: 77, command: "python3" });
});

test("UDP sockets in udp6 count, with state 07", () => {
  expect([...socketInodes("udp", 12000, root)]).toEqual(["5151"]);
  expect(processOfInodes(socketInodes("udp", 12000, root), root)).toBeUndefined();
  expect([...socketInodes("tcp", 12001, root)]).toEqual([]);
});

test("the real /proc names this test process as the owner of its own listener", () => {
  const l = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  try {
    expect(portOwner("tcp", l.port)?.pid).toBe(process.pid);
  } finally {
    l.stop(true);
  }
});
