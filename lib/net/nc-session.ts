// What tsnc does with each connection: relay stdio (nc), or an ncat extra (exec, broker, TLS, proxy, ACL, session log).
import { ToolError } from "../cli/error.ts";
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import { relay, type RelayOptions } from "./relay.ts";
import { stdinReader, stdoutWriter, type ByteSource } from "./stdio.ts";
import type { ByteStream } from "./stream.ts";
import { directDialer, fdPassDialer, type SessionRunner, type TcpDialer } from "./nc-client.ts";
import type { AdmitCheck, BrokerHub } from "./nc-listen.ts";
import { createBroker } from "./broker.ts";
import { writeStderr } from "./nc-messages.ts";
import { execCommandOf, runExec } from "./exec.ts";
import { openSessionLog } from "./session-log.ts";
import { withObserver } from "./logged-stream.ts";
import { ACL_DENIED, buildAcl } from "./acl.ts";
import { proxyDialer, proxyPlanOf } from "./proxy-dial.ts";
import { checkTlsUse, listenerTls, tlsDialer } from "./tls-wiring.ts";
import type { TLSOptions } from "bun";

export interface SessionPlan {
  readonly stream: SessionRunner; // TCP and unix stream connections
  readonly datagram: SessionRunner; // UDP and unix datagram "connections" (no EOF from the net)
  readonly admit: AdmitCheck;
  readonly dialer: TcpDialer;
  /** whether -k may serve clients side by side (true when sessions do not share stdin) */
  readonly concurrent: boolean;
  /** false when a proxy resolves the destination */
  readonly resolveTarget: boolean;
  /** --broker / --chat: the hub accepted clients join */
  readonly hub?: BrokerHub;
  /** what the listener reads for the hub (undefined with -d / --recv-only) */
  readonly stdin?: ByteSource;
  /** --ssl on a listener: Bun's TLS options */
  readonly listenTls?: TLSOptions;
}

/** A source that is always at EOF, for -d and --recv-only (stdin is never opened). */
const noInput: ByteSource = { read: () => Promise.resolve(null) };

export function relayOptionsOf(o: NcOptions, datagram: boolean): RelayOptions {
  return {
    noStdin: o.noStdin || o.recvOnly,
    shutdownOnEof: (o.shutdownOnEof || o.sendOnly) && !o.noShutdown,
    quitSec: o.quitSec,
    // nc ignores -w for listeners; ncat's --idle-timeout works in both modes
    idleMs: o.idleTimeoutMs ?? (!o.listen && o.timeoutSec !== undefined ? o.timeoutSec * 1000 : undefined),
    intervalSec: o.intervalSec,
    crlf: o.crlf,
    telnet: o.telnet,
    recvLimit: o.recvLimit,
    listen: o.listen,
    datagram,
    sendOnly: o.sendOnly,
    recvOnly: o.recvOnly,
  };
}

/** --allow/--deny: a check run on each accepted peer; a refused one is reset (and reported with -v), as ncat does. */
async function admissionOf(o: NcOptions, r: NcReporter): Promise<AdmitCheck> {
  if (o.allow.length + o.deny.length + o.allowFiles.length + o.denyFiles.length === 0) return () => true;
  const allowed = await buildAcl({ allow: o.allow, deny: o.deny, allowFiles: o.allowFiles, denyFiles: o.denyFiles, numeric: o.numeric });
  return (peer) => {
    if (peer.family === "unix" || allowed(peer.address)) return true;
    if (r.verbose) writeStderr(`tsnc: ${ACL_DENIED}\n`);
    return false;
  };
}

export async function planSession(o: NcOptions, r: NcReporter): Promise<SessionPlan> {
  if (o.sendOnly && o.recvOnly) throw new ToolError("Cannot use --send-only and --recv-only together", 1);
  // -o / --hex-dump: one log for the whole run, fed by every connection in order
  const log = o.output !== undefined || o.hexDump !== undefined ? openSessionLog({ raw: o.output, hex: o.hexDump, append: o.appendOutput }) : undefined;
  if (log) process.on("exit", () => log.close());
  const logged = (run: SessionRunner): SessionRunner => (log ? (s) => run(withObserver(s, log)) : run);
  const stdin = () => (o.noStdin || o.recvOnly ? noInput : stdinReader());
  if (o.maxConns !== undefined && !o.keepOpen && !o.broker)
    writeStderr("tsnc: Warning: Maximum connections ignored, since it does not take effect without -k or --broker.\n");
  const relayWith = (datagram: boolean): SessionRunner => async (s: ByteStream) => {
    const why = await relay(s, stdin(), stdoutWriter(), relayOptionsOf(o, datagram));
    await s.close(true);
    // nc's -w idle end is a success; ncat's --idle-timeout is an error with its own message
    if (why === "idle" && o.idleTimeoutMs !== undefined) throw new ToolError(`Idle timeout expired (${o.idleTimeoutMs} ms).`, 1);
  };
  const admit = await admissionOf(o, r);
  const proxy = o.listen ? undefined : proxyPlanOf(o);
  checkTlsUse(o, proxy !== undefined);
  const dialer = proxy ? proxyDialer(proxy, o, r) : o.ssl && !o.listen ? tlsDialer(o, r) : o.passFd && !o.listen ? fdPassDialer : directDialer;
  const resolveTarget = proxy === undefined;
  const listenTls = o.ssl && o.listen ? listenerTls(o, r) : undefined;
  // --broker / --chat: clients join a hub instead of a per-connection session
  if (o.broker || o.chat) {
    const broker = createBroker({ chat: o.chat, maxConns: o.maxConns });
    const hub: BrokerHub = { join: (s) => void broker.add(log ? withObserver(s, log) : s), broadcast: (b) => broker.broadcast(b) };
    const unused: SessionRunner = async () => {};
    const input = o.noStdin || o.recvOnly ? undefined : stdinReader();
    return { stream: unused, datagram: unused, admit, dialer, concurrent: true, resolveTarget, hub, stdin: input, listenTls };
  }
  // -e / -c: a program takes stdin's and stdout's place; it gets the peer's EOF as EOF on its stdin
  const exec = o.exec !== undefined ? execCommandOf("exec", o.exec) : o.shExec !== undefined ? execCommandOf("sh-exec", o.shExec) : undefined;
  if (exec) {
    const execWith: SessionRunner = async (s) => {
      if (o.idleTimeoutMs === undefined) {
        await runExec(s, exec);
        return s.close(true);
      }
      // --idle-timeout with a program: any byte either way counts as activity; silence ends the session
      const idleMs = o.idleTimeoutMs;
      let last = Date.now();
      let idle = false;
      const touch = () => void (last = Date.now());
      const watch = setInterval(() => {
        if (Date.now() - last < idleMs) return;
        idle = true;
        s.reset();
      }, Math.max(10, Math.min(250, idleMs / 4)));
      await runExec(withObserver(s, { sent: touch, received: touch }), exec).finally(() => clearInterval(watch));
      await s.close(true);
      if (idle) throw new ToolError(`Idle timeout expired (${idleMs} ms).`, 1);
    };
    return { stream: logged(execWith), datagram: logged(execWith), admit, dialer, concurrent: true, resolveTarget, listenTls };
  }
  return { stream: logged(relayWith(false)), datagram: logged(relayWith(true)), admit, dialer, concurrent: false, resolveTarget, listenTls };
}
