/**
 * The memory store's idempotency memory: ids of reservations settled or released, each
 * remembered until an instant, at most `maxIds` of them (the oldest forgotten first).
 *
 * The order lives in a queue beside the map: iterating a `Map` from its front after deletions
 * walks every deleted slot until the next rehash, which made each eviction O(n).
 */
export class EndedIds {
  private readonly forgetAt = new Map<string, number>();
  private queuedIds: string[] = [];
  private queuedForgetAt: number[] = [];
  private head = 0;

  constructor(private readonly maxIds: number) {}

  get size(): number {
    return this.forgetAt.size;
  }

  /** Whether `id` ended and is still remembered at `nowMs`. */
  has(id: string, nowMs: number): boolean {
    const forgetAtMs = this.forgetAt.get(id);
    if (forgetAtMs === undefined) return false;
    if (nowMs < forgetAtMs) return true;
    this.forgetAt.delete(id);
    return false;
  }

  /** Remembers `id` until `forgetAtMs` (later than every id added before: one retention). */
  add(id: string, forgetAtMs: number): void {
    this.forgetAt.set(id, forgetAtMs);
    this.queuedIds.push(id);
    this.queuedForgetAt.push(forgetAtMs);
    while (this.forgetAt.size > this.maxIds) this.dropOldest();
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
    if (this.forgetAt.get(id) === this.queuedForgetAt[this.head]) this.forgetAt.delete(id);
    this.head += 1;
    // Drop the consumed prefix once it is the larger half (amortized O(1) per id).
    if (this.head > 1024 && this.head * 2 > this.queuedIds.length) {
      this.queuedIds = this.queuedIds.slice(this.head);
      this.queuedForgetAt = this.queuedForgetAt.slice(this.head);
      this.head = 0;
    }
  }
}
