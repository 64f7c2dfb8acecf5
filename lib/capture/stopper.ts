// The stop switch a capture session shares with its frame loop: set by stop(), SIGINT or SIGTERM; wakes a sleeping loop.

export interface Stopper {
  readonly stopped: boolean;
  stop(): void;
  /** Sleep up to `ms`, returning early when stop() is called. */
  sleep(ms: number): Promise<void>;
}

export function makeStopper(): Stopper {
  let stopped = false;
  let wake: (() => void) | undefined;
  return {
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
      wake?.();
    },
    sleep(ms) {
      if (stopped) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          wake = undefined;
          resolve();
        }, ms);
        wake = () => {
          clearTimeout(t);
          wake = undefined;
          resolve();
        };
      });
    },
  };
}
