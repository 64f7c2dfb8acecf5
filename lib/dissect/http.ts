// HTTP/1.x over TCP: request and status lines, headers, request/response pairing and the body hand-off (one segment at a time).
import { defineProtocol } from "./field.ts";
import type { Dissector } from "./tables.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";
import { HTTP_METHODS, HTTP_STATUS } from "./values/http-status.ts";
import { dissectBody, escapeLabel } from "./http-body.ts";
import { addExpert } from "./expert.ts";
import { conversationKey } from "../analysis/conversation.ts";

const str = (name: string, blurb?: string) => ({ name, type: "FT_STRING" as const, ...(blurb ? { blurb } : {}) });

export const http = defineProtocol({ abbrev: "http", name: "Hypertext Transfer Protocol", short: "HTTP" }, {
  notification: { name: "Notification", type: "FT_BOOLEAN", base: 0, blurb: "TRUE if HTTP notification" },
  response: { name: "Response", type: "FT_BOOLEAN", base: 0, blurb: "TRUE if HTTP response" },
  request: { name: "Request", type: "FT_BOOLEAN", base: 0, blurb: "TRUE if HTTP request" },
  response_number: { name: "Response number", type: "FT_UINT32", base: "BASE_DEC" },
  request_number: { name: "Request number", type: "FT_UINT32", base: "BASE_DEC" },
  "response.line": str("Response line"),
  "request.line": str("Request line"),
  "request.method": str("Request Method", "HTTP Request Method"),
  "request.uri": str("Request URI", "HTTP Request-URI"),
  "request.uri.path": str("Request URI Path", "HTTP Request-URI Path"),
  "request.uri.query": str("Request URI Query", "HTTP Request-URI Query"),
  "request.uri.query.parameter": str("Request URI Query Parameter", "HTTP Request-URI Query Parameter"),
  "request.version": str("Request Version", "HTTP Request HTTP-Version"),
  "response.version": str("Response Version", "HTTP Response HTTP-Version"),
  "request.full_uri": str("Full request URI", "The full requested URI (including host name)"),
  "response.code": { name: "Status Code", type: "FT_UINT16", base: "BASE_DEC", blurb: "HTTP Response Status Code" },
  "response.code.desc": str("Status Code Description", "HTTP Response Status Code Description"),
  "response.phrase": str("Response Phrase", "HTTP Response Reason Phrase"),
  authorization: str("Authorization", "HTTP Authorization header"),
  www_authenticate: str("WWW-Authenticate", "HTTP WWW-Authenticate header"),
  content_type: str("Content-Type", "HTTP Content-Type header"),
  content_length_header: str("Content-Length", "HTTP Content-Length header"),
  content_length: { name: "Content length", type: "FT_UINT64", base: "BASE_DEC" },
  content_encoding: str("Content-Encoding", "HTTP Content-Encoding header"),
  transfer_encoding: str("Transfer-Encoding", "HTTP Transfer-Encoding header"),
  upgrade: str("Upgrade", "HTTP Upgrade header"),
  user_agent: str("User-Agent", "HTTP User-Agent header"),
  host: str("Host", "HTTP Host"),
  connection: str("Connection", "HTTP Connection"),
  cookie: str("Cookie", "HTTP Cookie"),
  cookie_pair: str("Cookie pair", "A name/value HTTP cookie pair"),
  accept: str("Accept", "HTTP Accept"),
  referer: str("Referer", "HTTP Referer"),
  accept_language: str("Accept-Language", "HTTP Accept Language"),
  accept_encoding: str("Accept Encoding", "HTTP Accept Encoding"),
  date: str("Date", "HTTP Date"),
  cache_control: str("Cache-Control", "HTTP Cache Control"),
  server: str("Server", "HTTP Server"),
  location: str("Location", "HTTP Location"),
  set_cookie: str("Set-Cookie", "HTTP Set Cookie"),
  last_modified: str("Last-Modified", "HTTP Last Modified"),
  x_forwarded_for: str("X-Forwarded-For", "HTTP X-Forwarded-For"),
  request_in: { name: "Request in frame", type: "FT_FRAMENUM", blurb: "This packet is a response to the packet with this number" },
  response_in: { name: "Response in frame", type: "FT_FRAMENUM", blurb: "This packet will be responded in the packet with this number" },
  prev_request_in: { name: "Prev request in frame", type: "FT_FRAMENUM", blurb: "The previous HTTP request starts in packet number" },
  prev_response_in: { name: "Prev response in frame", type: "FT_FRAMENUM", blurb: "The previous HTTP response starts in packet number" },
  time: { name: "Time since request", type: "FT_RELATIVE_TIME", blurb: "Time since the request was sent" },
  "response_for.uri": str("Request URI", "HTTP Response For-URI"),
  file_data: str("File Data"),
  chat: { name: "Formatted text", type: "FT_NONE" },
});

