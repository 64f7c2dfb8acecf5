// A bounded, copy-free view over a frame's bytes: reading past the captured bytes or past what the protocol reported throws.

/** Read past the captured bytes: Wireshark's BoundsError, shown as "[Packet size limited during capture]". */
export class BoundsError extends Error {
  override readonly name = "BoundsError";
}
/** Read past the length a header declared: Wireshark's ReportedBoundsError, shown as "[Malformed Packet]". */
export class ReportedBoundsError extends Error {
  override readonly name = "ReportedBoundsError";
}

// One shared instance each: the engine only looks at the class, and a stack trace per bad packet costs time.
const BOUNDS = new BoundsError("captured bytes exceeded");
const REPORTED = new ReportedBoundsError("reported length exceeded");
let lastView: DataView | null = null;

/**
 * Offsets passed to the readers are relative to this view; `start` converts them to frame offsets for
 * tree nodes. `captured` is how many bytes of the view exist in the capture, `reported` how many the
 * protocol says exist (reported >= captured when the snap length cut the frame).
 */
export class Tvb {
  constructor(
    /** the whole frame's bytes (never copied) */
    readonly data: Uint8Array,
    readonly view: DataView,
    /** frame offset of this view's byte 0 */
    readonly start: number,
    /** bytes of this view present in the capture */
    readonly captured: number,
    /** bytes of this view that should exist */
    readonly reported: number,
    /** where `data` starts inside `view` (views may span a reader's whole buffer) */
    readonly vbase = 0,
  ) {}

  /**
   * The view of a whole frame. Readers hand out frames that are slices of one large buffer, so one
   * DataView over that buffer serves every frame in it (no DataView per packet).
   */
  static ofFrame(data: Uint8Array, len: number): Tvb {
    let view = lastView;
    if (view === null || view.buffer !== data.buffer) view = lastView = new DataView(data.buffer);
    return new Tvb(data, view, 0, data.length, Math.max(len, data.length), data.byteOffset);
  }

  /** Throw the right error when [off, off+n) is not inside the captured bytes. */
  check(off: number, n: number): void {
    if (off < 0 || n < 0 || off + n > this.captured) throw off + n > this.reported || off < 0 || n < 0 ? REPORTED : BOUNDS;
  }

  u8(off: number): number {
    if (off >= this.captured || off < 0) this.check(off, 1);
    return this.data[this.start + off]!;
  }
  u16(off: number): number {
    if (off + 2 > this.captured || off < 0) this.check(off, 2);
    return this.view.getUint16(this.vbase + this.start + off);
  }
  u16le(off: number): number {
    if (off + 2 > this.captured || off < 0) this.check(off, 2);
    return this.view.getUint16(this.vbase + this.start + off, true);
  }
  u24(off: number): number {
    if (off + 3 > this.captured || off < 0) this.check(off, 3);
    const p = this.start + off;
    return (this.data[p]! << 16) | (this.data[p + 1]! << 8) | this.data[p + 2]!;
  }
  u32(off: number): number {
    if (off + 4 > this.captured || off < 0) this.check(off, 4);
    return this.view.getUint32(this.vbase + this.start + off);
  }
  u32le(off: number): number {
    if (off + 4 > this.captured || off < 0) this.check(off, 4);
    return this.view.getUint32(this.vbase + this.start + off, true);
  }
  u64(off: number): bigint {
    if (off + 8 > this.captured || off < 0) this.check(off, 8);
    return this.view.getBigUint64(this.vbase + this.start + off);
  }
  /** A view (not a copy) of n bytes. */
  bytes(off: number, n: number): Uint8Array {
    this.check(off, n);
    return this.data.subarray(this.start + off, this.start + off + n);
  }
  /** Bytes of the view still captured after off (never negative). */
  remaining(off: number): number {
    return Math.max(0, this.captured - off);
  }
  /** Bytes the protocol says remain after off. */
  reportedRemaining(off: number): number {
    return Math.max(0, this.reported - off);
  }
  /**
   * The view of the next layer from off. `len` (when given) is the length that layer's header reported;
   * like tvb_new_subset_length it bounds both captured and reported lengths.
   */
  subset(off: number, len = -1): Tvb {
    if (off > this.captured) this.check(off, 0);
    const reportedLeft = this.reported - off;
    const reported = len < 0 ? reportedLeft : Math.min(len, reportedLeft);
    const captured = Math.min(this.captured - off, reported < 0 ? 0 : reported);
    return new Tvb(this.data, this.view, this.start + off, Math.max(0, captured), Math.max(0, reported), this.vbase);
  }
  /** A NUL-free Latin-1/ASCII string of n bytes (for labels; UTF-8 decoding belongs to callers that need it). */
  ascii(off: number, n: number): string {
    this.check(off, n);
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.data[this.start + off + i]!);
    return s;
  }
}
