import { expect } from "bun:test";
import { spawnSync } from "node:child_process";
import { needs } from "../support/needs.ts";
import { ours } from "../support/proc.ts";

const { test } = needs("root", "netns", "tool:netstat");
const run = (cmd: string[]) => spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" }).stdout;
const ns = `tsnet-stats-${process.pid}`;

test("netstat -s matches net-tools byte for byte in a fresh namespace", () => {
  spawnSync("ip", ["netns", "add", ns]);
  try {
    const theirs = run(["ip", "netns", "exec", ns, "netstat", "-s"]);
    const mine = run(["ip", "netns", "exec", ns, ...ours("tsss"), "--netstat", "-s"]);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine).toBe(theirs);
  } finally {
    spawnSync("ip", ["netns", "del", ns]);
  }
});

test("netstat -s in the host namespace has the same headers and sentences", () => {
  const shape = (s: string) => s.split("\n").map((l) => l.replace(/\d+/g, "N")).filter((l) => !/^ +[A-Za-z0-9]+: N$/.test(l));
  const theirs = shape(run(["netstat", "-s"]));
  const mine = shape(run([...ours("tsss"), "--netstat", "-s"]));
  expect(mine.filter((l) => !l.startsWith(" "))).toEqual(theirs.filter((l) => !l.startsWith(" ")));
  expect(new Set(mine)).toEqual(new Set(theirs));
});
