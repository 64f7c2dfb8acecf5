// Test support for the renderers: dissect a capture file with the full tree, as -V / -T json would.
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import type { Packet } from "../../lib/dissect/tree.ts";
import { openCapture } from "../../lib/capture/open.ts";

/** Every packet of a file, dissected with the whole tree and the columns. */
export async function dissectAll(path: string, limit = 0): Promise<Packet[]> {
  const session = new Session({ tables: newTables() });
  const cap = await openCapture({ read: path, handleSignals: false });
  const out: Packet[] = [];
  let n = 0;
  for await (const f of cap.frames) {
    if (limit && n >= limit) break;
    out.push(dissectFrame(session, f, ++n, { full: true, want: null, columns: true }));
    session.prevDisplayedTs = f.ts;
  }
  return out;
}
