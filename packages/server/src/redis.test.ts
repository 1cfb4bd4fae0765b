// The Redis store in the moments real servers rarely show on cue: a claim that vanishes between
// its SET and GET, over and over. A scripted client plays Redis; test/node/callbackStores.test.ts
// runs the whole contract against a real server.
import { FlittConfigError } from '@flitt-checkout/core';
import { describe, expect, it } from 'vitest';
import { createRedisCallbackStore } from './redis.ts';

/** A node-redis-shaped client answering each command from `script` in turn, and logging it. */
function scripted(script: unknown[]) {
  const sent: string[][] = [];
  const client = {
    sendCommand: async (args: string[]) => {
      sent.push(args);
      return script.shift() ?? null;
    },
  };
  return { client, sent };
}

describe('createRedisCallbackStore under a race', () => {
  it('claims again when the claim it lost to was released before it could read it', async () => {
    // SET NX loses, the GET finds nothing (released meanwhile), the second SET NX wins.
    const { client, sent } = scripted([null, null, 'OK']);
    const store = createRedisCallbackStore({ client, prefix: 'p:' });
    expect(await store.claim('order-1:approved:0', 1000)).toBe('claimed');
    expect(sent.map(([command, key]) => `${command} ${key}`)).toEqual([
      'SET p:order-1:approved:0',
      'GET p:order-1:approved:0',
      'SET p:order-1:approved:0',
    ]);
  });

  it('answers busy at its first look at a claim another instance holds', async () => {
    const { client, sent } = scripted([null, 'busy:another-token']);
    const store = createRedisCallbackStore({ client });
    expect(await store.claim('order-3:approved:0', 1000)).toBe('busy');
    expect(sent.map(([command]) => command)).toEqual(['SET', 'GET']);
  });

  it('answers busy after five such races, so Flitt retries later instead of looping', async () => {
    const { client, sent } = scripted(Array.from({ length: 10 }, () => null));
    const store = createRedisCallbackStore({ client });
    expect(await store.claim('order-2:approved:0', 1000)).toBe('busy');
    expect(sent.filter(([command]) => command === 'SET')).toHaveLength(5);
  });

  it('leases for whole milliseconds, at least 1', async () => {
    const { client, sent } = scripted(['OK', 'OK']);
    const store = createRedisCallbackStore({ client });
    await store.claim('a', 0.2);
    await store.claim('b', 1500.5);
    expect(sent.map((args) => args.slice(3))).toEqual([
      ['NX', 'PX', '1'],
      ['NX', 'PX', '1501'],
    ]);
  });

  it('completes and releases only a claim it holds, once', async () => {
    const { client, sent } = scripted(['OK', 1, 'OK', 1]);
    const store = createRedisCallbackStore({ client, retentionSeconds: 0.0001 });
    await store.complete('never-claimed');
    await store.release('never-claimed');
    expect(sent).toEqual([]);
    await store.claim('a', 1000);
    await store.complete('a');
    await store.complete('a');
    await store.release('a');
    await store.claim('b', 1000);
    await store.release('b');
    await store.release('b');
    const token = (sent[0] as string[])[2];
    // Completion keeps the key for the retention (here rounded up to 1 ms), owner-checked.
    expect(sent.map((args) => args.slice(0, 1).concat(args.slice(3)))).toEqual([
      ['SET', 'NX', 'PX', '1000'],
      ['EVAL', 'flitt:event:a', token, '1'],
      ['SET', 'NX', 'PX', '1000'],
      ['EVAL', 'flitt:event:b', (sent[2] as string[])[2]],
    ]);
  });
});

describe('createRedisCallbackStore’s refusals', () => {
  it.each<[string, () => unknown, string]>([
    [
      'no options at all',
      () => createRedisCallbackStore(undefined as never),
      'invalid_redis_client',
    ],
    [
      'a bad retention',
      () => createRedisCallbackStore({ client: scripted([]).client, retentionSeconds: -1 }),
      'invalid_retention',
    ],
  ])('name the function the merchant called, for %s', (_, call, code) => {
    expect(call).toThrow(
      expect.objectContaining({
        code,
        constructor: FlittConfigError,
        message: expect.stringContaining('[flitt-checkout] createRedisCallbackStore: '),
      }),
    );
  });
});
