// A simulated bad network for UDP lessons: datagrams dropped, duplicated or held back, from a seeded random source.

export interface LossyOptions {
  /** probability that a datagram (either direction) is lost */
  readonly drop: number;
  /** probability that a reply is delivered twice */
  readonly duplicate: number;
  /** hold each reply back a random 0-100 ms so later ones can overtake it */
  readonly reorder: boolean;
  /** seed for repeatable runs (--seed); random when absent */
  readonly seed?: number;
}

export const REORDER_MAX_MS = 100;

/** mulberry32: a tiny seeded generator, so a lesson (and a test) can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the network does to one datagram. */
export interface Fate {
  readonly lost: boolean;
  /** how many copies arrive (1, or 2 when duplicated) */
  readonly copies: number;
  readonly delayMs: number;
}

export function lossyNetwork(o: LossyOptions): { incoming(): boolean; outgoing(): Fate; readonly active: boolean } {
  const rand = seededRandom(o.seed ?? Math.floor(Math.random() * 2 ** 32));
  return {
    active: o.drop > 0 || o.duplicate > 0 || o.reorder,
    /** whether a request reaches the server */
    incoming: () => !(o.drop > 0 && rand() < o.drop),
    outgoing: () => ({
      lost: o.drop > 0 && rand() < o.drop,
      copies: o.duplicate > 0 && rand() < o.duplicate ? 2 : 1,
      delayMs: o.reorder ? Math.floor(rand() * REORDER_MAX_MS) : 0,
    }),
  };
}
