// Test support: run a compiled display filter over a capture with the dissection engine, as tsshark -Y would.
import { allFields } from "../../lib/dissect/field.ts";
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import { compileDisplayFilter } from "../../lib/filter/compile.ts";

/** Frame numbers (1-based) that pass `filter` in `file`. */
export async function matchingFrames(file: string, filter: string, full = false): Promise<number[]> {
  const f = compileDisplayFilter(filter);
  const want = new Uint8Array(allFields.length);
  for (const x of f.fields) want[x.id] = 1;
  const session = new Session({ tables: newTables() });
  const source = await openCaptureFile(file);
  const out: number[] = [];
  let n = 0;
  for await (const frame of source.frames) {
    const pkt = dissectFrame(session, frame, ++n, { full: full || f.needsFullTree, want, columns: false });
    if (f.test(pkt)) out.push(n);
  }
  source.close();
  return out;
}
