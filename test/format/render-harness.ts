// Test support for the renderers: dissect a capture file with the full tree, as -V / -T json would.
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import type { Packet } from "../../lib/dissect/tree.ts";
import { applyDecodeAs } from "../../lib/dissect/decode-as.ts";
import { openCapture } from "../../lib/capture/open.ts";

/** Every packet of a file, dissected with the whole tree and the columns (`decodeAs`: -d specs). */
export async function dissectAll(path: string, decodeAs: readonly string[] = []): Promise<Packet[]> {
  const session = new Session({ tables: newTables() });
  for (const d of decodeAs) applyDecodeAs(session.tables, d);
  const cap = await openCapture({ read: path, handleSignals: false });
  const out: Packet[] = [];
  let n = 0;
  for await (const f of cap.frames) {
    const pkt = dissectFrame(session, f, ++n, { full: true, want: null, columns: true });
    out.push(pkt);
    session.prevDisplayedRel = pkt.rel;
  }
  return out;
}
