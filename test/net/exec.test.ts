// tsnc -e / -c: argv splitting, EOF passed to the child both ways, exit codes, and a start failure.
import { describe, expect, test } from "bun:test";
import { execCommandOf, runExec, splitExecCommand } from "../../lib/net/exec.ts";
import { connectStream, listenStreams, readAll } from "../support/loopback-streams.ts";
import type { ExecCommand } from "../../lib/net/exec.ts";
import { needs } from "../support/needs.ts";
import { freePort, start } from "../support/proc.ts";

/** Serve one connection with `command`, send `input` then FIN from a client, return what came back and the exit code. */
async function session(command: ExecCommand, input: string) {
  const server = listenStreams();
  try {
    const client = await connectStream(server.port);
    const served = await server.accept();
    const code = runExec(served, command).then(async (c) => {
      await served.close();
      return c;
    });
    await client.write(new TextEncoder().encode(input));
    await client.shutdownWrite();
    const reply = new TextDecoder().decode(await readAll(client));
    await client.close();
    return { reply, code: await code };
  } finally {
    server.stop();
  }
}

describe("splitExecCommand", () => {
  test("whitespace separates words, backslash escapes, quotes are literal (as ncat)", () => {
    expect(splitExecCommand("/bin/echo a\\ b 'c d'")).toEqual(["/bin/echo", "a b", "'c", "d'"]);
    expect(splitExecCommand("  cat\t-n  ")).toEqual(["cat", "-n"]);
    expect(splitExecCommand("")).toEqual([]);
  });
  test("flags map to argv or shell", () => {
    expect(execCommandOf("exec", "tr a-z A-Z")).toEqual({ argv: ["tr", "a-z", "A-Z"] });
    expect(execCommandOf("sh-exec", "tr a-z A-Z | rev")).toEqual({ shell: "tr a-z A-Z | rev" });
  });
});

describe("runExec", () => {
  test("the peer's EOF reaches the child's stdin: SHOUT comes back (ncat 7.93 returns nothing)", async () => {
    const r = await session({ shell: "tr a-z A-Z" }, "shout\n");
    expect(r.reply).toBe("SHOUT\n");
    expect(r.code).toBe(0);
  });
  test("--exec runs the program directly with its arguments", async () => {
    const r = await session({ argv: ["/bin/sh", "-c", "cat; echo done $0", "zero"] }, "line\n");
    expect(r.reply).toBe("line\ndone zero\n");
  });
  test("a large transfer passes through unchanged, in order", async () => {
    const big = "0123456789abcdef".repeat(64 * 1024) + "\n";
    const r = await session({ argv: ["cat"] }, big);
    expect(r.reply.length).toBe(big.length);
    expect(r.reply === big).toBe(true);
  });
  test("the child's exit half-closes the socket without waiting for the peer", async () => {
    const server = listenStreams();
    const client = await connectStream(server.port);
    const served = await server.accept();
    const code = await runExec(served, { shell: "echo bye; exit 3" });
    expect(code).toBe(3);
    expect(new TextDecoder().decode(await readAll(client))).toBe("bye\n");
    await served.close();
    await client.close();
    server.stop();
  });
  test("a program that cannot start: 127 and nothing sent", async () => {
    const r = await session({ argv: ["/nonexistent/prog"] }, "x");
    expect(r.code).toBe(127);
    expect(r.reply).toBe("");
  });
});

/** What a client gets from real `ncat -l` running `flags`, sending `input` and then FIN when `fin`. */
async function fromNcat(flags: string[], input: string, fin: boolean): Promise<string> {
  const port = await freePort();
  const server = start(["ncat", "-l", "127.0.0.1", String(port), ...flags]);
  try {
    let c: Awaited<ReturnType<typeof connectStream>> | undefined;
    for (let i = 0; i < 50 && !c; i++) {
      await Bun.sleep(50);
      c = await connectStream(port).catch(() => undefined);
    }
    if (input) await c!.write(new TextEncoder().encode(input));
    if (fin) await c!.shutdownWrite();
    const got = new TextDecoder().decode(await readAll(c!));
    await c!.close();
    return got;
  } finally {
    await server.stop();
  }
}

/** The same through our runExec. */
async function fromOurs(command: ExecCommand, input: string, fin: boolean): Promise<string> {
  const server = listenStreams();
  try {
    const client = await connectStream(server.port);
    const served = await server.accept();
    const done = runExec(served, command).then(() => served.close());
    if (input) await client.write(new TextEncoder().encode(input));
    if (fin) await client.shutdownWrite();
    const got = new TextDecoder().decode(await readAll(client));
    await done;
    await client.close();
    return got;
  } finally {
    server.stop();
  }
}

const ncat = needs("tool:ncat");
ncat.describe("against real ncat -e / -c", () => {
  test("--exec word splitting gives the program the same arguments", async () => {
    const cmd = "/bin/sh -c echo\\ \\$0:\\$1:\\$2 one\\ word 'two three'";
    expect(await fromOurs(execCommandOf("exec", cmd), "", false)).toBe(await fromNcat(["-e", cmd], "", false));
  });
  test("--sh-exec output and the close after the program exits agree", async () => {
    const cmd = "printf 'a\\nb\\n'; echo done";
    expect(await fromOurs(execCommandOf("sh-exec", cmd), "", false)).toBe(await fromNcat(["-c", cmd], "", false));
  });
  test("the child sees ncat's NCAT_* variables", async () => {
    const cmd = "env | grep ^NCAT_ | sort";
    const names = (text: string) => text.split("\n").filter(Boolean).map((l) => l.replace(/=.*/, ""));
    const theirs = await fromNcat(["-c", cmd], "", false);
    const mine = await fromOurs(execCommandOf("sh-exec", cmd), "", false);
    expect(names(mine)).toEqual(names(theirs));
    expect(mine).toContain("NCAT_REMOTE_ADDR=127.0.0.1\n");
    expect(mine).toContain("NCAT_LOCAL_ADDR=127.0.0.1\n");
    expect(mine).toContain("NCAT_PROTO=TCP\n");
    expect(mine).toMatch(/NCAT_LOCAL_PORT=\d+\n/);
  });
  test("deliberate difference: ncat 7.93 loses the answer at the client's EOF, tsnc passes EOF to the program", async () => {
    expect(await fromNcat(["-c", "tr a-z A-Z"], "shout\n", true)).toBe("");
    expect(await fromOurs(execCommandOf("sh-exec", "tr a-z A-Z"), "shout\n", true)).toBe("SHOUT\n");
  });
});
