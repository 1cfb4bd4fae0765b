// The doctor against real merchant deployments on 127.0.0.1, one right and others wrong in each
// way it looks for, which talk to a real sandbox over HTTP (as a staging shop would).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignature } from '@flitt-checkout/core';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLE_DOMAIN_ASSOCIATION_PATH, appleDomainAssociation } from '../appleDomain.ts';
import { createFlittClient } from '../createFlittClient.ts';
import { createFlittHandlers } from '../createFlittHandlers.ts';
import { toNodeHandler } from '../node.ts';
import { checkCallback } from './checkCallback.ts';
import { isFlittHost } from './checkCredentials.ts';
import type { Finding } from './findings.ts';
import { runCli } from './runCli.ts';
import { type DoctorOptions, runDoctor } from './runDoctor.ts';

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
const servers: Server[] = [];

/** Serves `routes` by path on a free port of 127.0.0.1; resolves its origin. */
async function serve(routes: Record<string, Route>): Promise<string> {
  const server = createServer(async (req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) await route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An origin on 127.0.0.1 that nothing listens on: a port taken, then given back. */
async function closedPort(): Promise<string> {
  const gone = createServer().listen(0, '127.0.0.1');
  await once(gone, 'listening');
  const { port } = gone.address() as AddressInfo;
  await new Promise((resolve) => gone.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Answers every request with `status`, these headers and this body. */
const answer =
  (status: number, headers: Record<string, string> = {}, body = ''): Route =>
  (req, res) => {
    req.resume();
    res.writeHead(status, headers).end(body);
  };

/** Answers 200 after `ms`. */
const slow =
  (ms: number): Route =>
  (req, res) => {
    req.resume();
    const timer = setTimeout(() => res.writeHead(200).end('OK'), ms);
    res.on('close', () => clearTimeout(timer));
  };

/** The handlers a shop mounts, against the sandbox, with this merchant id and key. */
function shop(merchantId: number, secretKey: string) {
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId,
      secretKey,
      baseUrl: sandbox.url,
      timeoutMs: 2000,
      retryDelayMs: 1,
    }),
    resolveOrder: () => ({ amount: 100, currency: 'GEL', order_desc: 'Tea' }),
    resultUrl: '/checkout/result',
    logger: { warn: () => {}, error: () => {} },
  });
  return {
    callback: toNodeHandler(handlers.callback),
    paymentReturn: toNodeHandler(handlers.paymentReturn),
  };
}

const APPLE_FILE = '7B227073704964223A2239394144...\n';
const LIVE_ID = 1700001;
const LIVE_KEY = 'sk-live-5f1e0c9a2b7d4e83';

let sandbox: RunningSandbox;
let merchant: string;
/** Callbacks the naive merchant took for real: it must get none of the doctor's forged ones. */
const fulfilled: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    merchants: [{ merchantId: LIVE_ID, secretKey: LIVE_KEY }],
    log: () => {},
  });
  const right = shop(1549901, 'test');
  const live = shop(LIVE_ID, LIVE_KEY);
  // Signs and verifies with another merchant's key: refuses Flitt's genuine callbacks.
  const otherKey = shop(LIVE_ID, 'test');
  merchant = await serve({
    '/right/callback': right.callback,
    '/right/return': right.paymentReturn,
    '/live/callback': live.callback,
    '/other-key/callback': otherKey.callback,
    '/redirect/callback': answer(302, { location: 'https://www.shop.example/callback' }),
    '/slash/callback': answer(301, { location: '/slash/callback/' }),
    '/error/callback': answer(500, {}, 'Internal error'),
    '/slow/callback': slow(10_000),
    // Verifies and answers like the right shop, but only after 1.6 s of other work.
    '/slowish/callback': (req, res) => {
      setTimeout(() => right.callback(req, res), 1600);
    },
    // Takes any callback as a payment, signed or not.
    '/naive/callback': async (req, res) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      fulfilled.push(String(JSON.parse(body).order_id));
      res.writeHead(200).end('OK');
    },
    '/get-only/return': (req, res) => answer(req.method === 'GET' ? 302 : 405)(req, res),
    '/post-only/return': (req, res) => answer(req.method === 'POST' ? 303 : 404)(req, res),
    '/error/return': answer(500),
  });
}, 30_000);

