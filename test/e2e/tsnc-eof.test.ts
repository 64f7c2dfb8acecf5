// nc 1.219's EOF and half-close table (classic-tools.md §1.3), checked by running nc and tsnc side by side.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { nc, tcpPeer, tsnc, upper } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc");

/** How one run ended: what it printed, its status, and whether it was still running when we gave up. */
async function outcome(cmd: string[], hangMs: number) {
  const r = await run(cmd, { stdin: "hello\n", timeoutMs: hangMs });
  return { out: r.out, code: r.timedOut ? "hung" : r.code, ms: r.ms };
}

describe("EOF table", () => {
  const flags: string[][] = [[], ["-N"], ["-q", "0"], ["-q", "1"], ["-w", "1"], ["-N", "-w", "1"], ["-d", "-N"]];
  for (const closeOnEof of [true, false]) {
    test(`server ${closeOnEof ? "closes at EOF" : "stays open"}: every flag set behaves as nc`, async () => {
      const results = await Promise.all(
        flags.map(async (f) => {
          const peerA = tcpPeer({ reply: upper, closeOnEof });
          const peerB = tcpPeer({ reply: upper, closeOnEof });
          try {
            const [theirs, mine] = await Promise.all([
              outcome(nc(...f, "127.0.0.1", `${peerA.port}`), 2500),
              outcome(tsnc(...f, "127.0.0.1", `${peerB.port}`), 2500),
            ]);
            return { f: f.join(" "), theirs, mine, sawA: peerA.seen[0], sawB: peerB.seen[0] };
          } finally {
            peerA.stop();
            peerB.stop();
          }
        }),
      );
      for (const r of results) {
        expect({ f: r.f, out: r.mine.out, code: r.mine.code }).toEqual({ f: r.f, out: r.theirs.out, code: r.theirs.code });
        expect({ f: r.f, eof: r.sawB?.gotEof, bytes: r.sawB?.bytes.length }).toEqual({ f: r.f, eof: r.sawA?.gotEof, bytes: r.sawA?.bytes.length });
        // "-q 1" waits about a second after both sides are done; "at once" stays well under it
        if (r.theirs.code !== "hung") expect({ f: r.f, slow: r.mine.ms > 900 }).toEqual({ f: r.f, slow: r.theirs.ms > 900 });
      }
    }, 15_000);
  }
});
