// The objects the handlers make for every request must be fast-mode objects on V8. An object
// literal with a getter is a dictionary-mode object there, and in a 20,000-request probe such
// literals (the Node adapter's Incoming, resolveOrder's input) kept about 2 MB of every request's
// objects alive through each minor collection: twice the GC time of the SDK's endpoint
// (BENCHMARKS.md §3c). V8's own check, `%HasFastProperties`, needs --allow-natives-syntax, so
// the probe runs in a child process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./perRequestObjectsProbe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('objects made per request', () => {
  it('are fast-mode objects, and resolveOrder can still read the request', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--conditions=@flitt-checkout/source', '--import', 'tsx', PROBE],
      { cwd: ROOT, timeout: 60_000 },
    );
    const seen = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      statuses: number[];
      incoming: boolean[];
      input: boolean[];
      requestRead: boolean[];
    };
    expect(seen.statuses).toEqual(Array(50).fill(200));
    expect(seen.incoming).toEqual(Array(50).fill(true));
    expect(seen.input).toEqual(Array(50).fill(true));
    expect(seen.requestRead).toEqual(Array(50).fill(true));
  }, 90_000);
});
