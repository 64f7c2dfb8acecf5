// tsshark: tshark's command line over the tsnet dissection engine (read files, print summaries or -T fields).
import { runTool, flushStdout } from "../lib/cli/run.ts";
import { QuietExit, ToolError } from "../lib/cli/error.ts";
import { versionLine } from "../lib/cli/version.ts";
import { getopt, glibcMessages, opt, optionHelp, type OptionSpec, type ParsedArgs } from "../lib/cli/getopt.ts";
import { dissectFrame, type DissectWants } from "../lib/dissect/engine.ts";
import { fieldByAbbrev, fieldsReport, newTables, protocolsReport } from "../lib/dissect/registry.ts";
import { Session } from "../lib/dissect/session.ts";
import type { Packet } from "../lib/dissect/tree.ts";
import { allFields } from "../lib/dissect/field.ts";
import { columnTexts, COLUMN_TITLES, type LineTimes, type SummaryOptions } from "../lib/format/columns.ts";
import { applyFieldsOption, DEFAULT_FIELDS_OPTIONS, FIELDS_OPTION_HELP, type FieldColumn } from "../lib/format/fields.ts";
import { makeRenderer, type OutputFormat, type RenderPlan } from "../lib/format/renderers.ts";
import { parseDetailProtocols } from "../lib/format/tree-text.ts";
import { displayOptions } from "../lib/format/value.ts";
import { TIME_FORMATS, type TimeFormat } from "../lib/format/time.ts";
import { applyDecodeAs } from "../lib/dissect/decode-as.ts";
import { openCapture, type CaptureOptions, type CaptureSession } from "../lib/capture/open.ts";
import { listInterfaces } from "../lib/capture/interfaces.ts";
import { captureBanner, captureSummary } from "../lib/capture/messages.ts";
import { openWriter, type FrameWriter, type WriterOptions } from "../lib/pcap/writer.ts";
import type { Frame } from "../lib/pcap/frame.ts";
import { compileDisplayFilter, type DisplayFilter } from "../lib/filter/compile.ts";
import { statRun, type StatRun } from "../lib/stats/stat-run.ts";
import { colors } from "../lib/cli/color.ts";
import { isatty } from "node:tty";

const OPTIONS: readonly OptionSpec[] = [
  { short: "r", key: "r", arg: "infile", help: "set the filename to read from (or '-' for stdin)" },
  { short: "c", key: "c", arg: "packet count", help: "stop after n packets" },
  { short: "T", key: "T", arg: "format", help: "output format: fields|tabs|text (json, pdml ... not built yet)" },
  { short: "e", key: "e", arg: "field", repeat: "list", help: "field to print if -T fields selected" },
  { short: "E", key: "E", arg: "fieldsoption", repeat: "list", help: "header=y|n separator=/t|/s|<char> occurrence=f|l|a aggregator=,|/s|<char> quote=d|s|n bom=y|n" },
  { short: "t", key: "t", arg: "format", help: "time format: a|ad|adoy|d|dd|e|r|u|ud|udoy" },
  { short: "u", key: "u", arg: "s|hms", help: "output format of seconds" },
  { short: "n", key: "n", help: "disable all name resolutions" },
  { short: "N", key: "N", arg: "flags", help: "enable specific name resolution(s): \"mnNtdv\"" },
  { short: "d", key: "d", arg: "layer_type==selector,proto", repeat: "list", help: "\"Decode As\", e.g. udp.port==12000,data" },
  { short: "2", key: "2", help: "perform a two-pass analysis" },
  { short: "q", key: "q", help: "be more quiet on stdout" },
  { short: "Q", key: "Q", help: "only log true errors to stderr" },
  { short: "l", key: "l", help: "flush standard output after each packet" },
  { short: "G", key: "G", arg: "report", optionalArg: false, help: "dump a glossary: fields|protocols" },
  { short: "V", key: "V", help: "add output of packet tree (Packet Details)" },
  { short: "O", key: "O", arg: "protocols", help: "only show packet details of these protocols" },
  { short: "x", key: "x", help: "add output of hex and ASCII dump (Packet Bytes)" },
  { short: "Y", key: "Y", arg: "display filter", help: "packet display filter" },
  { short: "R", key: "R", arg: "read filter", help: "packet read filter (needs -2)" },
  { short: "z", key: "z", arg: "statistics", repeat: "list", help: "various statistics" },
  { long: "ladder", key: "ladder", help: "draw TCP streams as ladder (sequence) diagrams; --ladder N draws stream N" },
  { long: "chart", key: "chart", help: "draw -z io,stat tables as bar charts too (the default on a terminal)" },
  { long: "chart-svg", key: "chart-svg", arg: "file", help: "write the -z io,stat chart as an SVG file" },
  { short: "w", key: "w", arg: "outfile", help: "write packets to a pcapng-format file" },
  { short: "P", key: "P", help: "print packet summary even when writing to a file" },
  { short: "F", key: "F", arg: "output file type", help: "set the output file type" },
  { short: "a", key: "a", arg: "autostop cond.", repeat: "list", help: "duration:NUM filesize:NUM files:NUM packets:NUM" },
  { short: "b", key: "b", arg: "ringbuffer opt.", repeat: "list", help: "duration:NUM interval:NUM filesize:NUM files:NUM packets:NUM" },
  { short: "i", key: "i", arg: "interface", repeat: "list", help: "name or idx of interface" },
  { short: "f", key: "f", arg: "capture filter", help: "packet filter in libpcap filter syntax" },
  { short: "s", key: "s", arg: "snaplen", help: "packet snapshot length" },
  { short: "p", key: "p", help: "don't capture in promiscuous mode" },
  { short: "B", key: "B", arg: "buffer size", help: "size of kernel buffer (MiB)" },
  { short: "D", key: "D", help: "print list of interfaces and exit" },
  { short: "j", key: "j", arg: "protocol match filter", help: "protocols layers filter for -T ek|pdml|json" },
  { short: "J", key: "J", arg: "protocol match filter", help: "protocols layers filter for -T ek|pdml|json" },
  { short: "o", key: "o", arg: "name:value", repeat: "list", help: "override preference setting" },
  { short: "v", long: "version", key: "version", help: "display version info and exit" },
  { short: "h", long: "help", key: "help", help: "display this help and exit" },
  { long: "hexdump", key: "hexdump", arg: "option", repeat: "list", help: "add hexdump, set options for data source and ASCII dump" },
];

