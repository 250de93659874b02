/**
 * The one thing the custom store needs from a database: read a value with its version, and
 * write it back only if nobody wrote in between (compare-and-set). etcd (`txn` on
 * `mod_revision`), DynamoDB (conditional `PutItem`), Deno KV (`atomic().check()`), Consul
 * (`?cas=`), or a SQL row with a version column all offer it.
 */
export interface VersionedKv {
  /** The value and its version, or `undefined` when the key was never written. */
  get(key: string): Promise<{ value: string; version: number } | undefined>;
  /** Writes `value` only if the key is still at `version` (`0`: never written). `true` when written. */
  compareAndSet(key: string, value: string, version: number): Promise<boolean>;
}

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An in-process {@link VersionedKv} for tests. Every call yields to the event loop first, like
 * a network round trip, so concurrent callers really do interleave between read and write.
 */
export function memoryKv(): VersionedKv {
  const entries = new Map<string, { value: string; version: number }>();
  return {
    async get(key) {
      await yieldToOthers();
      return entries.get(key);
    },
    async compareAndSet(key, value, version) {
      await yieldToOthers();
      if ((entries.get(key)?.version ?? 0) !== version) return false;
      entries.set(key, { value, version: version + 1 });
      return true;
    },
  };
}
