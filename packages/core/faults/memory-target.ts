import { memoryStore } from "@tokenledger/core";
import type { FaultTarget } from "./fault-target.js";

/** The in-process memory store: no server, so only the wrapper faults (flaky, slow) apply. */
export function memoryTarget(): FaultTarget {
  return {
    kind: "memory",
    server: undefined,
    async open() {
      const store = memoryStore();
      return {
        store,
        openReader: async () => ({ store, close: async () => {} }),
        close: async () => {},
      };
    },
    stop: async () => {},
  };
}
