// A CallbackStore on Redis, over the merchant's own client: this package depends on no Redis
// library. One key per event: "busy:<token>" with a PX lease while claimed, "done" once handled.
import { FlittConfigError } from '@flitt-checkout/core';
import type { CallbackStore } from './callbackStore.ts';
import { describeValue, retentionSecondsOf } from './storeOptions.ts';

/** node-redis v4 and later (`createClient()` from `redis`): `sendCommand(['SET', …])`. */
interface NodeRedisLikeClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** ioredis (`new Redis()`): `call('SET', …)`. */
interface IoRedisLikeClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** Options of `createRedisCallbackStore`. */
export interface RedisCallbackStoreOptions {
  /** Your connected client: node-redis v4+ (`createClient`) or ioredis (`new Redis`). */
  client: NodeRedisLikeClient | IoRedisLikeClient;
  /** Put before every event key (default `'flitt:event:'`). */
  prefix?: string;
  /** How long a completed event is remembered, in seconds (default 30 days). */
  retentionSeconds?: number;
}

// Marks the event done only while this store still owns the claim, or while nobody does (our
// lease ran out and no one claimed it since): the event did run.
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or v == false then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

type Send = (args: string[]) => Promise<unknown>;

function senderOf(client: unknown): Send {
  const c = client as Partial<NodeRedisLikeClient & IoRedisLikeClient> | null;
  // ioredis has a sendCommand too, taking a Command object: look for its call() first.
  if (typeof c?.call === 'function') {
    const call = c.call.bind(c);
    return ([command, ...args]) => call(command as string, ...args);
  }
  if (typeof c?.sendCommand === 'function') return c.sendCommand.bind(c);
  throw new FlittConfigError(
    'invalid_redis_client',
    `[flitt-checkout] createRedisCallbackStore: client must be a connected node-redis (createClient() from "redis", v4 or later) or ioredis client, got ${describeValue(client)} without sendCommand() or call(). Pass the client object, not its URL.`,
  );
}

/**
 * A `CallbackStore` in Redis, so several server instances run each Flitt event once: claims are
 * `SET NX PX` leases, completion and release are owner-checked scripts.
 *
 * @example
 * import { createClient } from 'redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' }).connect();
 * const store = createRedisCallbackStore({ client }); // createFlittHandlers({ store, … })
 */
export function createRedisCallbackStore(options: RedisCallbackStoreOptions): CallbackStore {
  const send = senderOf(options?.client);
  const prefix = options.prefix ?? 'flitt:event:';
  if (typeof prefix !== 'string')
    throw new FlittConfigError(
      'invalid_redis_prefix',
      `[flitt-checkout] createRedisCallbackStore: prefix must be a string (got ${describeValue(prefix)}); leave it out for "flitt:event:".`,
    );
  const retentionMs = String(
    Math.max(
      1,
      Math.round(retentionSecondsOf(options.retentionSeconds, 'createRedisCallbackStore') * 1000),
    ),
  );
  // The claims this process holds: key → the token written into Redis.
  const tokens = new Map<string, string>();

  return {
    async claim(key, leaseMs) {
      const redisKey = prefix + key;
      const lease = String(Math.max(1, Math.ceil(leaseMs)));
      // A claim that lapses or is released between SET and GET leaves no key: try again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const token = crypto.randomUUID();
        const value = `busy:${token}`;
        if ((await send(['SET', redisKey, value, 'NX', 'PX', lease])) !== null) {
          tokens.set(key, value);
          return 'claimed';
        }
        const current = await send(['GET', redisKey]);
        if (current === 'done') return 'done';
        if (current !== null) return 'busy';
      }
      return 'busy';
    },
    async complete(key) {
      const value = tokens.get(key);
      if (value === undefined) return;
      tokens.delete(key);
      await send(['EVAL', COMPLETE, '1', prefix + key, value, retentionMs]);
    },
    async release(key) {
      const value = tokens.get(key);
      if (value === undefined) return;
      tokens.delete(key);
      await send(['EVAL', RELEASE, '1', prefix + key, value]);
    },
  };
}
