// One shared, retryable load of the engine chunk (see engine.ts).
let engine: Promise<typeof import('./engine.ts')> | undefined;

/** The engine module; a failed load (offline, a redeployed app) is tried again next time. */
export function loadEngine(): Promise<typeof import('./engine.ts')> {
  engine ??= import('./engine.ts').catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}