const USAGE = ["", "Usage: tsshark [options] ...", "See tsshark --help for the options."];

/** Options that parse but whose feature belongs to a part not built yet: a clear error, never silence. */
const NOT_BUILT: ReadonlyMap<string, string> = new Map([
  ["j", "-j (protocol filter for json/pdml output) is not supported yet"],
  ["J", "-J (protocol filter for json/pdml output) is not supported yet"],
  ["o", "preferences (-o) are not supported yet"],
]);

const TIME_FORMAT_HELP = [
  '\t"a"    for absolute', '\t"ad"   for absolute with YYYY-MM-DD date', '\t"adoy" for absolute with YYYY/DOY date',
  '\t"d"    for delta', '\t"dd"   for delta displayed', '\t"e"    for epoch', '\t"r"    for relative',
  '\t"u"    for absolute UTC', '\t"ud"   for absolute UTC with YYYY-MM-DD date', '\t"udoy" for absolute UTC with YYYY/DOY date',
];

const T_FORMATS = ["fields", "tabs", "text", "json", "jsonraw", "ek", "pdml", "psml", "ps"];

interface Plan {
  readonly capture: CaptureOptions;
  /** -w: where frames are written (then summaries only with -P) */
  readonly write?: Omit<WriterOptions, "interfaces">;
  readonly printWhileWriting: boolean;
  readonly render: RenderPlan;
  readonly quiet: boolean;
  readonly flush: boolean;
  readonly twoPass: boolean;
  /** -R (with -2): packets that fail it are dropped before statistics see them */
  readonly readFilter?: DisplayFilter;
  /** -Y, or a filter given as trailing arguments with -r: what is printed and written */
  readonly displayFilter?: DisplayFilter;
  /** -z, --ladder and the charts */
  readonly stats?: StatRun;
}

function parseArgs(argv: string[]): ParsedArgs {
  return getopt(argv, OPTIONS, glibcMessages("tsshark", 1, USAGE));
}

function positiveInt(v: string, what: string): number {
  if (!/^\d+$/.test(v)) throw new ToolError(`The specified ${what} "${v}" isn't a decimal number`, 1);
  return Number(v);
}

