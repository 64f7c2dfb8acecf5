// Display-filter errors as tshark prints them: the message, then the filter indented 4 spaces and a caret line.
import { ToolError } from "../cli/error.ts";
import type { Span } from "./ast.ts";

/** tshark's exit status for any filter that does not compile. */
export const FILTER_EXIT = 2;

/** A filter error; `span` underlines the culprit ("^~~~"), none for errors such as an unexpected end. */
export class FilterError extends ToolError {
  constructor(message: string, readonly span?: Span, readonly source = "") {
    super(message, FILTER_EXIT, span ? caretLines(source, span) : []);
    this.name = "FilterError";
  }
}

function caretLines(src: string, s: Span): string[] {
  return [`    ${src}`, `    ${" ".repeat(s.pos)}^${"~".repeat(Math.max(0, s.len - 1))}`];
}

/** Raise a filter error located in `src`. */
export function fail(src: string, message: string, span?: Span): never {
  throw new FilterError(message, span, src);
}