afterAll(async () => {
  await sandbox?.stop();
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

const doctor = (options: Partial<DoctorOptions>) =>
  runDoctor({
    merchantId: 1549901,
    secretKey: 'test',
    baseUrl: sandbox.url,
    // Long enough that a loaded machine's shop is not reported slow (half of it, 5 s).
    timeoutMs: 10_000,
    ...options,
  });

/** id → severity of every finding, to compare whole runs at once. */
const severities = (findings: readonly Finding[]) =>
  Object.fromEntries(findings.map((f) => [f.id, f.severity]));

const byId = (findings: readonly Finding[], id: string): Finding => {
  const found = findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} in ${findings.map((f) => f.id).join(', ')}`);
  return found;
};

describe('runDoctor: the callback URL', () => {
  it('passes a shop on createFlittHandlers: forged refused, genuine accepted, exit 0', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/right/callback` });
    expect(severities(report.findings)).toEqual({
      'credentials.valid': 'ok',
      'callback.http': 'info',
      'callback.forged_rejected': 'ok',
      'callback.genuine_accepted': 'ok',
    });
    expect(byId(report.findings, 'callback.forged_rejected').message).toMatch(
      /refused a forged callback with 400/,
    );
    expect(byId(report.findings, 'callback.genuine_accepted').message).toMatch(
      /answered 200 to a genuine callback \(order flitt-checkout-doctor-[0-9a-f]{20}, created, signed with merchant 1549901's key\)/,
    );
    expect(report.exitCode).toBe(0);
  });

  it('finds a redirect: Flitt follows none', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/redirect/callback` });
    const found = byId(report.findings, 'callback.redirect');
    expect(found.severity).toBe('error');
    expect(found.message).toMatch(
      /answers 302 \(redirect to https:\/\/www\.shop\.example\/callback\): Flitt follows no redirect/,
    );
    expect(found.fix).toMatch(/final URL/);
    // Nothing more is sent to a URL that redirects.
    expect(report.findings.map((f) => f.id)).not.toContain('callback.genuine_accepted');
    expect(report.exitCode).toBe(2);
  });

  it('names the trailing-slash 301 and the URL to use instead', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/slash/callback` });
    const found = byId(report.findings, 'callback.trailing_slash');
    expect(found.severity).toBe('error');
    expect(found.message).toContain(
      `answers 301 to ${merchant}/slash/callback/, the same path with a trailing slash`,
    );
    expect(found.fix).toBe(
      `Use ${merchant}/slash/callback/ as callbackUrl, or serve the route without the redirect.`,
    );
    expect(report.exitCode).toBe(2);
  });

  it('finds a 500 to every callback: a warning for the forged one, an error for the genuine one', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/error/callback` });
    expect(severities(report.findings)).toMatchObject({
      'callback.forged_server_error': 'warning',
      'callback.genuine_rejected': 'error',
    });
    expect(byId(report.findings, 'callback.genuine_rejected').message).toMatch(
      /answered 500 to a genuine callback .*Flitt counts only 200/,
    );
    expect(report.exitCode).toBe(2);
  });

  it('finds an answer slower than the time limit (a parameter: Flitt waits 30 s)', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/slow/callback`, timeoutMs: 200 });
    const found = byId(report.findings, 'callback.timeout');
    expect(found.severity).toBe('error');
    expect(found.message).toMatch(
      /did not answer a callback within the 200 ms limit given \(Flitt waits 30 s\)/,
    );
    expect(found.fix).toMatch(/Answer 200 as soon as the callback is verified/);
    expect(report.exitCode).toBe(2);
  });

  it('warns of a genuine callback answered in time but after over half the limit', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/slowish/callback`, timeoutMs: 3000 });
    expect(severities(report.findings)).toMatchObject({
      'callback.forged_rejected': 'ok',
      'callback.genuine_accepted': 'ok',
      'callback.genuine_slow': 'warning',
    });
    const found = byId(report.findings, 'callback.genuine_slow');
    expect(found.message).toMatch(
      /took \d+ ms to answer a genuine callback: within the 3 s limit given/,
    );
    expect(found.fix).toMatch(/Answer 200 as soon as the callback is verified/);
    expect(report.exitCode).toBe(1);
  });

  it('finds a merchant that takes a forged callback as a payment, for an order that does not exist', async () => {
    const report = await doctor({ callbackUrl: `${merchant}/naive/callback` });
    const found = byId(report.findings, 'callback.forged_accepted');
    expect(found.severity).toBe('error');
    expect(found.message).toMatch(
      /answered 200 to a forged callback \(order flitt-checkout-doctor-[0-9a-f]{20}, approved, wrong signature\): anyone can tell your shop that an order is paid/,
    );
    // The forged order is one nobody has: the sandbox has never heard of it.
    const forgedId = /order (flitt-checkout-doctor-[0-9a-f]+)/.exec(found.message)?.[1] ?? '';
    expect(fulfilled).toContain(forgedId);
    expect(sandbox.control.order(forgedId)).toBeUndefined();
    expect(report.exitCode).toBe(2);
  });

  it('finds a merchant that refuses a genuine callback (its key is another merchant’s)', async () => {
    const report = await doctor({
      merchantId: LIVE_ID,
      secretKey: LIVE_KEY,
      callbackUrl: `${merchant}/other-key/callback`,
    });
    expect(severities(report.findings)).toMatchObject({
      'credentials.valid': 'ok',
      'callback.forged_rejected': 'ok',
      'callback.genuine_rejected': 'error',
    });
    expect(byId(report.findings, 'callback.genuine_rejected').fix).toMatch(
      /no trailing newline in FLITT_SECRET_KEY/,
    );
  });

  it('in production: plain http and a host Flitt cannot reach are errors, and a genuine callback needs --order-id', async () => {
    const report = await doctor({
      merchantId: LIVE_ID,
      secretKey: LIVE_KEY,
      production: true,
      callbackUrl: `${merchant}/live/callback`,
    });
    expect(severities(report.findings)).toEqual({
      // Production checked against the sandbox (so the test runs here): said as an error too.
      'credentials.not_flitt': 'error',
      'credentials.valid': 'ok',
      'callback.http': 'error',
      'callback.not_public': 'error',
      'callback.forged_rejected': 'ok',
      'callback.genuine_skipped': 'info',
    });
    expect(byId(report.findings, 'callback.http').message).toMatch(
      /is plain http in a production environment/,
    );
    expect(byId(report.findings, 'callback.not_public').message).toMatch(
      /^127\.0\.0\.1:\d+ is reachable from this machine or network only: Flitt posts callbacks from the internet/,
    );
    expect(report.exitCode).toBe(2);
  });

  it('posts the signed status of --order-id as the genuine callback', async () => {
    const params = {
      order_id: `doctor-paid-${Date.now()}`,
      merchant_id: LIVE_ID,
      order_desc: 'Tea',
      amount: 700,
      currency: 'GEL',
    };
    const created = await fetch(`${sandbox.url}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, LIVE_KEY) },
      }),
    });
    const { response } = (await created.json()) as { response: { token: string } };
    await sandbox.control.pay(response.token);
    const report = await doctor({
      merchantId: LIVE_ID,
      secretKey: LIVE_KEY,
      production: true,
      orderId: params.order_id,
      callbackUrl: `${merchant}/live/callback`,
    });
    expect(byId(report.findings, 'callback.genuine_accepted').message).toContain(
      `order ${params.order_id}, approved`,
    );
    const unknown = await doctor({
      orderId: 'no-such-order',
      callbackUrl: `${merchant}/right/callback`,
    });
    expect(byId(unknown.findings, 'callback.order_unknown').severity).toBe('error');
  });

  it('makes no order of its own for a live merchant on Flitt’s host, even outside production', async () => {
    const asked: string[] = [];
    const localOnly: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      asked.push(url.origin);
      if (url.hostname !== '127.0.0.1') throw new Error(`the test reached for ${url.origin}`);
      return fetch(input, init);
    };
    const findings = await checkCallback(
      {
        callbackUrl: `${merchant}/live/callback`,
        merchantId: LIVE_ID,
        secretKey: LIVE_KEY,
        baseUrl: 'https://pay.flitt.com',
        production: false,
        credentialsValid: true,
        currency: 'GEL',
      },
      { fetch: localOnly, timeoutMs: 3000 },
    );
    expect(byId(findings, 'callback.genuine_skipped').message).toBe(
      "no genuine callback was sent: with a live merchant on Flitt's host the doctor makes no order of its own.",
    );
    expect(asked).toEqual([merchant]);
  });

  it('finds a callback URL nothing listens on, one without a route, and one that is no URL', async () => {
    const report = await doctor({ callbackUrl: `${await closedPort()}/callback` });
    expect(byId(report.findings, 'callback.unreachable').message).toMatch(
      /could not be reached \(ECONNREFUSED\)/,
    );
    const missing = await doctor({ callbackUrl: `${merchant}/no/such/callback` });
    expect(byId(missing.findings, 'callback.not_found').message).toBe(
      `${merchant}/no/such/callback answered 404 to a POST: there is no callback route here, so every callback Flitt sends fails.`,
    );
    expect(missing.findings.map((f) => f.id)).not.toContain('callback.forged_rejected');
    const invalid = await doctor({ callbackUrl: 'shop.example/callback' });
    expect(byId(invalid.findings, 'callback.url_invalid').severity).toBe('error');
  });
});