/** -e names: registry fields and the _ws.col.* columns; unknown ones are reported together, sorted. */
function fieldColumns(names: readonly string[], times: () => LineTimes, summary: SummaryOptions): FieldColumn[] {
  const bad: string[] = [];
  const cols = names.map((name): FieldColumn => {
    if (name.startsWith("_ws.col.")) {
      const idx = COLUMN_TITLES.indexOf(name.slice(8) as (typeof COLUMN_TITLES)[number]);
      if (idx >= 0) return { name, column: (p: Packet) => columnTexts(p, times(), summary)[idx]! };
    }
    const field = fieldByAbbrev(name);
    if (!field) bad.push(name);
    return { name, field };
  });
  if (bad.length) throw new ToolError("Some fields aren't valid:", 1, [...new Set(bad)].sort().map((b) => `\t${b}`));
  return cols;
}

/** Which name resolutions -n / -N leave on. */
function resolution(p: ParsedArgs): { mac: boolean; network: boolean; transport: boolean } {
  if (opt.flag(p, "n")) return { mac: false, network: false, transport: false };
  const n = opt.str(p, "N");
  if (n === undefined) return { mac: true, network: false, transport: false };
  for (const ch of n) {
    if (!"dmnNtv".includes(ch)) {
      throw new ToolError(`-N specifies unknown resolving option '${ch}'; valid options are:`, 1, [
        "\t'd' to enable address resolution from captured DNS packets", "\t'm' to enable MAC address resolution",
        "\t'n' to enable network address resolution", "\t'N' to enable using external resolvers (e.g., DNS)",
        "\t    for network address resolution", "\t't' to enable transport-layer port number resolution",
        "\t'v' to enable VLAN IDs to names resolution",
      ]);
    }
  }
  // network names (n) and VLAN names (v) would need resolvers tsshark does not have yet: refuse, never ignore
  if (n.includes("n")) throw new ToolError("-N n (network address resolution) is not supported yet; addresses are shown as numbers", 1);
  if (n.includes("v")) throw new ToolError("-N v (VLAN ID resolution) is not supported yet", 1);
  return { mac: n.includes("m"), network: false, transport: n.includes("t") };
}

