import { InvalidConfigError } from "../../errors/invalid-config-error.js";
import type { RedisScript } from "./redis-script.js";

/** The two methods the store uses on an ioredis client (`new Redis(...)`, also a Cluster). */
export interface IoredisScriptClient {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** Keys and arguments of a node-redis script call. */
export interface NodeRedisScriptOptions {
  keys: string[];
  arguments: string[];
}

/** The two methods the store uses on a node-redis v4+ client (`createClient(...)`, connected). */
export interface NodeRedisScriptClient {
  evalSha(sha1: string, options: NodeRedisScriptOptions): Promise<unknown>;
  eval(script: string, options: NodeRedisScriptOptions): Promise<unknown>;
}

/** An ioredis or node-redis client (neither is a dependency: only these methods are used). */
export type RedisClientLike = IoredisScriptClient | NodeRedisScriptClient;

/** Runs a script: EVALSHA with its pinned SHA-1; on NOSCRIPT, EVAL (which caches it). */
export type RunScript = (
  script: RedisScript,
  keys: readonly string[],
  args: readonly string[],
) => Promise<unknown>;

const isNoScript = (error: unknown): boolean =>
  String((error as { message?: unknown } | null)?.message ?? error).includes("NOSCRIPT");

const hasMethod = (value: unknown, name: string): boolean =>
  typeof (value as Record<string, unknown> | null)?.[name] === "function";

/**
 * Adapts an ioredis or node-redis client to {@link RunScript}, detected at runtime: node-redis
 * has `evalSha(sha, { keys, arguments })`, ioredis `evalsha(sha, numKeys, ...keys, ...args)`.
 * Throws `InvalidConfigError` for anything else.
 */
export function createScriptRunner(client: unknown): RunScript {
  if (hasMethod(client, "evalSha") && hasMethod(client, "eval")) {
    const nodeRedis = client as NodeRedisScriptClient;
    return async (script, keys, args) => {
      const options = { keys: [...keys], arguments: [...args] };
      try {
        return await nodeRedis.evalSha(script.sha1, options);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return nodeRedis.eval(script.source, options);
      }
    };
  }
  if (hasMethod(client, "evalsha") && hasMethod(client, "eval")) {
    const ioredis = client as IoredisScriptClient;
    return async (script, keys, args) => {
      try {
        return await ioredis.evalsha(script.sha1, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return ioredis.eval(script.source, keys.length, ...keys, ...args);
      }
    };
  }
  throw new InvalidConfigError({
    message:
      "redisStore({ client }) needs an ioredis client (new Redis(url)) or a connected node-redis client (await createClient({ url }).connect()): an object with evalsha/eval or evalSha/eval methods.",
  });
}
