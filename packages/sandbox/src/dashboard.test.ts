import { createSignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';

const BASE = 'http://127.0.0.1:8610';
let sandbox: Sandbox;
let clock = Date.UTC(2026, 0, 15, 9, 30, 0);

afterEach(() => sandbox?.close());

function fresh() {
  sandbox = createSandbox({
    baseUrl: BASE,
    now: () => clock,
    fetch: async () => new Response('OK'),
  });
  return sandbox;
}

async function order(extra: Record<string, unknown>) {
  const params = {
    order_id: `dash-${clock}`,
    merchant_id: 1549901,
    order_desc: 'Khachapuri',
    amount: 2350,
    currency: 'GEL',
    ...extra,
  };
  const response = await sandbox.handle(
    new Request(`${BASE}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, 'test') },
      }),
    }),
  );
  expect(response.status).toBe(200);
  return params.order_id;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  sandbox.handle(new Request(`${BASE}${path}`, { headers }));

describe('the dashboard', () => {
  it('escapes every order field: markup in order_desc and order_id stays text', async () => {
    fresh();
    await order({
      order_id: '<img src=x onerror=alert(1)>',
      order_desc: '<script>alert("desc")</script><b>bold</b>',
      server_callback_url: 'http://127.0.0.1:9/"><script>alert(2)</script>',
    });
    await sandbox.control.pay('<img src=x onerror=alert(1)>');
    await sandbox.control.callbacksIdle();
    for (const path of ['/', '/sandbox/dashboard/live']) {
      const html = await (await get(path)).text();
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>bold');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&#60;script&#62;alert(&#34;desc&#34;)&#60;/script&#62;');
      expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    }
  });

  it('shows each status change with its time, and each callback attempt with its answer', async () => {
    fresh();
    const id = await order({ server_callback_url: 'http://127.0.0.1:9/callback' });
    clock += 5_250;
    await sandbox.control.pay(id);
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.order(id)?.statusHistory).toEqual([
      { status: 'created', at: Date.UTC(2026, 0, 15, 9, 30, 0) },
      { status: 'approved', at: Date.UTC(2026, 0, 15, 9, 30, 5, 250) },
    ]);
    const html = await (await get('/')).text();
    expect(html).toContain('<time datetime="2026-01-15T09:30:00.000Z"');
    expect(html).toMatch(/09:30:05\.250<\/time> approved/);
    expect(html).toContain('<caption id="callbacks-caption">Callback deliveries, newest first (1)');
    expect(html).toContain('<span class="ok">HTTP 200</span>');
    expect(html).toMatch(
      /<button type="button" data-action="redeliver"[^>]*>Redeliver<span class="vh"> the last callback of order dash-/,
    );
    expect(html).toContain('data-summary="1 order, 1 callback attempt; last: order');
  });

  it('records an expiry through the clock as a status change', async () => {
    fresh();
    const id = await order({ lifetime: 60 });
    sandbox.control.advanceClock(120);
    expect(sandbox.control.order(id)?.statusHistory.map((h) => h.status)).toEqual([
      'created',
      'expired',
    ]);
  });

  it('runs only its own script and style, and cannot be framed', async () => {
    fresh();
    const page = await get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const script = await get('/sandbox/dashboard.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("fetch('/sandbox/control/' + path");
  });

  it('is for this machine only, like the control API (no DNS rebinding, no foreign page)', async () => {
    fresh();
    for (const path of ['/', '/sandbox/dashboard/live']) {
      expect((await get(path, { host: 'evil.example:8610' })).status).toBe(403);
      expect((await get(path, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await get(path, { host: 'localhost:8610' })).status).toBe(200);
    }
  });

  it('leaves a fault for the shop: its own polling does not use it up', async () => {
    fresh();
    // A fault on every path ('/'): the dashboard's polls pass it by, the shop's next call gets it.
    sandbox.control.failNext(1, 'http500', '/');
    for (let i = 0; i < 3; i++) expect((await get('/sandbox/dashboard/live')).status).toBe(200);
    expect((await get('/')).status).toBe(200);
    const hit = await sandbox.handle(
      new Request(`${BASE}/api/status/order_id`, { method: 'POST', body: '{}' }),
    );
    expect(hit.status).toBe(500);
  });
});
