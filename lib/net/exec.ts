// tsnc -e/--exec and -c/--sh-exec: a child process wired to a connected ByteStream, with EOF passed both ways.
//
// API (stable; the tsnc core wires it in):
//   splitExecCommand(cmd)            ncat's -e splitting: whitespace separates words, a backslash keeps the
//                                    next character literally; quotes are NOT special (as ncat 7.93).
//   runExec(stream, command, {proto}) spawn, relay, resolve with the child's exit code (127 when it cannot start).
//                                    The child gets ncat's environment: NCAT_REMOTE_ADDR, NCAT_REMOTE_PORT,
//                                    NCAT_LOCAL_ADDR, NCAT_LOCAL_PORT, NCAT_PROTO (TCP unless told; unix sockets
//                                    show "localhost" and empty ports, as ncat 7.93).
//   execCommandOf(flag, text)        "-e"/"--exec" -> {argv}, "-c"/"--sh-exec" -> {shell}.
//
// Unlike ncat 7.93 (nmap/nmap#962), the peer's FIN closes the child's stdin instead of killing the session,
// so `echo shout | tsnc -N host p` against `tsnc -l p -c 'tr a-z A-Z'` gets SHOUT back; the child's stdout EOF
// half-closes the socket once every byte of its output is written. The child's stderr stays on ours.
import type { ByteStream } from "./stream.ts";

/** What to run: a program and its arguments (no shell), or a shell command line for /bin/sh -c. */
export type ExecCommand = { readonly argv: readonly string[] } | { readonly shell: string };

/** ncat's word splitting for --exec. */
export function splitExecCommand(cmd: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (ch === "\\" && i + 1 < cmd.length) {
      word += cmd[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The command for a flag as tsnc's option table names it. */
export function execCommandOf(flag: "exec" | "sh-exec", text: string): ExecCommand {
  return flag === "exec" ? { argv: splitExecCommand(text) } : { shell: text };
}

/** The argv Bun.spawn gets. */
function argvOf(command: ExecCommand): string[] {
  return "shell" in command ? ["/bin/sh", "-c", command.shell] : [...command.argv];
}

/** What ncat's child prints (perror("exec")) when the program cannot start; ours carries the tsnc prefix. */
export function execFailedMessage(reason: string): string {
  return `tsnc: exec: ${reason}`;
}

/** ncat's variables describing the connection, for scripts run with -e/-c. */
export function execEnvironment(stream: ByteStream, proto: "TCP" | "UDP" | "SCTP" = "TCP"): Record<string, string> {
  const side = (e: ByteStream["peer"]) => (e.family === "unix" ? ["localhost", ""] : [e.address, String(e.port)]);
  const [remoteAddr, remotePort] = side(stream.peer);
  const [localAddr, localPort] = side(stream.local);
  return {
    NCAT_REMOTE_ADDR: remoteAddr!,
    NCAT_REMOTE_PORT: remotePort!,
    NCAT_LOCAL_ADDR: localAddr!,
    NCAT_LOCAL_PORT: localPort!,
    NCAT_PROTO: proto,
  };
}

const startErrors: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  ENOEXEC: "Exec format error",
  ENOTDIR: "Not a directory",
};

function startFailure(e: unknown): string {
  const code = (e as { code?: string }).code ?? "";
  if (startErrors[code]) return startErrors[code]!;
  // Bun reports a missing program as "Executable not found in $PATH" without a code.
  if (/not found/i.test(String((e as Error).message))) return startErrors.ENOENT!;
  return String((e as Error).message ?? e);
}

/**
 * Run `command` with its stdin fed from the stream and its stdout written to the stream.
 * Resolves with the child's exit code (128+signal when killed) after its output has been written and the
 * socket half-closed; 127 (and one line on stderr) when it cannot be started. The caller closes the stream.
 */
export async function runExec(stream: ByteStream, command: ExecCommand, o: { proto?: "TCP" | "UDP" | "SCTP" } = {}): Promise<number> {
  const argv = argvOf(command);
  if (argv.length === 0) {
    process.stderr.write(execFailedMessage(startErrors.ENOENT!) + "\n");
    await stream.shutdownWrite().catch(() => {});
    return 127;
  }
  let child: ReturnType<typeof Bun.spawn<"pipe", "pipe", "inherit">>;
  try {
    child = Bun.spawn(argv, { stdin: "pipe", stdout: "pipe", stderr: "inherit", env: { ...process.env, ...execEnvironment(stream, o.proto) } });
  } catch (e) {
    process.stderr.write(execFailedMessage(startFailure(e)) + "\n");
    await stream.shutdownWrite().catch(() => {});
    return 127;
  }
  const input = child.stdin;

  // Socket -> child stdin; the peer's FIN becomes EOF on the child's stdin. A child that stops reading
  // (exited) makes writes fail: the rest of the input is dropped, as a pipe would.
  const feed = (async () => {
    let open = true;
    try {
      for await (const chunk of stream.chunks()) {
        if (!open) continue;
        try {
          input.write(chunk);
          await input.flush();
        } catch {
          open = false;
        }
      }
    } finally {
      if (open) {
        try {
          await input.end();
        } catch {
          /* the child already closed its stdin */
        }
      }
    }
  })();
  void feed.catch(() => {});

  // Child stdout -> socket; when the socket is gone the child's next write gets EPIPE, like ncat's child.
  const reader = child.stdout.getReader();
  let socketOpen = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!socketOpen || !value || value.length === 0) continue;
    try {
      await stream.write(value);
    } catch {
      socketOpen = false;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  if (socketOpen) await stream.shutdownWrite().catch(() => {});
  const code = await child.exited;
  return child.signalCode ? 128 + (signalNumbers[child.signalCode] ?? 0) : code;
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };
