// --max-conns is refused with -u (a UDP listener has no connections to count) instead of being ignored.
import { expect, test } from "bun:test";
import { ours, run } from "../support/proc.ts";

test("--max-conns with -u fails with one line and ncat's usage exit code", async () => {
  const r = await run([...ours("tsnc"), "-lu", "--max-conns", "3", "127.0.0.1", "0"], { timeoutMs: 5000 });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("tsnc: --max-conns limits TCP and unix stream connections; it does not apply to -u\n");
});
