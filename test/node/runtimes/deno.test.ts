// Deno: test/runtimes/deno/main.ts under Deno.serve, run by the deno from node_modules with the
// workspace's node_modules (no download: --cached-only, a throwaway DENO_DIR, no lockfile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onFreePorts, startChildServer } from '../../runtimes/childServer.ts';
import { runtimeSuite } from '../../runtimes/runtimeSuite.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

runtimeSuite('Deno', (sandboxUrl) =>
  onFreePorts(1, ([port]) => startDeno(sandboxUrl, port as number)),
);

async function startDeno(sandboxUrl: string, port: number) {
  const denoDir = mkdtempSync(join(tmpdir(), 'flitt-deno-'));
  const origin = `http://127.0.0.1:${port}`;
  const deno = await startChildServer({
    command: join(root, 'node_modules/.bin/deno'),
    args: [
      'run',
      '--node-modules-dir=manual',
      '--no-lock',
      '--cached-only',
      '--no-prompt',
      '--conditions=@flitt-checkout/source',
      '--allow-net=127.0.0.1',
      '--allow-env=SHOP_PORT,SANDBOX_URL',
      'test/runtimes/deno/main.ts',
    ],
    cwd: root,
    env: {
      SHOP_PORT: String(port),
      SANDBOX_URL: sandboxUrl,
      DENO_DIR: denoDir,
      DENO_NO_UPDATE_CHECK: '1',
    },
    readyUrl: `${origin}/test/events`,
    timeoutMs: 60_000,
  }).catch((error: unknown) => {
    rmSync(denoDir, { recursive: true, force: true });
    throw error;
  });
  return {
    origin,
    async stop() {
      await deno.stop();
      rmSync(denoDir, { recursive: true, force: true });
    },
  };
}