const F = http.f;
type HttpField = (typeof F)[keyof typeof F];

/** Headers with a field of their own, by lower-cased name; others only show their line. */
const HEADERS: ReadonlyMap<string, HttpField> = new Map([
  ["authorization", F.authorization], ["www-authenticate", F.www_authenticate], ["content-type", F.content_type],
  ["content-length", F.content_length_header], ["content-encoding", F.content_encoding], ["transfer-encoding", F.transfer_encoding],
  ["upgrade", F.upgrade], ["user-agent", F.user_agent], ["host", F.host], ["connection", F.connection], ["cookie", F.cookie],
  ["accept", F.accept], ["referer", F.referer], ["accept-language", F.accept_language], ["accept-encoding", F.accept_encoding],
  ["date", F.date], ["cache-control", F.cache_control], ["server", F.server], ["location", F.location], ["set-cookie", F.set_cookie],
  ["last-modified", F.last_modified], ["x-forwarded-for", F.x_forwarded_for],
]);

/** One request with what its response needs, per TCP conversation (Wireshark's req_res list). */
interface ReqRes {
  num: number;
  reqFrame: number;
  reqTs: bigint;
  uri: string;
  resFrame: number;
  prev: ReqRes | null;
}
interface Conv {
  last: ReqRes | null;
  count: number;
  /** per frame and message index, for the -2 pass */
  byFrame: Map<string, ReqRes>;
}
const owner = {};

/** The line ending at the first LF from `off`; null when the segment has none. */
function lineAt(tvb: Tvb, off: number): { text: string; next: number } | null {
  for (let i = off; i < tvb.captured; i++) if (tvb.u8(i) === 0x0a) return { text: tvb.ascii(off, i + 1 - off), next: i + 1 };
  return null;
}
const chomp = (s: string) => s.replace(/\r?\n$/, "");

type Kind = "request" | "response" | null;
function kindOf(first: string): Kind {
  if (/^HTTP\/\d\.\d /.test(first)) return "response";
  const sp = first.indexOf(" ");
  return sp > 0 && HTTP_METHODS.has(first.slice(0, sp)) && / HTTP\/\d\.\d\r?\n?$/.test(first) ? "request" : null;
}

function dissectHttp(tvb: Tvb, pkt: Packet, parent: Node): number {
  const c = pkt.cols;
  let off = 0;
  let index = 0;
  while (off < tvb.captured) {
    const first = lineAt(tvb, off);
    const kind = first ? kindOf(first.text) : null;
    if (!kind) {
      if (index === 0) dissectContinuation(tvb, pkt, parent);
      break;
    }
    if (index === 0) {
      c?.setProtocol("HTTP");
      c?.clearInfo();
    }
    off = dissectMessage(tvb.subset(off), pkt, parent, kind, index++) + off;
  }
  return tvb.reported;
}

/** Bytes that are not the start of a message: Wireshark calls them "Continuation". */
function dissectContinuation(tvb: Tvb, pkt: Packet, parent: Node): void {
  pkt.cols?.setProtocol("HTTP");
  pkt.cols?.setInfo("Continuation");
  const top = pkt.addProto(parent, http, tvb, 0, -1);
  const n = pkt.add(top, F.file_data, tvb, 0, tvb.captured, pkt.wants(F.file_data) ? tvb.ascii(0, tvb.captured) : "");
  if (pkt.full) n.setLabel(`File Data: ${tvb.captured} bytes`);
}

