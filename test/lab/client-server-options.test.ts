// Options around the lesson: --count/--interval, --max-clients, the prompt at a terminal, colour, clean stop on a signal.
import { expect, test } from "bun:test";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { lab, startServer } from "./lab-process.ts";

test("--message with --count sends it n times; --count stops reading stdin after n lines", async () => {
  const srv = await startServer(lab("udp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const a = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--message", "again", "--count", "3", "--interval", "0.01"));
    expect(a.out).toBe("From Server: AGAIN\n".repeat(3));
    const b = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--count", "2"), { stdin: "a\nb\nc\n" });
    expect(b.out).toBe("From Server: A\nFrom Server: B\n");
    // text stays text: no number parsing of "007" or "1e3"
    const c = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--message", "007"));
    const d = await run(lab("udp-client", "127.0.0.1", String(srv.port), "--message=1e3"));
    expect(c.out + d.out).toBe("From Server: 007\nFrom Server: 1E3\n");
  } finally {
    await srv.stop();
  }
});

test("--max-clients closes connections beyond the limit and says so", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--max-clients", "1", "--framing", "line"));
  try {
    let got = "";
    const first = await Bun.connect({ hostname: "127.0.0.1", port: srv.port, socket: { data: (_s, d) => void (got += d.toString()) } });
    first.write("first\n");
    for (let i = 0; i < 250 && got !== "FIRST\n"; i++) await Bun.sleep(20);
    const second = await run(lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "line", "--message", "second"));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("closed the connection before replying");
    expect(srv.err()).toMatch(/refused 127\.0\.0\.1:\d+: --max-clients 1 reached/);
    first.end();
  } finally {
    await srv.stop();
  }
});

test("a server stops cleanly on SIGTERM and SIGINT (exit 0)", async () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
    process.kill(srv.pid, signal);
    expect(await srv.exited).toBe(0);
  }
});

test("--trace is coloured when colour is forced, plain with NO_COLOR", async () => {
  const coloured = await run(lab("demo"), { env: { FORCE_COLOR: "1", NO_COLOR: "" } });
  expect(coloured.out).toContain("\x1b[");
  const plain = await run(lab("demo"));
  expect(plain.out).not.toContain("\x1b[");
});

const withScript = needs("tool:script");
withScript.test("at a terminal the client shows the course's prompt", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1"));
  try {
    const cmd = lab("tcp-client", "127.0.0.1", String(srv.port)).map((a) => `'${a}'`).join(" ");
    const p = Bun.spawn(["script", "-qec", cmd, "/dev/null"], { stdin: "pipe", stdout: "pipe", stderr: "pipe" });
    p.stdin.write("hello\n");
    await p.stdin.flush();
    await Bun.sleep(300);
    p.stdin.write("\x04");
    await p.stdin.end();
    const killer = setTimeout(() => p.kill("SIGKILL"), 10_000);
    const out = await new Response(p.stdout).text();
    clearTimeout(killer);
    // the terminal echoes what was typed, before or after the prompt depending on timing
    expect(out.replace("hello\r\n", "")).toContain("Input lowercase sentence:From Server: HELLO\r\n");
  } finally {
    await srv.stop();
  }
});

test("a reader that goes away (| head -1) ends the client quietly, as SIGPIPE would", async () => {
  const srv = await startServer(lab("tcp-server", "--port", "0", "--host", "127.0.0.1", "--framing", "line"));
  try {
    const errFile = `/tmp/echo-lab-test-${process.pid}-sigpipe.err`;
    const client = lab("tcp-client", "127.0.0.1", String(srv.port), "--framing", "line").map((a) => `'${a}'`).join(" ");
    const cmd = `seq 1 20000 | ${client} 2>${errFile} | head -1; echo "status \${PIPESTATUS[1]}"; cat ${errFile}; rm -f ${errFile}`;
    const r = await run(["bash", "-c", cmd], { timeoutMs: 20_000 });
    expect(r.out).toBe("From Server: 1\nstatus 141\n");
  } finally {
    await srv.stop();
  }
}, 30_000);
