// Cloudflare Workers: test/runtimes/workerd/worker.ts under `wrangler dev --local` (workerd),
// bundled by wrangler from the workspace sources, once as a plain Worker (the client uses fetch)
// and once with nodejs_compat (workerd then offers node:http, and the client uses that). Offline:
// no metrics, no update check, no Request.cf download; config, state and logs live in a temporary
// directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onFreePorts, startChildServer } from '../../runtimes/childServer.ts';
import { type RunningShop, runtimeSuite } from '../../runtimes/runtimeSuite.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// What the client meets when something between it and Flitt redirects.
const redirecting: Server = createServer((_request, response) => {
  response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
});
beforeAll(() => new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => redirecting.close(() => resolve())));

interface Compatibility {
  readonly compatibility_date: string;
  readonly compatibility_flags: readonly string[];
}

function startWorker(sandboxUrl: string, compatibility: Compatibility): Promise<RunningShop> {
  return onFreePorts(2, ([port, inspectorPort]) =>
    startWorkerOn(sandboxUrl, compatibility, port as number, inspectorPort as number),
  );
}

async function startWorkerOn(
  sandboxUrl: string,
  compatibility: Compatibility,
  port: number,
  inspectorPort: number,
): Promise<RunningShop> {
  const origin = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'flitt-workerd-'));
  const config = join(dir, 'wrangler.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'flitt-checkout-runtime-test',
      main: join(root, 'test/runtimes/workerd/worker.ts'),
      ...compatibility,
      vars: {
        SANDBOX_URL: sandboxUrl,
        SHOP_ORIGIN: origin,
        REDIRECTING_URL: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
      },
    }),
  );
  // A failed start (a port taken in between: onFreePorts tries again) leaves no folder behind.
  const wrangler = await startChildServer({
    command: join(root, 'node_modules/.bin/wrangler'),
    args: [
      'dev',
      '--local',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--inspector-port=${inspectorPort}`,
      `--config=${config}`,
      `--persist-to=${join(dir, 'state')}`,
      '--show-interactive-dev-session=false',
    ],
    cwd: dir,
    env: {
      CI: 'true',
      WRANGLER_SEND_METRICS: 'false',
      // The banner is what asks npm for a newer wrangler.
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_LOG_PATH: join(dir, 'logs'),
      // Wrangler's global config and dev registry: not shared with other wrangler processes.
      XDG_CONFIG_HOME: join(dir, 'config'),
      // The packages' sources, as every other test uses them. `neutral` because the `browser`
      // condition esbuild adds on its browser platform would pick the server package's guard.
      WRANGLER_BUILD_CONDITIONS: '@flitt-checkout/source,workerd,worker',
      WRANGLER_BUILD_PLATFORM: 'neutral',
    },
    readyUrl: `${origin}/test/events`,
    timeoutMs: 60_000,
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    origin,
    async stop() {
      await wrangler.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const [name, compatibility, nodeHttp] of [
  ['Workers (workerd)', { compatibility_date: '2025-01-01', compatibility_flags: [] }, false],
  [
    'Workers (workerd) with nodejs_compat',
    { compatibility_date: '2026-04-01', compatibility_flags: ['nodejs_compat'] },
    true,
  ],
] as const) {
  runtimeSuite(
    name,
    (sandboxUrl) => startWorker(sandboxUrl, compatibility),
    (shop) => {
      it(`reaches Flitt over ${nodeHttp ? 'node:http' : 'fetch'}, and does not follow a redirect from its address`, async () => {
        const runtime = await fetch(`${shop().origin}/test/runtime`);
        expect(await runtime.json()).toEqual({ nodeHttp });
        const answer = await fetch(`${shop().origin}/test/redirect`);
        expect(await answer.json()).toMatchObject({
          outcome: 'rejected',
          message: expect.stringMatching(/redirect \(HTTP 302\), which is not followed/),
        });
      });
    },
  );
}
