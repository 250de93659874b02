import type { LedgerEventName, LedgerEvents } from "./types.js";

type Listener<E extends LedgerEventName> = (payload: LedgerEvents[E]) => void;

/**
 * A tiny typed emitter. A throwing listener never breaks a model call nor crashes the process:
 * its error is logged with `console.error`.
 */
export interface LedgerEmitter {
  on<E extends LedgerEventName>(event: E, listener: Listener<E>): () => void;
  emit<E extends LedgerEventName>(event: E, payload: LedgerEvents[E]): void;
  has(event: LedgerEventName): boolean;
}

export function createLedgerEmitter(
  onEvent: ((event: LedgerEventName, payload: unknown) => void) | undefined,
  onListenerError: (error: unknown) => void = (error) =>
    console.error("[tokenledger] an event listener threw (the call went on):", error),
): LedgerEmitter {
  const listeners = new Map<LedgerEventName, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    emit(event, payload) {
      if (onEvent) {
        try {
          onEvent(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of set) {
        try {
          (listener as Listener<typeof event>)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    has(event) {
      return onEvent !== undefined || (listeners.get(event)?.size ?? 0) > 0;
    },
  };
}
