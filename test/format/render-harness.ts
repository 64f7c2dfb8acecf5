// Test support for the renderers: dissect a capture file with the full tree, as -V / -T json would.
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import type { Packet } from "../../lib/dissect/tree.ts";
import { openFrameFile } from "../../lib/dissect/file-source.ts";

/** Every packet of a file, dissected with the whole tree and the columns. */
export async function dissectAll(path: string, limit = 0): Promise<Packet[]> {
  const session = new Session({ tables: newTables() });
  const src = await openFrameFile(path);
  const out: Packet[] = [];
  let n = 0;
  for (const f of src.frames()) {
    if (limit && n >= limit) break;
    out.push(dissectFrame(session, f, ++n, { full: true, want: null, columns: true }));
    session.prevDisplayedTs = f.ts;
  }
  return out;
}