/** -a / -b "key:value" lists, with tshark's complaint for anything else. */
function conditions(list: readonly string[], flag: "a" | "b", keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) {
    const m = /^([a-z]+):(\d+)$/.exec(item);
    if (!m || !keys.includes(m[1]!)) throw new ToolError(`Invalid or unknown -${flag} ${flag === "a" ? "flag" : "arg"} "${item}"`, 1);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function decimal(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new ToolError(`The specified ${what} "${v}" isn't a decimal number`, 1);
  return Number(v);
}

const FILE_TYPES: Readonly<Record<string, WriterOptions["format"]>> = { pcapng: "pcapng", pcap: "pcap", libpcap: "pcap", nsecpcap: "nsecpcap" };

function buildPlan(p: ParsedArgs): Plan {
  const read = opt.str(p, "r");
  const count = decimal(opt.str(p, "c"), "packet count");
  if (count === 0) throw new ToolError("The specified packet count is zero", 1);
  const auto = conditions(opt.list(p, "a"), "a", ["duration", "filesize", "files", "packets"]);
  if (read !== undefined && auto.duration !== undefined) throw new ToolError("A maximum capture time was specified, but a capture isn't being done.", 1);
  const ring = conditions(opt.list(p, "b"), "b", ["duration", "filesize", "files", "packets", "interval"]);
  const out = opt.str(p, "w");
  const ftype = opt.str(p, "F");
  if (ftype !== undefined && !FILE_TYPES[ftype]) {
    throw new ToolError(`"${ftype}" isn't a valid capture file type`, 1, ['tsshark: The available capture file types for the "-F" flag are:', "    pcap - Wireshark/tcpdump/... - pcap", "    pcapng - Wireshark/... - pcapng", "    nsecpcap - Wireshark/tcpdump/... - nanosecond pcap"]);
  }
  if (opt.list(p, "b").length && out === undefined) throw new ToolError("Ring buffer requested, but capture isn't being saved to a permanent file.", 1);
  const snaplen = decimal(opt.str(p, "s"), "snapshot length");
  const bufferMiB = decimal(opt.str(p, "B"), "buffer size");
  const capture: CaptureOptions = {
    read,
    interfaces: opt.list(p, "i"),
    captureFilter: opt.str(p, "f"),
    snaplen,
    promisc: !opt.flag(p, "p"),
    bufferMiB,
    count,
    autostop: { duration: auto.duration, packets: auto.packets, filesizeKB: auto.filesize, files: auto.files },
  };
  const write = out === undefined ? undefined : {
    path: out,
    format: FILE_TYPES[ftype ?? "pcapng"]!,
    ring: opt.list(p, "b").length ? { duration: ring.duration, filesizeKB: ring.filesize, files: ring.files, packets: ring.packets, interval: ring.interval } : undefined,
    autostop: auto.filesize !== undefined || auto.files !== undefined ? { filesizeKB: auto.filesize, files: auto.files } : undefined,
  };
  const t = opt.str(p, "T") ?? "text";
  if (!T_FORMATS.includes(t)) throw new ToolError(`Invalid -T parameter "${t}"; it must be one of:`, 1, T_FORMATS.map((f) => `\t"${f}"`));
  if (t === "ps") throw new ToolError("-T ps (PostScript) is not supported yet", 1);
  const tf = opt.str(p, "t") ?? "r";
  if (!TIME_FORMATS.includes(tf as TimeFormat)) throw new ToolError(`Invalid time stamp type "${tf}"; it must be one of:`, 1, TIME_FORMAT_HELP);
  const u = opt.str(p, "u") ?? "s";
  if (u !== "s" && u !== "hms") throw new ToolError(`Invalid seconds type "${u}"; it must be one of:`, 1, ['\t"s"   for seconds', '\t"hms" for hours, minutes and seconds']);
  let fieldsOpts = DEFAULT_FIELDS_OPTIONS;
  for (const e of opt.list(p, "E")) {
    const r = applyFieldsOption(fieldsOpts, e);
    if (typeof r === "string") throw new ToolError(r, 1, [`tsshark: ${FIELDS_OPTION_HELP[0]}`, ...FIELDS_OPTION_HELP.slice(1)]);
    fieldsOpts = r;
  }
  const summary: SummaryOptions = { timeFormat: tf as TimeFormat, hms: u === "hms", tabs: t === "tabs" };
  const names = opt.list(p, "e");
  if (t === "fields" && names.length === 0) throw new ToolError('"-Tfields" was specified, but no fields were specified with "-e".', 1);
  if (!["fields", "json", "ek"].includes(t) && names.length) throw new ToolError('"-e" was specified, but no fields output was requested with "-Tfields".', 1);
  const fields = names.length ? fieldColumns(names, () => currentTimes, summary) : [];
  const detailArg = opt.str(p, "O");
  const detail = detailArg !== undefined ? parseDetailProtocols(detailArg) : opt.flag(p, "V") ? null : undefined;
  const render: RenderPlan = {
    format: t as OutputFormat, fields, fieldsOpts, summary, detail, hex: opt.flag(p, "x") || opt.list(p, "hexdump").length > 0,
    captureFile: read ?? "", creatorVersion: "4.0.17",
  };
  return {
    capture, write, printWhileWriting: opt.flag(p, "P"), render, quiet: opt.flag(p, "q"), flush: opt.flag(p, "l"), twoPass: opt.flag(p, "2"),
    ...analysisPlan(p),
  };
}

/** -Y / -R / trailing filter arguments, -z, --ladder [N], --chart and --chart-svg. */
function analysisPlan(p: ParsedArgs): Pick<Plan, "readFilter" | "displayFilter" | "stats"> {
  let args = [...p.args];
  let ladder: true | number | undefined;
  if (opt.flag(p, "ladder")) {
    ladder = true;
    if (args.length && /^\d+$/.test(args[0]!)) ladder = Number(args.shift());
  }
  const rText = opt.str(p, "R");
  if (rText !== undefined && !opt.flag(p, "2")) throw new ToolError("-R without -2 is deprecated. For single-pass filtering use -Y.", 1);
  let yText = opt.str(p, "Y");
  if (args.length) {
    // tshark reads trailing arguments as a capture filter when capturing, as a display filter with -r
    if (opt.str(p, "r") === undefined) throw new ToolError(`capture filters as trailing arguments are not supported; use -f "${args.join(" ")}"`, 1);
    if (yText !== undefined) throw new ToolError('Display filters were specified both with "-Y" and with additional command-line arguments.', 1);
    yText = args.join(" ");
    args = [];
  }
  const z = opt.list(p, "z");
  const chartSvg = opt.str(p, "chart-svg");
  const stats = z.length || ladder !== undefined
    ? statRun({
      z, ladder, chartSvg, compile: compileDisplayFilter, color: colors(1),
      chart: opt.flag(p, "chart") || (isatty(1) && z.some((a) => a.startsWith("io,stat"))),
      timeDigits: (pkt) => timeDigitsOf(pkt.frame),
    })
    : undefined;
  if (chartSvg !== undefined && !stats) throw new ToolError("--chart-svg draws an io,stat table: give -z io,stat,INTERVAL as well", 1);
  return {
    readFilter: rText === undefined ? undefined : compileDisplayFilter(rText),
    displayFilter: yText === undefined ? undefined : compileDisplayFilter(yText),
    stats,
  };
}

/** The Time column's digits for a frame of the capture being read (set once the capture is open). */
let timeDigitsOf: (f: Frame) => number = () => 6;

/** Times of the packet being printed (the _ws.col.Time column reads them too). */
let currentTimes: LineTimes = { first: 0, prevCaptured: 0, prevDisplayed: 0, digits: 9 };

/** The Time column's precision for a frame: its interface's timestamp digits. */
function digitsOf(cap: CaptureSession, f: Frame): number {
  return cap.interfaces[f.iface ?? 0]?.tsDigits ?? 6;
}

/** Interface names for frame.interface_name: pcapng files and live captures name theirs, plain pcap does not. */
function syncInterfaceNames(session: Session, cap: CaptureSession): void {
  // runs per frame: only an interface list that grew (a new pcapng IDB) costs anything
  if (cap.interfaces.length === seenInterfaces) return;
  seenInterfaces = cap.interfaces.length;
  session.interfaceNames = cap.interfaces.every((i) => !i.name) ? [] : cap.interfaces.map((i) => i.name || "unknown");
}
let seenInterfaces = -1;

async function printCapture(plan: Plan, session: Session): Promise<void> {
  const writing = plan.write !== undefined;
  const printing = !plan.quiet && (!writing || plan.printWhileWriting) && plan.write?.path !== "-";
  const renderer = makeRenderer(plan.render);
  const filters = [plan.readFilter, plan.displayFilter].filter((f): f is DisplayFilter => f !== undefined);
  const stats = plan.stats;
  const extraFields = [...filters.flatMap((f) => f.fields), ...(stats?.fields ?? [])];
  let want: Uint8Array | null = null;
  if ((plan.render.fields.length || extraFields.length) && !(printing && renderer.fullTree)) {
    want = new Uint8Array(allFields.length);
    if (printing) for (const c of plan.render.fields) if (c.field) want[c.field.id] = 1;
    for (const f of extraFields) want[f.id] = 1;
  }
  const fullTree = (printing && renderer.fullTree) || filters.some((f) => f.needsFullTree) || (stats?.fullTree ?? false);
  const wants: DissectWants = { full: fullTree, want, columns: (printing && renderer.columns) || (stats?.columns ?? false) };
  // frames must be dissected to print them, to filter what is written, or for statistics
  const dissecting = printing || stats !== undefined || (plan.write !== undefined && filters.length > 0);
  const kept: Set<number> | undefined = plan.twoPass && plan.readFilter ? new Set() : undefined;
  if (plan.twoPass) {
    if (plan.capture.read === undefined) throw new ToolError("Live captures do not support two-pass analysis.", 1);
    const first = await openCapture({ ...plan.capture, handleSignals: false });
    // tshark numbers only the frames that pass -R; a dropped frame is dissected under the next one's number
    const readWants: DissectWants = { full: plan.readFilter?.needsFullTree ?? false, want, columns: false };
    let n = 0;
    let index = 0;
    for await (const f of first.frames) {
      syncInterfaceNames(session, first);
      const pkt = dissectFrame(session, f, n + 1, plan.readFilter ? readWants : { full: false, want: null, columns: false });
      if (!plan.readFilter || plan.readFilter.test(pkt)) {
        n++;
        kept?.add(index);
      }
      index++;
    }
    session.beginSecondPass();
  }
  const live = plan.capture.read === undefined;
  const cap = await openCapture({ ...plan.capture, onStart: live && !plan.quiet ? (names) => process.stderr.write(captureBanner(names) + "\n") : live ? () => {} : undefined });
  const writer: FrameWriter | undefined = plan.write ? await openWriter({ ...plan.write, interfaces: cap.interfaces, onAutostop: () => cap.stop() }) : undefined;
  timeDigitsOf = (f) => digitsOf(cap, f);
  let firstTs = -1n, lastTs = -1n;
  const out = new OutputBuffer(plan.flush || live);
  if (printing) out.push(renderer.start());
  let num = 0;
  let first = -1, prevCaptured = -1;
  try {
    let prevDisplayed = -1;
    let index = -1;
    for await (const frame of cap.frames) {
      index++;
      if (kept && !kept.has(index)) {
        // a frame dropped by -R still starts the clock, as the file's first frame does in tshark
        if (session.firstRel < 0) {
          const sec = frame.tsSec ?? Number(frame.ts / 1_000_000_000n);
          session.firstRel = first = (sec - session.baseSec) * 1e9 + (frame.tsNsec ?? Number(frame.ts % 1_000_000_000n));
        }
        continue;
      }
      num++;
      if (firstTs < 0n) firstTs = frame.ts;
      lastTs = frame.ts;
      if (!dissecting && !plan.twoPass) {
        if (writer) writer.write(frame);
        continue;
      }
      syncInterfaceNames(session, cap);
      const pkt = dissectFrame(session, frame, num, wants);
      const rel = pkt.rel;
      if (first < 0) first = rel;
      const previous = prevCaptured < 0 ? rel : prevCaptured;
      prevCaptured = rel;
      // -R drops a packet for everything, statistics included; -Y only for printing and writing (as tshark)
      if (!kept && plan.readFilter && !plan.readFilter.test(pkt)) continue;
      stats?.packet(pkt);
      if (plan.displayFilter && !plan.displayFilter.test(pkt)) continue;
      if (writer) writer.write(frame);
      currentTimes = { first, prevCaptured: previous, prevDisplayed: prevDisplayed < 0 ? rel : prevDisplayed, digits: digitsOf(cap, frame) };
      prevDisplayed = rel;
      session.prevDisplayedRel = rel;
      if (printing && out.push(renderer.packet(pkt, currentTimes))) await out.flush();
    }
    if (printing) out.push(renderer.end());
    if (stats) out.push(stats.finish({ firstTs, lastTs }));
  } finally {
    await out.close();
    if (writer) await writer.close();
  }
  if (live && !plan.quiet) process.stderr.write(captureSummary({ captured: cap.stats().captured, dropped: cap.stats().dropped }) + "\n");
}

/** Stdout in large writes (one per ~64 KiB), or one per packet with -l; every write completes before exit. */
class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly perPacket: boolean) {}
  /** Queue text; true when the caller should `await flush()` now. */
  push(s: string): boolean {
    if (!s) return false;
    this.parts.push(s);
    this.size += s.length;
    return this.perPacket || this.size > 65536;
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    try {
      await Bun.write(Bun.stdout, text);
    } catch (err) {
      // The reader went away (tsshark ... | head): stop quietly, as tshark does when SIGPIPE ends it
      if ((err as { code?: string }).code === "EPIPE") throw new QuietExit(0);
      throw err;
    }
  }
  async close(): Promise<void> {
    await this.flush();
    await flushStdout();
  }
}

