// examples/next for real: `next build` with no FLITT_* setting at all (route modules are evaluated
// while collecting page data, so a client that checked its settings at import would fail here),
// then `next start` against the sandbox, one approved payment in Chromium, and a deployment
// without its secret key. Needs the packages built (`npm test` builds them first).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { expect, test } from '@playwright/test';
import { fillCard } from './sandboxPages.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const app = `${root}examples/next`;
const next = `${root}node_modules/.bin/next`;

/** The environment without any FLITT_* variable: what a CI build of the shop has. */
function withoutFlitt(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1' };
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('FLITT_') && name !== 'SHOP_URL') env[name] = value;
  return { ...env, ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(next, args, { cwd: app, env, detached: true, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface NextServer {
  readonly url: string;
  readonly output: () => string;
  readonly child: ChildProcess;
}

/** `next start` on a free 127.0.0.1 port with these settings, once it serves the cart page. */
async function start(settings: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = run(
    ['start', '--hostname', '127.0.0.1', '--port', String(port)],
    withoutFlitt({ ...settings, SHOP_URL: url }),
  );
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    if (server.child.exitCode !== null) break;
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, output: server.output, child: server.child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.child.kill();
  throw new Error(`next start did not serve ${url}:\n${server.output()}`);
}

let sandbox: RunningSandbox;
let shop: NextServer;
let misconfigured: NextServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const build = run(['build'], withoutFlitt({}));
  const code = await build.exited;
  expect(code, `next build failed without FLITT_* settings:\n${build.output()}`).toBe(0);

  sandbox = await startSandbox({ port: 0 });
  const settings = { FLITT_MERCHANT_ID: '1549901', FLITT_BASE_URL: sandbox.url };
  [shop, misconfigured] = await Promise.all([
    start({ ...settings, FLITT_SECRET_KEY: 'test' }),
    start(settings),
  ]);
});

test.afterAll(async () => {
  for (const server of [shop, misconfigured]) {
    // Its own process group: `next start` and anything it spawned.
    if (server?.child.pid && server.child.exitCode === null) process.kill(-server.child.pid);
  }
  await sandbox?.stop();
});

test.describe('examples/next (built without secrets, run with the sandbox as Flitt)', () => {
  test('pays with the approved test card; the result page says approved, and the callback reached the Next server', async ({
    page,
  }) => {
    await page.goto(shop.url);
    await page.getByLabel(/Churchkhela/).fill('1');
    await page.getByRole('button', { name: 'Pay ₾11.50' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${sandbox.url}/merchants/`));
    await expect(page.getByTestId('amount')).toContainText('11.50');

    await fillCard(page, '4444555511116666');
    await page.getByRole('button', { name: /^Pay / }).click();

    await page.waitForURL((url) => url.href.startsWith(`${shop.url}/result?order_id=`));
    await expect(page.getByRole('heading', { level: 1, name: 'Payment successful' })).toBeFocused();
    const orderId = new URL(page.url()).searchParams.get('order_id') ?? '';
    expect(orderId).not.toBe('');

    // Sandbox → POST /api/flitt/callback → verified and confirmed → onEvent logged it.
    await expect.poll(shop.output).toContain(`[shop] paid: ${orderId}, 11.50 GEL`);
    expect(
      sandbox.control.callbacks().filter((c) => c.orderId === orderId && c.status === 200),
    ).toEqual([
      expect.objectContaining({ url: `${shop.url}/api/flitt/callback`, orderStatus: 'approved' }),
    ]);
  });

  test('without FLITT_SECRET_KEY the checkout route answers 500 internal_error and the log names the setting', async ({
    request,
  }) => {
    const response = await request.post(`${misconfigured.url}/api/flitt/checkout`, {
      data: { flow: 'redirect', order: { items: [{ sku: 'tea', qty: 1 }] } },
    });
    expect(response.status()).toBe(500);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      code: 'internal_error',
      message: 'The shop is misconfigured; see its log.',
      payerMessage: expect.any(String),
    });
    await expect
      .poll(misconfigured.output)
      .toMatch(/create checkout: the client is misconfigured: .*secretKey is empty/);
    // The cart page still renders: a missing key fails the payment, not the shop.
    expect((await request.get(misconfigured.url)).status()).toBe(200);
  });
});