function dissectMessage(tvb: Tvb, pkt: Packet, parent: Node, kind: "request" | "response", index: number): number {
  const top = pkt.addProto(parent, http, tvb, 0, -1);
  const first = lineAt(tvb, 0)!;
  const firstText = chomp(first.text);
  pkt.cols?.appendInfo(`${firstText} `);
  const fl = pkt.addText(top, tvb, 0, first.next, escapeLabel(first.text));
  addExpert(pkt, fl, { abbrev: "http.chat", severity: "Chat", group: "Sequence", message: escapeLabel(first.text) });
  let uri = "";
  if (kind === "request") uri = requestLine(tvb, pkt, fl, firstText);
  else statusLine(tvb, pkt, fl, firstText);

  // headers up to the empty line
  let off = first.next;
  let host = "";
  let contentLength = -1;
  let mediaType = "";
  const lineField = kind === "request" ? F["request.line"] : F["response.line"];
  for (;;) {
    const line = lineAt(tvb, off);
    if (!line) break;
    const text = chomp(line.text);
    const len = line.next - off;
    if (text === "") {
      pkt.addText(top, tvb, off, len, escapeLabel(line.text));
      off = line.next;
      break;
    }
    const colon = text.indexOf(":");
    const name = colon > 0 ? text.slice(0, colon).toLowerCase() : "";
    const value = colon > 0 ? text.slice(colon + 1).trim() : "";
    const f = HEADERS.get(name);
    if (f) {
      const n = pkt.add(top, f, tvb, off, len, value);
      if (pkt.full) n.setLabel(escapeLabel(line.text));
      if (f === F.content_length_header && /^\d+$/.test(value)) {
        contentLength = Number(value);
        pkt.add(n, F.content_length, tvb, off, len, BigInt(value)).generated();
      } else if (f === F.cookie) {
        const vstart = off + colon + 1;
        for (const pair of value.split(";")) if (pair.trim()) pkt.add(n, F.cookie_pair, tvb, vstart, 0, pair.trim());
      } else if (f === F.host) host = value;
      else if (f === F.content_type) mediaType = value.split(";")[0]!.trim().toLowerCase();
      pkt.add(top, lineField, tvb, off, len, line.text).hide();
    } else {
      const n = pkt.add(top, lineField, tvb, off, len, line.text);
      if (pkt.full) n.setLabel(escapeLabel(line.text));
    }
    off = line.next;
  }
  const body = kind === "request" ? Math.max(0, contentLength) : contentLength >= 0 ? contentLength : tvb.reported - off;
  pairing(tvb, pkt, top, kind, index, host && uri ? `http://${host}${uri}` : "");
  const bodyLen = Math.min(body, Math.max(0, tvb.reported - off));
  if (bodyLen > 0) {
    const shown = Math.min(bodyLen, tvb.remaining(off));
    const fd = pkt.add(top, F.file_data, tvb, off, shown, pkt.wants(F.file_data) ? tvb.ascii(off, shown) : "");
    if (pkt.full) fd.setLabel(`File Data: ${bodyLen} bytes`);
  }
  if (pkt.full) top.setLen(off + bodyLen);
  if (bodyLen > 0) dissectBody(tvb.subset(off, bodyLen), pkt, parent, mediaType);
  return off + bodyLen;
}

/** "GET /path?q HTTP/1.1": method, URI (with path and query parts), version; returns the URI. */
function requestLine(tvb: Tvb, pkt: Packet, fl: Node, line: string): string {
  const [method = "", uri = "", version = ""] = line.split(" ");
  pkt.add(fl, F["request.method"], tvb, 0, method.length, method);
  const uriOff = method.length + 1;
  const u = pkt.add(fl, F["request.uri"], tvb, uriOff, uri.length, uri);
  const q = uri.indexOf("?");
  if (q >= 0) {
    pkt.add(u, F["request.uri.path"], tvb, uriOff, q, uri.slice(0, q));
    const query = uri.slice(q + 1);
    const qn = pkt.add(u, F["request.uri.query"], tvb, uriOff + q + 1, query.length, query);
    let p = uriOff + q + 1;
    for (const param of query.split("&")) {
      pkt.add(qn, F["request.uri.query.parameter"], tvb, p, param.length, param);
      p += param.length + 1;
    }
  }
  pkt.add(fl, F["request.version"], tvb, uriOff + uri.length + 1, version.length, version);
  return uri;
}

