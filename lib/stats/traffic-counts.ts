// Frames and bytes sent and received by one conversation or endpoint, and tshark's busiest-first order.

export interface TrafficCounts {
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

export const zeroCounts = (): TrafficCounts => ({ txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 });

export function countFrame(c: TrafficCounts, sent: boolean, len: number): void {
  if (sent) {
    c.txFrames++;
    c.txBytes += len;
  } else {
    c.rxFrames++;
    c.rxBytes += len;
  }
}

/** Most frames first; equal counts keep the order in which they first appeared (tshark's draw loop). */
export function busiestFirst<T extends TrafficCounts>(list: readonly T[]): T[] {
  const total = (c: T) => c.txFrames + c.rxFrames;
  return list.map((c, i) => ({ c, i })).sort((x, y) => total(y.c) - total(x.c) || x.i - y.i).map((x) => x.c);
}