describe('runDoctor: the credentials', () => {
  it('tells a wrong key (1014) from a right one (1018), and skips the genuine callback', async () => {
    const report = await doctor({
      secretKey: 'not-the-key',
      callbackUrl: `${merchant}/right/callback`,
    });
    expect(severities(report.findings)).toEqual({
      'credentials.wrong_key': 'error',
      'callback.http': 'info',
      'callback.forged_rejected': 'ok',
      'callback.genuine_skipped': 'info',
    });
    const found = byId(report.findings, 'credentials.wrong_key');
    expect(found.message).toBe(
      "Flitt refused the signature of a status request (1014): the secret key is not merchant 1549901's payment key.",
    );
    expect(found.fix).toMatch(/Copy the payment key of merchant 1549901 from the Flitt portal/);
    expect(report.exitCode).toBe(2);
  });

  it('finds an unknown merchant (1016) and a key with a trailing newline', async () => {
    const unknown = await doctor({ merchantId: 999, returnUrl: `${merchant}/right/return` });
    expect(byId(unknown.findings, 'credentials.unknown_merchant').message).toBe(
      'Flitt knows no merchant 999 (1016).',
    );
    const newline = await doctor({ secretKey: 'test\n', returnUrl: `${merchant}/right/return` });
    expect(severities(newline.findings)).toMatchObject({
      'credentials.key_whitespace': 'warning',
      'credentials.wrong_key': 'error',
    });
    expect(byId(newline.findings, 'credentials.key_whitespace').message).toMatch(
      /ends with a line break/,
    );
  });

  it('finds the test merchant and the test key in a production environment', async () => {
    const report = await doctor({ production: true, returnUrl: `${merchant}/right/return` });
    expect(severities(report.findings)).toMatchObject({
      'credentials.test_merchant': 'error',
      'credentials.test_key': 'error',
      'credentials.valid': 'ok',
    });
    expect(byId(report.findings, 'credentials.test_merchant').message).toBe(
      "merchant 1549901 is Flitt's public test merchant, in a production environment: no payment taken here is real.",
    );
    // Outside production the same credentials are what a test should use.
    const test = await doctor({ returnUrl: `${merchant}/right/return` });
    expect(test.findings.map((f) => f.id)).not.toContain('credentials.test_merchant');
  });

  it('finds a production check pointed at something other than Flitt, and fails closed on Flitt’s host', async () => {
    const report = await doctor({ production: true, returnUrl: `${merchant}/right/return` });
    const found = byId(report.findings, 'credentials.not_flitt');
    expect(found.severity).toBe('error');
    expect(found.message).toBe(
      `${sandbox.url} is not Flitt's https://pay.flitt.com, in a production environment: every check below asks it, not Flitt, so it proves nothing about the live setup.`,
    );
    expect(found.fix).toMatch(/Unset FLITT_BASE_URL/);
    expect(isFlittHost('https://pay.flitt.com')).toBe(true);
    // Another scheme, a trailing dot, another subdomain, or no URL at all: still Flitt's host, so
    // no order of the doctor's own is made there for a live merchant.
    for (const url of [
      'http://pay.flitt.com',
      'https://PAY.flitt.com.',
      'https://api.flitt.com',
      'not a url',
    ])
      expect(isFlittHost(url), url).toBe(true);
    for (const url of [sandbox.url, 'https://flitt.com.evil.example', 'https://notflitt.com'])
      expect(isFlittHost(url), url).toBe(false);
  });

  it('says so when Flitt cannot be reached', async () => {
    const baseUrl = await closedPort();
    const report = await doctor({ baseUrl, returnUrl: `${merchant}/right/return` });
    expect(byId(report.findings, 'credentials.unreachable').message).toBe(
      `${baseUrl} could not be asked for an order's status: ECONNREFUSED.`,
    );
  });
});

