// Colour decided once per stream: picocolors, honouring NO_COLOR, FORCE_COLOR and whether the stream is a terminal.
import pc from "picocolors";
import { isatty } from "node:tty";

export type Colors = ReturnType<typeof pc.createColors>;

/** Whether colour is wanted on a stream with this file descriptor (1 stdout, 2 stderr). */
export function colorWanted(fd: 1 | 2, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  // isatty(fd), not process.stdout.isTTY: touching process.stdout costs a Bun binary ~30 ms of start-up
  return isatty(fd) && env.TERM !== "dumb";
}

const cache = new Map<number, Colors>();

/** The colour functions for stdout (1) or stderr (2); plain identity functions when colour is off. */
export function colors(fd: 1 | 2): Colors {
  let c = cache.get(fd);
  if (!c) {
    c = pc.createColors(colorWanted(fd));
    cache.set(fd, c);
  }
  return c;
}