/** "HTTP/1.1 200 OK": version, status code (and its description), phrase. */
function statusLine(tvb: Tvb, pkt: Packet, fl: Node, line: string): void {
  const sp1 = line.indexOf(" ");
  const version = line.slice(0, sp1);
  const rest = line.slice(sp1 + 1);
  const sp2 = rest.indexOf(" ");
  const codeText = sp2 < 0 ? rest : rest.slice(0, sp2);
  const phrase = sp2 < 0 ? "" : rest.slice(sp2 + 1);
  const code = Number(codeText) || 0;
  pkt.add(fl, F["response.version"], tvb, 0, version.length, version);
  pkt.add(fl, F["response.code"], tvb, sp1 + 1, codeText.length, code);
  pkt.add(fl, F["response.code.desc"], tvb, sp1 + 1, codeText.length, HTTP_STATUS.get(code) ?? "Unknown").generated();
  pkt.add(fl, F["response.phrase"], tvb, sp1 + 2 + codeText.length, phrase.length, phrase);
}

/** Request numbers, the request a response answers, and the links between them (Wireshark's req_res). */
function pairing(tvb: Tvb, pkt: Packet, top: Node, kind: "request" | "response", index: number, fullUri: string): void {
  const convs = pkt.session.state(owner, () => new Map<string | number, Conv>());
  const key = conversationKey(pkt).key;
  let conv = convs.get(key);
  if (!conv) convs.set(key, (conv = { last: null, count: 0, byFrame: new Map() }));
  const fkey = `${pkt.num}/${index}`;
  let rr = conv.byFrame.get(fkey);
  if (!rr && pkt.session.pass === 1) {
    if (kind === "request") {
      rr = { num: ++conv.count, reqFrame: pkt.num, reqTs: pkt.frame.ts, uri: fullUri, resFrame: 0, prev: conv.last };
      conv.last = rr;
    } else if (conv.last) {
      rr = conv.last;
      if (!rr.resFrame) rr.resFrame = pkt.num;
    }
    if (rr) conv.byFrame.set(fkey, rr);
  }
  if (kind === "request") {
    if (fullUri) pkt.addGenerated(top, F["request.full_uri"], tvb, 0, 0, fullUri);
    pkt.add(top, F.request, tvb, 0, 0, 1).hide();
    if (!rr) return;
    const n = pkt.addGenerated(top, F.request_number, tvb, 0, 0, rr.num);
    if (pkt.full) n.setLabel(`HTTP request ${rr.num}/${conv.count}`);
    if (rr.prev) pkt.addGenerated(top, F.prev_request_in, tvb, 0, 0, rr.prev.reqFrame);
    if (rr.resFrame && pkt.session.pass === 2) pkt.addGenerated(top, F.response_in, tvb, 0, 0, rr.resFrame);
    return;
  }
  pkt.add(top, F.response, tvb, 0, 0, 1).hide();
  if (!rr) return;
  const n = pkt.addGenerated(top, F.response_number, tvb, 0, 0, rr.num);
  if (pkt.full) n.setLabel(`HTTP response ${rr.num}/${conv.count}`);
  pkt.addGenerated(top, F.time, tvb, 0, 0, pkt.frame.ts - rr.reqTs);
  if (rr.prev) {
    if (rr.prev.resFrame) pkt.addGenerated(top, F.prev_response_in, tvb, 0, 0, rr.prev.resFrame);
    else pkt.addGenerated(top, F.prev_request_in, tvb, 0, 0, rr.prev.reqFrame);
  }
  pkt.addGenerated(top, F.request_in, tvb, 0, 0, rr.reqFrame);
  if (rr.uri) pkt.addGenerated(top, F["response_for.uri"], tvb, 0, 0, rr.uri);
}

export const httpDissector: Dissector = {
  proto: http,
  name: "http",
  handoff: [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371].map((p) => ["tcp.port", p] as const),
  dissect: dissectHttp,
};