describe('runDoctor: the return URL', () => {
  it('passes the return handler: it answers the payer’s POST and GET', async () => {
    const report = await doctor({ returnUrl: `${merchant}/right/return` });
    expect(severities(report.findings)).toEqual({
      'credentials.valid': 'ok',
      'return.http': 'info',
      'return.reachable': 'ok',
    });
  });

  it('finds a return route that refuses POST, one that fails, and http in production', async () => {
    const getOnly = await doctor({ returnUrl: `${merchant}/get-only/return` });
    const refused = byId(getOnly.findings, 'return.post_refused');
    expect(refused.severity).toBe('error');
    expect(refused.message).toMatch(
      /answered 405 to a POST: Flitt's page sends the payer back with a form POST/,
    );
    const postOnly = await doctor({ returnUrl: `${merchant}/post-only/return` });
    expect(byId(postOnly.findings, 'return.get_refused').message).toMatch(
      /answered 404 to a GET: Flitt may send the payer back with a plain GET/,
    );
    const failing = await doctor({ returnUrl: `${merchant}/error/return` });
    expect(byId(failing.findings, 'return.server_error').severity).toBe('error');
    const production = await doctor({
      production: true,
      merchantId: LIVE_ID,
      secretKey: LIVE_KEY,
      returnUrl: `${merchant}/right/return`,
    });
    expect(severities(production.findings)).toEqual({
      'credentials.not_flitt': 'error',
      'credentials.valid': 'ok',
      'return.http': 'error',
      'return.not_public': 'error',
      'return.reachable': 'ok',
    });
  });
});

