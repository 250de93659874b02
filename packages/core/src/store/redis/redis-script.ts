/** A Lua script the Redis store runs with EVALSHA (pinned SHA-1), falling back to EVAL on NOSCRIPT. */
export interface RedisScript {
  readonly name: string;
  readonly source: string;
  /** SHA-1 (hex) of `source`, pinned in the source code; a test recomputes it. */
  readonly sha1: string;
}
