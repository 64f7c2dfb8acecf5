// getopt: bundled short flags, glued and separate values, counts, lists, permutation and glibc's error texts.
import { describe, expect, test } from "bun:test";
import { getopt, glibcMessages, opt, type OptionSpec } from "../../lib/cli/getopt.ts";
import { ToolError } from "../../lib/cli/error.ts";

const specs: OptionSpec[] = [
  { short: "l", help: "listen" },
  { short: "v", repeat: "count", help: "verbose" },
  { short: "n", help: "numeric" },
  { short: "p", arg: "port", help: "source port" },
  { short: "q", arg: "secs", help: "quit after" },
  { short: "w", arg: "secs", help: "timeout" },
  { short: "e", long: "exec", arg: "cmd", help: "exec" },
  { long: "ssl", help: "tls" },
  { short: "x", long: "field", arg: "f", repeat: "list", help: "fields" },
];
const msgs = glibcMessages("nc", 1);
const parse = (s: string) => getopt(s.split(" ").filter(Boolean), specs, msgs);

describe("getopt", () => {
  test("bundles flags with a trailing value", () => {
    const p = parse("-lvnp 4444");
    expect(p.values).toEqual({ l: true, v: 1, n: true, p: "4444" });
  });
  test("glued values keep their raw text", () => {
    expect(parse("-q0 host 1").values.q).toBe("0");
    expect(parse("-p0080").values.p).toBe("0080");
    expect(parse("-w3").values.w).toBe("3");
  });
  test("a value may start with a dash", () => {
    expect(parse("-q -1 h 1").values.q).toBe("-1");
  });
  test("counts repeats and collects lists", () => {
    expect(opt.count(parse("-vv -v"), "v")).toBe(3);
    expect(opt.list(parse("-x a --field b --field=c"), "field")).toEqual(["a", "b", "c"]);
  });
  test("options may follow positionals; -- ends options", () => {
    const p = parse("host 80 -v -- -n");
    expect(p.args).toEqual(["host", "80", "-n"]);
    expect(p.values.v).toBe(1);
  });
  test("long options by name and unique prefix", () => {
    expect(parse("--exec /bin/cat --ss").values).toEqual({ exec: "/bin/cat", ssl: true });
  });
  test("glibc's texts for bad options", () => {
    const err = (s: string) => {
      try { parse(s); } catch (e) { return (e as ToolError).message; }
      return "";
    };
    expect(err("-Q")).toBe("invalid option -- 'Q'");
    expect(err("-p")).toBe("option requires an argument -- 'p'");
    expect(err("--bogus")).toBe("unrecognized option '--bogus'");
    expect(err("--exec")).toBe("option '--exec' requires an argument");
  });
});
