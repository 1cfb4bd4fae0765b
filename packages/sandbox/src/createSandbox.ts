import { RESPONSE_CODE_MEANINGS } from '@flitt-checkout/core';
import { createControl, type SandboxControl } from './control.ts';
import { dashboard } from './dashboard.ts';
import { createFlittApi } from './flittApi.ts';
import { CORS, createHostedPages } from './hostedPages.ts';
import { createLifecycle } from './lifecycle.ts';
import { createState, FAULT_KINDS, type SandboxOptions, TEST_MERCHANT } from './state.ts';
import { createSubscriptions } from './subscriptions.ts';
import { createWallet } from './wallet.ts';
import { apiResponse, FlittFailure, failureBody, type SandboxRequestInfo } from './wire.ts';

export type { SandboxControl } from './control.ts';
export type { SandboxOrderSummary } from './lifecycle.ts';
export type { FaultKind, SandboxMerchant, SandboxOptions } from './state.ts';
export { TEST_MERCHANT } from './state.ts';
export type { SandboxRequestInfo } from './wire.ts';

/** Thrown to the HTTP adapter when a request must end with a connection reset. */
export class SandboxConnectionReset extends Error {
  constructor() {
    super('sandbox fault: connection reset');
  }
}

/** An offline Flitt: handle Web `Request`s, inspect and steer it through `control`. */
export interface Sandbox {
  readonly baseUrl: string;
  /** `info`: what the request does not say, such as the caller's address (payout allow-lists). */
  handle(request: Request, info?: SandboxRequestInfo): Promise<Response>;
  readonly control: SandboxControl;
  /** Stops callback retries and ends hanging fault requests. */
  close(): void;
}

/**
 * Creates an offline Flitt over Web `Request` / `Response`, with no Node built-ins, so the same
 * engine runs in the `flitt-sandbox` HTTP server and inside msw (Node or a browser).
 *
 * @example
 * import { createSignature } from '@flitt-checkout/core';
 *
 * const sandbox = createSandbox({ baseUrl: 'http://127.0.0.1:8610' });
 * const request = { order_id: 'o-1', merchant_id: TEST_MERCHANT.merchantId };
 * const signed = { ...request, signature: await createSignature(request, TEST_MERCHANT.secretKey) };
 * const response = await sandbox.handle(
 *   new Request('http://127.0.0.1:8610/api/status/order_id', {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json' },
 *     body: JSON.stringify({ request: signed }),
 *   }),
 * );
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const state = createState(options);
  const lifecycle = createLifecycle(state);
  const subscriptions = createSubscriptions(state, lifecycle);
  const flittApi = createFlittApi(state, lifecycle, subscriptions);
  const pages = createHostedPages(state, lifecycle);
  const wallet = createWallet(state, lifecycle);
  const { control, controlApi, controlCors, controlRefusal } = createControl(
    state,
    lifecycle,
    subscriptions,
    handle,
  );
  const { summary } = lifecycle;

  /** Hangs until the client gives up (or the sandbox closes), like an unanswered request. */
  async function hang(signal: AbortSignal): Promise<Response> {
    await new Promise<void>((resolve) => {
      const done = () => {
        state.aborters.delete(done);
        resolve();
      };
      state.aborters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
    return new Response(null, { status: 504 });
  }

  async function injectFault(
    request: Request,
    path: string,
    info: SandboxRequestInfo,
  ): Promise<Response | undefined> {
    const { signal } = request;
    const fault = state.faults.find((f) => f.remaining > 0 && path.startsWith(f.path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    state.faults = state.faults.filter((f) => f.remaining > 0);
    state.log(`fault ${fault.kind} on ${path}`);
    switch (fault.kind) {
      case 'http500':
        return new Response('<html><body>500 Internal Server Error</body></html>', {
          status: 500,
          headers: { 'content-type': 'text/html' },
        });
      case 'malformed':
        return new Response('{"response": {"response_status": "succ', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      case 'reset':
        throw new SandboxConnectionReset();
      case 'flitt_error':
        return apiResponse(
          'json',
          failureBody(new FlittFailure(fault.code, RESPONSE_CODE_MEANINGS[fault.code] ?? 'Error')),
        );
      case 'lost_reply':
        // Flitt does what was asked; only its answer is lost on the way back.
        if (path.startsWith('/api/') && request.method === 'POST')
          await flittApi.api(path, request, info);
        return hang(signal);
      case 'timeout':
        return hang(signal);
    }
  }

  async function handle(request: Request, info: SandboxRequestInfo = {}): Promise<Response> {
    const url = new URL(request.url);
    // Flitt's docs and the official SDK write API paths with a trailing slash; both forms work.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (request.method === 'OPTIONS') {
      const headers = path.startsWith('/sandbox/control/') ? controlCors(request) : CORS;
      return new Response(null, { status: 204, headers });
    }
    if (path.startsWith('/sandbox/control/')) return controlApi(path, request);
    // Before the faults: the dashboard's own polling must not use up a fault meant for a shop.
    if (request.method === 'GET' && (path === '/' || path.startsWith('/sandbox/dashboard'))) {
      // It shows every order and callback body: to this machine only, like the control API.
      const refused = controlRefusal(request);
      if (refused) return new Response(refused[1], { status: refused[0] });
      const page = await dashboard(path, dashboardState);
      if (page) return page;
    }
    const fault = await injectFault(request, path, info);
    if (fault) return fault;
    if (state.latency > 0 && path.startsWith('/api/'))
      await new Promise((r) => setTimeout(r, state.latency));
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST')
        return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
      return flittApi.api(path, request, info);
    }
    if (request.method === 'GET' && /^\/merchants\/[0-9a-f]+\/default\/index\.html$/.test(path))
      return pages.hostedPage(url);
    if (request.method === 'POST' && path === '/sandbox/pay') return pages.payForm(request);
    if (request.method === 'POST' && path === '/sandbox/verify') return pages.verifyForm(request);
    const acs = /^\/sandbox\/3ds\/([0-9a-f]+)$/.exec(path);
    if (acs?.[1]) return pages.threeDs(acs[1], url, request);
    if (request.method === 'POST' && path.startsWith('/sandbox/embedded/')) {
      return pages.embedded(path, request);
    }
    if (path.startsWith('/sandbox/wallet/')) {
      const answer = wallet.route(path, request);
      if (answer) return answer;
    }
    if (path === '/latest/checkout-vue/checkout.js') return pages.script();
    if (path === '/latest/js-sdk/checkout.js') return wallet.script();
    if (path === '/latest/checkout-vue/checkout.css') return pages.styles();
    return new Response('Not Found', { status: 404 });
  }

  function dashboardState() {
    return {
      baseUrl: state.baseUrl,
      merchantId: TEST_MERCHANT.merchantId,
      secretKey: TEST_MERCHANT.secretKey,
      now: state.now(),
      clockOffsetSeconds: state.clockOffset / 1000,
      latencyMs: state.latency,
      orders: [...state.orders.values()].map((o) => ({
        ...summary(o),
        orderDesc: o.params.order_desc,
      })),
      callbacks: state.callbacks.attempts,
      faults: state.faults,
      faultKinds: FAULT_KINDS,
    };
  }

  return {
    get baseUrl() {
      return state.baseUrl;
    },
    handle,
    control,
    close() {
      state.callbacks.close();
      for (const abort of [...state.aborters]) abort();
    },
  };
}
