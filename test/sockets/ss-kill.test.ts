// -K closes the matching sockets through SOCK_DESTROY and lists what it closed, as ss -K does (own namespace).
import { afterAll, beforeAll, expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { openLab, type NetnsLab } from "./netns-lab.ts";

const { describe, test } = needs("netns", "tool:ss");

let lab: NetnsLab;

describe("tsss -K", () => {
  beforeAll(async () => {
    lab = await openLab("kill");
  }, 30_000);
  afterAll(async () => {
    await lab?.close();
  });

  test("closes what ss would close and lists it the way ss -K does", async () => {
    const half = `( sport = :${lab.ports.halfServer} or dport = :${lab.ports.halfServer} )`;
    const estab = `( sport = :${lab.ports.estabServer} or dport = :${lab.ports.estabServer} )`;
    const before = await lab.ss(["-tan", half]);
    const ours = await lab.tsss(["-tanK", half]);
    const theirs = await lab.ss(["-tanK", estab]);
    expect(ours.code).toBe(theirs.code);
    const rows = (t: string) => t.split("\n").slice(1).filter(Boolean);
    // Each row we print was there before; a connection's second end is usually gone (reset by the first kill) by the
    // time its turn comes, so both tools list the listener and one end: the same count.
    for (const r of rows(ours.out)) expect(rows(before.out)).toContain(r);
    expect(rows(ours.out).length).toBe(rows(theirs.out).length);
    const after = await lab.ss(["-tanH", half]);
    if (rows(ours.out).length) expect(after.out.trim()).toBe("");
  });
});