describe('runDoctor: the Apple Pay domain file', () => {
  const appleShop = (route: Route) => serve({ [APPLE_DOMAIN_ASSOCIATION_PATH]: route });

  it('passes appleDomainAssociation, and compares the bytes with the file given', async () => {
    const origin = await appleShop(toNodeHandler(appleDomainAssociation(APPLE_FILE)));
    const report = await doctor({ applePayDomain: origin, appleFile: APPLE_FILE });
    expect(severities(report.findings)).toEqual({
      'credentials.valid': 'ok',
      'apple.http': 'warning',
      'apple.served': 'ok',
    });
    const other = await doctor({ applePayDomain: origin, appleFile: 'another domain’s file' });
    expect(byId(other.findings, 'apple.mismatch').message).toMatch(/serves a different file/);
  });

  it('finds the file missing, redirected, an HTML page, or of another type', async () => {
    const missing = await doctor({ applePayDomain: await serve({}) });
    expect(byId(missing.findings, 'apple.missing').message).toMatch(
      /answered 404: Apple cannot read the domain-association file/,
    );
    const redirected = await doctor({
      applePayDomain: await appleShop(
        answer(301, { location: 'https://www.shop.example/.well-known/x' }),
      ),
    });
    expect(byId(redirected.findings, 'apple.redirect').message).toMatch(
      /answers 301 .*Apple follows no redirect/,
    );
    const html = await doctor({
      applePayDomain: await appleShop(
        answer(200, { 'content-type': 'text/html' }, '<!doctype html><div id="root"></div>'),
      ),
    });
    expect(byId(html.findings, 'apple.html').severity).toBe('error');
    const json = await doctor({
      applePayDomain: await appleShop(
        answer(200, { 'content-type': 'application/json' }, APPLE_FILE),
      ),
    });
    const typed = byId(json.findings, 'apple.content_type');
    expect(typed.severity).toBe('warning');
    expect(typed.message).toMatch(/is served as application\/json, not text\/plain/);
    expect(json.exitCode).toBe(1);
  });
});

