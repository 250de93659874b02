/** The demo's clock: the ledger reads it (`now`), the traffic plan sets it call by call. */
export interface SimulatedClock {
  now(): number;
  set(timeMs: number): void;
}

/** A clock that stands still until told otherwise. */
export function createSimulatedClock(startMs: number): SimulatedClock {
  let currentMs = startMs;
  return {
    now: () => currentMs,
    set: (timeMs) => {
      currentMs = timeMs;
    },
  };
}