async function writeLines(lines: string[]): Promise<void> {
  const out = new OutputBuffer(false);
  for (const l of lines) if (out.push(l + "\n")) await out.flush();
  await out.close();
}

await runTool("tsshark", async (argv) => {
  const p = parseArgs(argv);
  if (opt.flag(p, "version")) return void console.log(versionLine("tsshark"));
  if (opt.flag(p, "help")) {
    console.log([versionLine("tsshark"), "Dump and analyze network traffic.", "", "Usage: tsshark [options] ...", "", ...optionHelp(OPTIONS, 34)].join("\n"));
    return;
  }
  const g = opt.str(p, "G");
  if (g !== undefined) {
    if (g === "fields") return void (await writeLines(fieldsReport()));
    if (g === "protocols") return void (await writeLines(protocolsReport()));
    throw new ToolError(`Invalid "${g}" option for -G flag, enter -G help for more help.`, 1);
  }
  for (const key of p.order) {
    const why = NOT_BUILT.get(key);
    if (why) throw new ToolError(why, 1);
  }
  const plan = buildPlan(p);
  if (opt.flag(p, "D")) return void (await writeLines(listInterfaces()));
  const session = new Session({ tables: newTables(), resolve: resolution(p), twoPass: plan.twoPass });
  displayOptions.resolveMac = session.resolve.mac;
  for (const d of opt.list(p, "d")) applyDecodeAs(session.tables, d);
  await printCapture(plan, session);
});
