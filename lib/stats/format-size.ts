// Byte counts as Wireshark's format_size prints them with the "bytes" unit: "404 bytes", "5338 bytes", "15 kB", "15 MB".

const UNITS: readonly [bigint, string][] = [
  [1_000_000_000_000n, "TB"],
  [1_000_000_000n, "GB"],
  [1_000_000n, "MB"],
  [1_000n, "kB"],
];

/** SI prefixes, integer division, and a prefix only once the value reaches ten of that unit. */
export function formatBytes(n: number | bigint): string {
  const v = BigInt(n);
  for (const [unit, name] of UNITS) if (v / unit >= 10n) return `${v / unit} ${name}`;
  return `${v} bytes`;
}