describe('flitt-checkout doctor (runCli)', () => {
  async function cli(argv: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runCli({
      argv,
      env,
      stdout: (text) => {
        stdout += `${text}\n`;
      },
      stderr: (text) => {
        stderr += `${text}\n`;
      },
      readFile: async (path) => {
        if (path === 'key.txt') return `${LIVE_KEY}\n`;
        throw new Error(`ENOENT ${path}`);
      },
    });
    return { code, stdout, stderr };
  }
  const base = ['--base-url', '', '--timeout', '3000'];
  const args = (...more: string[]) => ['doctor', ...base.map((a) => a || sandbox.url), ...more];

  it('--json prints one report: the target, the exit code, the counts and each finding', async () => {
    const { code, stdout } = await cli(
      args('--callback-url', `${merchant}/redirect/callback`, '--json'),
      { FLITT_MERCHANT_ID: '1549901', FLITT_SECRET_KEY: 'test' },
    );
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      tool: 'flitt-checkout doctor',
      merchantId: 1549901,
      baseUrl: sandbox.url,
      production: false,
      exitCode: 2,
      summary: { error: 1, warning: 0, info: 1, ok: 1 },
      findings: [
        expect.objectContaining({ id: 'credentials.valid', check: 'credentials', severity: 'ok' }),
        expect.objectContaining({ id: 'callback.http', check: 'callback', severity: 'info' }),
        {
          id: 'callback.redirect',
          check: 'callback',
          severity: 'error',
          message: expect.stringMatching(/answers 302/),
          fix: expect.any(String),
        },
      ],
    });
  });

  it('prints one block per finding, its fix under it, then the counts and the exit code', async () => {
    const { code, stdout } = await cli(args('--callback-url', `${merchant}/slash/callback`), {
      FLITT_MERCHANT_ID: '1549901',
      FLITT_SECRET_KEY: 'test',
    });
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `flitt-checkout doctor: merchant 1549901 at ${sandbox.url} (test environment)`,
    );
    expect(lines.slice(2, 4)).toEqual([
      expect.stringMatching(
        /^ok {7}credentials\.valid: merchant 1549901 and its secret key belong together/,
      ),
      expect.stringMatching(
        /^info {5}callback\.http: .* is plain http \(fine for a test on this machine only\)\.$/,
      ),
    ]);
    expect(lines).toContain(
      `ERROR    callback.trailing_slash: ${merchant}/slash/callback answers 301 to ${merchant}/slash/callback/, the same path with a trailing slash: Flitt follows no redirect, so every callback fails.`,
    );
    expect(lines).toContain(
      `         → Use ${merchant}/slash/callback/ as callbackUrl, or serve the route without the redirect.`,
    );
    expect(lines.at(-1)).toBe('1 error, 0 warnings, 1 ok: exit 2');
  });

  it('never prints the secret key: not in text, JSON, findings or errors', async () => {
    const env = { FLITT_MERCHANT_ID: String(LIVE_ID), FLITT_SECRET_KEY: LIVE_KEY };
    const runs = await Promise.all([
      cli(
        args(
          '--callback-url',
          `${merchant}/live/callback`,
          '--return-url',
          `${merchant}/right/return`,
        ),
        env,
      ),
      cli(args('--callback-url', `${merchant}/naive/callback`, '--json'), env),
      cli(args('--callback-url', `${merchant}/other-key/callback`, '--production'), env),
      cli(args('--callback-url', `${merchant}/live/callback`, '--secret-key-file', 'key.txt'), {
        FLITT_MERCHANT_ID: String(LIVE_ID),
      }),
      cli(
        args('--callback-url', `${merchant}/live/callback`, '--secret-key-file', 'nope.txt'),
        env,
      ),
      cli(args('--callback-url', `${merchant}/live/callback`, `--secret-key=${LIVE_KEY}`), env),
      cli(args('--return-url', `${merchant}/right/return`), {
        ...env,
        FLITT_SECRET_KEY: `${LIVE_KEY}x`,
      }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 2, 2, 0, 3, 3, 2]);
    for (const { stdout, stderr } of runs) {
      expect(`${stdout}${stderr}`).not.toContain(LIVE_KEY);
      expect(`${stdout}${stderr}`).not.toContain(LIVE_KEY.slice(0, 12));
    }
    expect(runs[5]?.stderr).toMatch(/the secret key is not taken as a flag .*set FLITT_SECRET_KEY/);
  });

  it('answers a command line it cannot run with one line and exit 3', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['doctor', '--callback-url', 'https://x'],
        { FLITT_SECRET_KEY: 'k' },
        /no merchant id: pass --merchant-id ID or set FLITT_MERCHANT_ID/,
      ],
      [
        ['doctor', '--callback-url', 'https://x', '--merchant-id', 'abc'],
        { FLITT_SECRET_KEY: 'k' },
        /--merchant-id abc: expected the numeric merchant id/,
      ],
      [
        ['doctor', '--callback-url', 'https://x'],
        { FLITT_MERCHANT_ID: '1' },
        /no secret key: set FLITT_SECRET_KEY, or pass --secret-key-file/,
      ],
      [
        ['doctor'],
        { FLITT_MERCHANT_ID: '1', FLITT_SECRET_KEY: 'k' },
        /nothing to check besides the credentials/,
      ],
      [
        ['doctor', '--callback-url', 'https://x', '--timeout', 'soon'],
        { FLITT_MERCHANT_ID: '1', FLITT_SECRET_KEY: 'k' },
        /--timeout soon: expected milliseconds/,
      ],
      [['doctor', '--calback-url', 'https://x'], {}, /unknown flag --calback-url/],
      [['docter'], {}, /unknown command docter: expected doctor or explain/],
    ];
    for (const [argv, env, message] of cases) {
      const result = await cli(argv, env);
      expect(result.code, argv.join(' ')).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^flitt-checkout: /);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 nothing wrong, 1 warnings, 2 errors, 3/);
  });
});
