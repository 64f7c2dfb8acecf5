// --json: -z prints one object per port on stdout, -v events become JSON lines on stderr; plain output is unchanged.
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { tcpPeer, tsnc } from "../net/nc-harness.ts";

const { test, describe } = needs("tool:nc");

describe("--json", () => {
  test("-z over a range: {host, port, proto, open, ms} per port, in order", async () => {
    const peer = tcpPeer();
    const r = await run(tsnc("-z", "--json", "127.0.0.1", `${peer.port - 1}-${peer.port}`));
    peer.stop();
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => Object.keys(l))).toEqual([["host", "port", "proto", "open", "ms"], ["host", "port", "proto", "open", "ms"]]);
    expect(lines.map((l) => [l.port, l.open, l.proto, l.host])).toEqual([[peer.port - 1, false, "tcp", "127.0.0.1"], [peer.port, true, "tcp", "127.0.0.1"]]);
    expect(typeof lines[0]!.ms).toBe("number");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  test("-v events on stderr are JSON lines", async () => {
    const peer = tcpPeer();
    const r = await run(tsnc("-zv", "--json", "127.0.0.1", `${peer.port}`));
    peer.stop();
    const events = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toEqual([{ event: "connected", host: "127.0.0.1", address: "127.0.0.1", port: peer.port, proto: "tcp" }]);
  });
});
