// tshark's ring-buffer file names: -w dir/cap.pcapng becomes dir/cap_00001_20261124222020.pcapng.
import { basename, dirname, join } from "node:path";

const two = (n: number): string => String(n).padStart(2, "0");

/** Local time as YYYYMMDDhhmmss, the stamp dumpcap puts in each ring file's name. */
export function fileStamp(d: Date): string {
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

/** prefix_NNNNN_YYYYMMDDhhmmss.ext: the extension is the text after the last dot of the -w name. */
export function ringFileName(path: string, fileNo: number, when: Date): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : "";
  const name = `${stem}_${String(fileNo).padStart(5, "0")}_${fileStamp(when)}${ext}`;
  return dirname(path) === "." && !path.startsWith("./") ? name : join(dirname(path), name);
}
