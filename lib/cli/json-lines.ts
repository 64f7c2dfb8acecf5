// JSON-lines output: one compact JSON object per line, the format every --json flag writes.

/** Serialise one event as a single line; bigint values become numbers when safe, strings otherwise. */
export function jsonLine(obj: Record<string, unknown>): string {
  return (
    JSON.stringify(obj, (_k, v) =>
      typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v,
    ) + "\n"
  );
}
