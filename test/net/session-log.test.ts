// -o / --hex-dump / --append-output: ncat's layout (checked against real ncat), order of both directions, append.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../../lib/cli/error.ts";
import { formatHexDump, openSessionLog } from "../../lib/net/session-log.ts";
import { needs } from "../support/needs.ts";
import { freePort, run, start, waitFor } from "../support/proc.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dir = mkdtempSync(join(tmpdir(), `tsnc-log-${process.pid}-`));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

describe("formatHexDump", () => {
  test("ncat's line layout: offset, two groups of eight, printable column padded", () => {
    expect(formatHexDump(enc("hello ncat\n"))).toBe(
      "0000   68 65 6c 6c 6f 20 6e 63  61 74 0a                 hello.ncat.     \n",
    );
    const two = formatHexDump(enc("abcdefghijklmnopq\n"));
    expect(two.split("\n")).toEqual([
      "0000   61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop",
      "0010   71 0a                                             q.              ",
      "",
    ]);
  });
  test("only 0x21..0x7e print as themselves", () => {
    expect(formatHexDump(new Uint8Array([0x20, 0x21, 0x7e, 0x7f, 0x00, 0xff])).endsWith(" .!~...          \n")).toBe(true);
  });
  test("empty chunk gives nothing", () => {
    expect(formatHexDump(new Uint8Array())).toBe("");
  });
});

describe("openSessionLog", () => {
  test("raw and hex logs hold both directions in order, one hex block per chunk", () => {
    const raw = join(dir, "a.raw");
    const hex = join(dir, "a.hex");
    const log = openSessionLog({ raw, hex, append: false });
    log.received(enc("GET /\n"));
    log.sent(enc("200 OK\n"));
    log.close();
    log.close();
    expect(readFileSync(raw, "utf8")).toBe("GET /\n200 OK\n");
    expect(readFileSync(hex, "utf8")).toBe(formatHexDump(enc("GET /\n")) + formatHexDump(enc("200 OK\n")));
  });
  test("--append-output appends, otherwise the file is truncated", () => {
    const raw = join(dir, "b.raw");
    writeFileSync(raw, "old\n");
    const a = openSessionLog({ raw, append: true });
    a.sent(enc("new\n"));
    a.close();
    expect(readFileSync(raw, "utf8")).toBe("old\nnew\n");
    const t = openSessionLog({ raw, append: false });
    t.sent(enc("only\n"));
    t.close();
    expect(readFileSync(raw, "utf8")).toBe("only\n");
  });
  test("an unopenable file is ncat's 'open: ...' with exit 2", () => {
    let err: unknown;
    try {
      openSessionLog({ raw: join(dir, "no/such/dir/x"), append: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toBe("open: No such file or directory");
    expect((err as ToolError).exitCode).toBe(2);
  });
});

const ncat = needs("tool:ncat");
ncat.describe("against real ncat --hex-dump / -o", () => {
  test("the same received bytes give the same files", async () => {
    const payload = new Uint8Array(100).map((_, i) => (i * 37) & 0xff);
    const port = await freePort();
    const hexN = join(dir, "n.hex");
    const rawN = join(dir, "n.raw");
    const server = start(["ncat", "-l", "--recv-only", "127.0.0.1", String(port), "--hex-dump", hexN, "-o", rawN]);
    try {
      // No probe connection: a one-shot ncat listener would take it as its session. Retry the client instead.
      let code: number | null = 1;
      for (let i = 0; i < 50 && code !== 0; i++) {
        await Bun.sleep(50);
        code = (await run(["ncat", "--send-only", "127.0.0.1", String(port)], { stdin: payload, timeoutMs: 5000 })).code;
      }
      expect(code).toBe(0);
      await waitFor(() => readFileSync(rawN).length === payload.length, 5000, "ncat log written");
    } finally {
      await server.stop();
    }
    const ours = join(dir, "o.hex");
    const log = openSessionLog({ hex: ours, append: false });
    log.received(payload);
    log.close();
    expect(readFileSync(ours, "utf8")).toBe(readFileSync(hexN, "utf8"));
    expect(new Uint8Array(readFileSync(rawN))).toEqual(payload);
  });
});
