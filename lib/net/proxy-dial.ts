// The client's way through a proxy (-x/-X/-P as nc, --proxy/--proxy-type/--proxy-auth as ncat): connect, handshake, tunnel.
import { QuietExit, ToolError } from "../cli/error.ts";
import { SysError } from "../sys/libc.ts";
import type { NcOptions } from "./nc-options.ts";
import type { NcReporter } from "./nc-messages.ts";
import { ConnectTimeout, dialTcp } from "./dial.ts";
import { resolveHost } from "./resolve.ts";
import { withPrefix } from "./prefixed-stream.ts";
import { parseProxyAddress, proxyAuthOf, proxyHandshake, proxyPassword, proxyTypeOf, type ProxyAuth, type ProxyType } from "./proxy-client.ts";
import type { TcpDialer } from "./nc-client.ts";

interface ProxyPlan {
  readonly type: ProxyType;
  readonly proxy: { readonly host: string; readonly port: number };
  readonly auth?: ProxyAuth;
}

/** The proxy the options ask for, or undefined. ncat's --proxy-type defaults to http, as in ncat. */
export function proxyPlanOf(o: NcOptions): ProxyPlan | undefined {
  if (o.proxy !== undefined) {
    const type = proxyTypeOf(o.proxyProto, "nc");
    const proxy = parseProxyAddress(o.proxy, type);
    const auth = o.proxyUser === undefined ? undefined : { user: o.proxyUser, password: type === "socks4" ? undefined : proxyPassword(o.proxyUser, proxy.host) };
    return { type, proxy, auth };
  }
  if (o.ncatProxy !== undefined) {
    const type = proxyTypeOf(o.ncatProxyType ?? "http", "ncat");
    return { type, proxy: parseProxyAddress(o.ncatProxy, type), auth: o.ncatProxyAuth === undefined ? undefined : proxyAuthOf(o.ncatProxyAuth) };
  }
  return undefined;
}

/**
 * A dialer that connects to the proxy (reporting a failure there as nc does: the proxy's address in the -v
 * line, rc 1) and asks it for host:port. The target name goes to the proxy unresolved, except for SOCKS4,
 * which carries only IPv4 addresses (nc resolves the name itself then).
 */
export function proxyDialer(plan: ProxyPlan, o: NcOptions, r: NcReporter): TcpDialer {
  return async (host, _to, port, d) => {
    const [via] = await resolveHost(plan.proxy.host, plan.proxy.port, o.family, o.numeric);
    let stream;
    try {
      stream = await dialTcp(via!, plan.proxy.port, d);
    } catch (e) {
      if (!(e instanceof SysError) && !(e instanceof ConnectTimeout)) throw e;
      r.connectFailed(plan.proxy.host, via!.address, plan.proxy.port, "tcp", e.message, e instanceof ConnectTimeout);
      throw new QuietExit(1);
    }
    try {
      const rest = await proxyHandshake(stream, {
        type: plan.type,
        target: { host, port },
        auth: plan.auth,
        resolveForSocks4: async (name) => (await resolveHost(name, port, 4, o.numeric))[0]!.address,
      });
      return withPrefix(stream, rest);
    } catch (e) {
      stream.reset();
      throw e instanceof ToolError ? e : new ToolError((e as Error).message, 1);
    }
  };
}
