/** What `claim` found: the event is yours to run, was handled before, or runs elsewhere now. */
export type ClaimResult = 'claimed' | 'done' | 'busy';

/**
 * Remembers which events were handled, so `onEvent` runs once per event although Flitt repeats
 * callbacks, retries them, and several server instances may receive the same one. The default
 * keeps them in this process's memory; with more than one instance use `@flitt-checkout/server/redis`
 * or `@flitt-checkout/server/postgres`, or implement these three calls on your own database.
 *
 * A claim is a lease: when the instance that holds it dies in the middle of `onEvent`, the lease
 * runs out and Flitt's next retry runs the event again. `complete` and `release` act only on this
 * store's own claims.
 */
export interface CallbackStore {
  /**
   * Atomically takes the event for `leaseMs`: `'claimed'` when nobody holds it (or a lease ran
   * out), `'done'` when it was completed before, `'busy'` while another claim's lease runs.
   */
  claim(key: string, leaseMs: number): Promise<ClaimResult> | ClaimResult;
  /** `onEvent` succeeded: the key stays done for the store's retention period. */
  complete(key: string): Promise<void> | void;
  /** `onEvent` failed: the claim is dropped, so Flitt's retry runs the event again. */
  release(key: string): Promise<void> | void;
}

/**
 * The default store: in this process's memory, bounded (oldest keys forgotten first). Right for a
 * single server instance; it empties on restart, so with several instances or deploys use a
 * shared store.
 *
 * @example
 * const store = createMemoryCallbackStore({ maxKeys: 50_000 }); // createFlittHandlers({ store, … })
 */
export function createMemoryCallbackStore(
  options: { maxKeys?: number; now?: () => number } = {},
): CallbackStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  // key → lease end (ms) while claimed, Infinity once done. A Map iterates in insertion order.
  const keys = new Map<string, number>();
  return {
    claim(key, leaseMs) {
      const until = keys.get(key);
      if (until === Number.POSITIVE_INFINITY) return 'done';
      if (until !== undefined && until > now()) return 'busy';
      keys.delete(key);
      keys.set(key, now() + leaseMs);
      if (keys.size > maxKeys) keys.delete(keys.keys().next().value as string);
      return 'claimed';
    },
    complete(key) {
      if (keys.has(key)) keys.set(key, Number.POSITIVE_INFINITY);
    },
    release(key) {
      if (keys.get(key) !== Number.POSITIVE_INFINITY) keys.delete(key);
    },
  };
}
