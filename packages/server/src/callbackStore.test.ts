import { describe, expect, it } from 'vitest';
import { createMemoryCallbackStore } from './callbackStore.ts';

/** A memory store on a clock the test moves. */
function storeAt(options: { maxKeys?: number } = {}) {
  const clock = { ms: 1_000_000 };
  const store = createMemoryCallbackStore({ ...options, now: () => clock.ms });
  return { store, clock };
}

describe('createMemoryCallbackStore', () => {
  it('keeps a claimed event busy for its whole lease, and lets a retry take it over once it lapsed', () => {
    const { store, clock } = storeAt();
    expect(store.claim('order-1|approved|0||', 1000)).toBe('claimed');
    clock.ms += 999;
    expect(store.claim('order-1|approved|0||', 1000)).toBe('busy');
    clock.ms += 1;
    // The instance that held it died mid-event: Flitt's next retry runs the event again.
    expect(store.claim('order-1|approved|0||', 1000)).toBe('claimed');
    expect(store.claim('order-1|approved|0||', 1000)).toBe('busy');
  });

  it('answers done for a completed event, however long after, and a late release does not undo it', () => {
    const { store, clock } = storeAt();
    store.claim('paid', 1000);
    store.complete('paid');
    clock.ms += 10_000_000;
    expect(store.claim('paid', 1000)).toBe('done');
    store.release('paid');
    expect(store.claim('paid', 1000)).toBe('done');
  });

  it('drops a released claim, so the retry runs the event at once', () => {
    const { store } = storeAt();
    store.claim('failed', 60_000);
    store.release('failed');
    expect(store.claim('failed', 60_000)).toBe('claimed');
  });

  it('does not mark an event done that it holds no claim for', () => {
    const { store } = storeAt({ maxKeys: 1 });
    store.complete('never-claimed');
    expect(store.claim('never-claimed', 1000)).toBe('claimed');
    // Forgotten by the size bound while its onEvent ran: completing it must not resurrect it.
    store.claim('other', 1000);
    store.complete('never-claimed');
    expect(store.claim('never-claimed', 1000)).toBe('claimed');
  });

  it('holds maxKeys events and forgets the oldest first when one more arrives', () => {
    const { store } = storeAt({ maxKeys: 2 });
    store.claim('a', 60_000);
    store.claim('b', 60_000);
    // Exactly maxKeys: both are still remembered.
    expect(store.claim('a', 60_000)).toBe('busy');
    expect(store.claim('b', 60_000)).toBe('busy');
    store.claim('c', 60_000);
    expect(store.claim('a', 60_000)).toBe('claimed');
    // Claiming a again pushed out b, the oldest now; c stays.
    expect(store.claim('c', 60_000)).toBe('busy');
    expect(store.claim('b', 60_000)).toBe('claimed');
  });

  it('remembers 100 000 events by default', () => {
    const { store } = storeAt();
    for (let i = 0; i <= 100_000; i++) store.claim(`k${i}`, 60_000);
    expect(store.claim('k1', 60_000)).toBe('busy');
    expect(store.claim('k0', 60_000)).toBe('claimed');
  });
});
