/**
 * Remembers which callback events were already handled, so `onOrder` runs at most once per order
 * and status even though Flitt repeats callbacks. Back it with your database or Redis when more
 * than one server instance receives callbacks.
 *
 * @example
 * // Redis: claim with SET NX, so only one instance wins.
 * const store: CallbackStore = {
 *   claim: async (key) => (await redis.set(`flitt:${key}`, '1', { NX: true, EX: 60 * 60 * 24 * 30 })) === 'OK',
 *   release: async (key) => { await redis.del(`flitt:${key}`); },
 * };
 */
export interface CallbackStore {
  /** Atomically marks the event as taken; resolves `false` when it was taken before. */
  claim(key: string): Promise<boolean> | boolean;
  /** Undoes a claim after `onOrder` failed, so Flitt's next retry processes the event again. */
  release(key: string): Promise<void> | void;
}

/**
 * The default store: in this process's memory, bounded (oldest keys forgotten first). Right for a
 * single server instance; with several, use a shared store.
 *
 * @example
 * const store = createMemoryCallbackStore({ maxKeys: 50_000 }); // createFlittHandlers({ store, … })
 */
export function createMemoryCallbackStore(options: { maxKeys?: number } = {}): CallbackStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const keys = new Set<string>();
  return {
    claim(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      // A Set iterates in insertion order, so the first key is the oldest.
      if (keys.size > maxKeys) keys.delete(keys.values().next().value as string);
      return true;
    },
    release(key) {
      keys.delete(key);
    },
  };
}
