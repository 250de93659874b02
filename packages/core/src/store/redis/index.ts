export type {
  IoredisScriptClient,
  NodeRedisScriptClient,
  NodeRedisScriptOptions,
  RedisClientLike,
} from "./redis-client.js";
export { encodeKeyPart, type RedisKeyspace } from "./redis-keys.js";
export { type RedisStore, type RedisStoreOptions, redisStore } from "./redis-store.js";
