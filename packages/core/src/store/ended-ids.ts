import type { ReserveOutcome } from "./store.js";

/** How a reservation ended, and the outcome a repeated reserve with its id gets. */
export interface Ending {
  state: "settled" | "released";
  outcome: ReserveOutcome;
}

/** A remembered ending and when it is forgotten. */
interface EndedEntry extends Ending {
  forgetAtMs: number;
}

/**
 * The memory store's idempotency memory: ids of reservations settled or released, with how they
 * ended, each remembered until an instant, at most `maxIds` of them (the oldest forgotten first).
 *
 * The order lives in a queue beside the map: iterating a `Map` from its front after deletions
 * walks every deleted slot until the next rehash, which made each eviction O(n).
 */
export class EndedIds {
  private readonly entries = new Map<string, EndedEntry>();
  private queuedIds: string[] = [];
  private queuedForgetAt: number[] = [];
  private head = 0;

  constructor(private readonly maxIds: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** How `id` ended, if it did and is still remembered at `nowMs`. */
  get(id: string, nowMs: number): Ending | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (nowMs < entry.forgetAtMs) return entry;
    this.entries.delete(id);
    return undefined;
  }

  /** Remembers how `id` ended until `forgetAtMs` (later than every id added before: one retention). */
  add(id: string, ending: Ending, forgetAtMs: number): void {
    this.entries.set(id, { state: ending.state, outcome: ending.outcome, forgetAtMs });
    this.queuedIds.push(id);
    this.queuedForgetAt.push(forgetAtMs);
    while (this.entries.size > this.maxIds) this.dropOldest();
  }

  /** Forgets every id due at `nowMs` (they are queued in the order they fall due). */
  sweep(nowMs: number): void {
    while (
      this.head < this.queuedIds.length &&
      nowMs >= (this.queuedForgetAt[this.head] as number)
    ) {
      this.dropOldest();
    }
  }

  private dropOldest(): void {
    const id = this.queuedIds[this.head] as string;
    // A stale queue entry (the id was forgotten and ended again since) leaves the newer one.
    if (this.entries.get(id)?.forgetAtMs === this.queuedForgetAt[this.head]) {
      this.entries.delete(id);
    }
    this.head += 1;
    // Drop the consumed prefix once it is the larger half (amortized O(1) per id).
    if (this.head > 1024 && this.head * 2 > this.queuedIds.length) {
      this.queuedIds = this.queuedIds.slice(this.head);
      this.queuedForgetAt = this.queuedForgetAt.slice(this.head);
      this.head = 0;
    }
  }
}
