import type { OrderStatus } from '@flitt-checkout/core';
import type { CallbackAttempt } from './callbacks.ts';
import { escapeHtml, formatAmount } from './pages.ts';
import { callbackOrder } from './replay.ts';
import type { StatusChange } from './statusHistory.ts';

/** What the dashboard shows of an order (the control API's order summary has it). */
interface DashboardOrder {
  readonly merchantId: number;
  readonly orderId: string;
  readonly orderDesc: string;
  readonly status: OrderStatus;
  readonly amount: number;
  readonly currency: string;
  readonly responseCode: number | '';
  readonly statusHistory: readonly StatusChange[];
}

/** Everything the dashboard renders, read from the sandbox on each request. */
export interface DashboardState {
  readonly baseUrl: string;
  readonly merchantId: number;
  readonly secretKey: string;
  /** The sandbox clock (ms), and how far the control API moved it. */
  readonly now: number;
  readonly clockOffsetSeconds: number;
  readonly latencyMs: number;
  readonly orders: readonly DashboardOrder[];
  readonly callbacks: readonly CallbackAttempt[];
  readonly faults: readonly { kind: string; remaining: number; path: string; code: number }[];
  readonly faultKinds: readonly string[];
}

/** Markup whose parts were escaped: `html` escapes every value unless it is Html already. */
class Html {
  constructor(readonly value: string) {}
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

const two = (n: number, width = 2) => String(n).padStart(width, '0');

/** `10:04:05.120`, UTC, in a `<time>` with the full date for machines and a title for people. */
function time(ms: number): Html {
  const d = new Date(ms);
  const iso = d.toISOString();
  const short = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${two(d.getUTCMilliseconds(), 3)}`;
  return html`<time datetime="${iso}" title="${iso}">${short}</time>`;
}

/** Visually hidden text: part of a button's accessible name that sighted users read in its row. */
const hidden = (text: string) => html`<span class="vh">${text}</span>`;

const orderKey = (o: { merchantId: number; orderId: string }) => `${o.merchantId}:${o.orderId}`;

function answer(attempt: CallbackAttempt): Html {
  if (attempt.status === 0)
    return html`<span class="bad">no answer: ${attempt.error ?? 'network error'}</span>`;
  const ok = attempt.status === 200;
  return html`<span class="${ok ? 'ok' : 'bad'}">HTTP ${attempt.status}</span>`;
}

function kind(attempt: CallbackAttempt): Html {
  if (attempt.redelivery === undefined)
    return html`${attempt.attempt === 1 ? 'sent by Flitt' : 'retry on Flitt’s schedule'}`;
  if (attempt.redelivery === 'same') return html`redelivered, same signature`;
  return html`<strong>tampered</strong>: <code>${attempt.redelivery.field}</code> = <code>${attempt.redelivery.value}</code>, original signature`;
}

function ordersTable(state: DashboardState): Html {
  if (state.orders.length === 0)
    return html`<p>No orders yet: create one through the API (see the README).</p>`;
  const called = new Set(state.callbacks.map((c) => c.orderId));
  const rows = [...state.orders].reverse().map((o) => {
    const history = o.statusHistory.map((h) => html`<li>${time(h.at)} ${h.status}</li>`);
    const key = orderKey(o);
    const actions = called.has(o.orderId)
      ? html`<button type="button" data-action="redeliver" data-order="${o.orderId}" data-merchant="${o.merchantId}" data-focus-key="redeliver ${key}">Redeliver${hidden(` the last callback of order ${o.orderId}`)}</button>
<button type="button" class="secondary" data-action="tamper" data-order="${o.orderId}" data-merchant="${o.merchantId}" data-focus-key="tamper ${key}">Tamper…${hidden(` with order ${o.orderId}'s callback`)}</button>`
      : html`<span class="muted">no callback yet</span>`;
    return html`<tr><th scope="row"><code>${o.orderId}</code><div class="muted">${o.orderDesc}</div></th>
<td>${o.merchantId}</td><td>${formatAmount(o.amount, o.currency, 'en')}</td>
<td><span class="status status-${o.status}">${o.status}</span>${o.responseCode === '' ? '' : html` <span class="muted">(${o.responseCode})</span>`}</td>
<td><ol class="history">${history}</ol></td><td class="actions">${actions}</td></tr>`;
  });
  return html`<div class="scroll" role="region" aria-labelledby="orders-caption" tabindex="0"><table>
<caption id="orders-caption">Orders, newest first (${state.orders.length})</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Merchant</th><th scope="col">Amount</th><th scope="col">Status (code)</th><th scope="col">Status history (UTC)</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function callbacksTable(state: DashboardState): Html {
  if (state.callbacks.length === 0)
    return html`<p>No callbacks yet: an order with a <code>server_callback_url</code> gets one when it is paid.</p>`;
  const rows = state.callbacks
    .map((c, i) => ({ c, i }))
    .reverse()
    .map(({ c, i }) => {
      const order = callbackOrder(c.body);
      const inner =
        order === c.body
          ? ''
          : html`<p>The order inside <code>data</code>:</p><pre>${JSON.stringify(order, null, 1)}</pre>`;
      return html`<tr><td>${time(c.at)}</td><th scope="row"><code>${c.orderId}</code></th><td>${c.orderStatus}</td>
<td>${c.attempt}</td><td>${answer(c)}</td><td>${c.durationMs} ms</td><td>${kind(c)}</td>
<td><code class="url">${c.url}</code></td>
<td><details data-focus-key="body ${i}"><summary>Body${hidden(` of attempt ${c.attempt} for order ${c.orderId}`)}</summary><pre>${JSON.stringify(c.body, null, 1)}</pre>${inner}</details></td></tr>`;
    });
  return html`<div class="scroll" role="region" aria-labelledby="callbacks-caption" tabindex="0"><table>
<caption id="callbacks-caption">Callback deliveries, newest first (${state.callbacks.length})</caption>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Order</th><th scope="col">Event</th><th scope="col">Attempt</th><th scope="col">Merchant’s answer</th><th scope="col">Took</th><th scope="col">Kind</th><th scope="col">URL</th><th scope="col">Body</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function conditions(state: DashboardState): Html {
  const offset = state.clockOffsetSeconds;
  const faults =
    state.faults.length === 0
      ? html`none`
      : state.faults.map(
          (f, i) =>
            html`${i > 0 ? ', ' : ''}${f.kind}${f.kind === 'flitt_error' ? ` ${f.code}` : ''} × ${f.remaining} on <code>${f.path}</code>`,
        );
  return html`<dl class="conditions"><dt>Sandbox clock</dt><dd>${time(state.now)} UTC${offset === 0 ? '' : `, ${offset} s ahead of this machine`}</dd>
<dt>Latency</dt><dd>${state.latencyMs} ms on <code>/api/</code></dd><dt>Next faults</dt><dd>${faults}</dd></dl>`;
}

/** A one-line summary for the polite live region: it changes only when something happened. */
function summary(state: DashboardState): string {
  const last = state.callbacks.at(-1);
  const orders = `${state.orders.length} order${state.orders.length === 1 ? '' : 's'}`;
  const calls = `${state.callbacks.length} callback attempt${state.callbacks.length === 1 ? '' : 's'}`;
  const lastText = last
    ? `; last: order ${last.orderId}, attempt ${last.attempt}, ${last.status === 0 ? 'no answer' : `HTTP ${last.status}`}`
    : '';
  return `${orders}, ${calls}${lastText}.`;
}

/** The part of the page that polling refreshes. */
function live(state: DashboardState): Html {
  return html`<div id="live" data-summary="${summary(state)}">
<section aria-labelledby="orders-h"><h2 id="orders-h">Orders</h2>${ordersTable(state)}</section>
<section aria-labelledby="callbacks-h"><h2 id="callbacks-h">Callbacks</h2>${callbacksTable(state)}</section>
<section aria-labelledby="conditions-h"><h2 id="conditions-h">Clock and faults</h2>${conditions(state)}</section>
</div>`;
}

function forms(state: DashboardState): Html {
  const kinds = state.faultKinds.map((k) => html`<option value="${k}">${k}</option>`);
  const fields = [
    'amount',
    'order_status',
    'currency',
    'actual_amount',
    'merchant_data',
    'signature',
  ];
  return html`<section aria-labelledby="actions-h"><h2 id="actions-h">Act on the sandbox</h2>
<noscript><p>These forms need JavaScript; the control API in the README does the same without.</p></noscript>
<div class="forms">
<form id="tamper-form" aria-labelledby="tamper-h"><h3 id="tamper-h">Redeliver with one field tampered</h3>
<p class="muted">Sends the order’s last callback with one field changed and Flitt’s signature kept: the merchant should refuse it (HTTP 400).</p>
<label for="tamper-order">Order id</label><input id="tamper-order" name="order_id" required autocomplete="off">
<label for="tamper-field">Field</label><input id="tamper-field" name="field" required value="amount" list="tamper-fields" autocomplete="off">
<datalist id="tamper-fields">${fields.map((f) => html`<option value="${f}"></option>`)}</datalist>
<label for="tamper-value">New value</label><input id="tamper-value" name="value" value="1" autocomplete="off">
<button type="submit">Send tampered callback</button></form>
<form id="fault-form" aria-labelledby="fault-h"><h3 id="fault-h">Inject a fault</h3>
<label for="fault-kind">Kind</label><select id="fault-kind" name="kind">${kinds}</select>
<label for="fault-count">How many requests</label><input id="fault-count" name="count" type="number" min="1" max="1000" value="1" required>
<label for="fault-path">On paths starting with</label><input id="fault-path" name="path" value="/api/" required>
<label for="fault-code">Flitt error code (flitt_error only)</label><input id="fault-code" name="code" type="number" min="1000" max="9999" value="1002">
<button type="submit">Inject fault</button></form>
<form id="clock-form" aria-labelledby="clock-h"><h3 id="clock-h">Move the clock</h3>
<p class="muted">Order lifetimes run on the sandbox clock: an unpaid order expires when it passes.</p>
<label for="clock-seconds">Seconds forward</label><input id="clock-seconds" name="seconds" type="number" min="1" value="3600" required>
<button type="submit">Advance clock</button></form>
</div></section>`;
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2433;background:#f2f4f7}
body{margin:0}header,main{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:1.4rem;margin:16px 0 4px}h2{font-size:1.15rem;margin:24px 0 8px}h3{font-size:1rem;margin:0 0 8px}
.scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
table{border-collapse:collapse;width:100%;font-size:.9rem}caption{text-align:left;font-weight:600;padding:8px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-top:1px solid #d5d9e0}thead th{background:#e9ecf1}
code,pre{font-family:ui-monospace,Menlo,monospace;font-size:.85rem}pre{white-space:pre-wrap;word-break:break-all;max-width:40rem}
.muted{color:#4f5869;font-weight:400}.ok{color:#0b6b2a;font-weight:600}.bad{color:#a4161a;font-weight:600}
.status{font-weight:600}.status-approved{color:#0b6b2a}.status-declined,.status-expired{color:#a4161a}
.history{margin:0;padding-left:1.2rem}.url{word-break:break-all}
.actions button{margin:0 4px 4px 0}
button{padding:6px 12px;border:1px solid #1a56db;border-radius:6px;background:#1a56db;color:#fff;font:inherit;cursor:pointer}
button.secondary{background:#fff;color:#1a56db}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}
form{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 4px #0002}
label{display:block;margin:8px 0 2px;font-weight:500}
input,select{width:100%;box-sizing:border-box;padding:6px;border:1px solid #6b7384;border-radius:6px;font:inherit}
form button{margin-top:12px}
.conditions{display:grid;grid-template-columns:auto 1fr;gap:4px 16px;background:#fff;border-radius:8px;padding:12px 16px;margin:0}
.conditions dt{font-weight:600}.conditions dd{margin:0}
#result:not(:empty){background:#fff;border-left:4px solid #1a56db;padding:8px 12px;border-radius:4px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** The dashboard's script: polls the live part, keeps focus, sends actions as JSON control requests. */
const SCRIPT = `'use strict';
const live = () => document.getElementById('live');
const summary = document.getElementById('summary');
const result = document.getElementById('result');
let last = '';
async function refresh() {
  let text;
  try {
    const res = await fetch('/sandbox/dashboard/live', { cache: 'no-store' });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    text = await res.text();
  } catch {
    const down = 'The sandbox does not answer: is it still running?';
    if (summary.textContent !== down) summary.textContent = down;
    last = '';
    return;
  }
  if (text === last) return;
  last = text;
  const template = document.createElement('template');
  template.innerHTML = text;
  const next = template.content.firstElementChild;
  const focused = document.activeElement && document.activeElement.closest('[data-focus-key]');
  const focusKey = focused && live().contains(focused) ? focused.dataset.focusKey : null;
  const open = new Set([...live().querySelectorAll('details[open]')].map((d) => d.dataset.focusKey));
  live().replaceWith(next);
  for (const d of next.querySelectorAll('details')) if (open.has(d.dataset.focusKey)) d.open = true;
  if (focusKey) {
    const again = [...next.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === focusKey);
    if (again) (again.matches('details') ? again.querySelector('summary') : again).focus();
  }
  if (summary.textContent !== next.dataset.summary) summary.textContent = next.dataset.summary;
}
async function control(path, body) {
  const res = await fetch('/sandbox/control/' + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || 'HTTP ' + res.status);
  return json;
}
function say(text) {
  result.textContent = text;
}
function told(attempt) {
  const answer = attempt.status === 0 ? 'no answer (' + attempt.error + ')' : 'HTTP ' + attempt.status;
  const what = attempt.redelivery === 'same' ? 'redelivered' : 'sent with ' + attempt.redelivery.field + ' = ' + JSON.stringify(attempt.redelivery.value) + ' and the original signature';
  return 'Order ' + attempt.orderId + ': callback attempt ' + attempt.attempt + ' ' + what + '; the merchant answered ' + answer + '.';
}
async function act(run) {
  try {
    say(await run());
  } catch (error) {
    say('Refused: ' + error.message);
  }
  await refresh();
}
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const order = { order_id: button.dataset.order, merchant_id: Number(button.dataset.merchant) };
  if (button.dataset.action === 'redeliver') {
    say('Redelivering the callback of order ' + order.order_id + '…');
    act(async () => told((await control('redeliver', order)).attempt));
  } else {
    document.getElementById('tamper-order').value = order.order_id;
    document.getElementById('tamper-field').focus();
  }
});
document.getElementById('tamper-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  act(async () => told((await control('redeliver', {
    order_id: form.get('order_id'),
    tamper: { field: form.get('field'), value: form.get('value') },
  })).attempt));
});
document.getElementById('fault-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { kind: form.get('kind'), count: Number(form.get('count')), path: form.get('path') };
  if (body.kind === 'flitt_error') body.code = Number(form.get('code'));
  act(async () => {
    await control('faults', body);
    return 'The next ' + body.count + ' request(s) on ' + body.path + ' fail with ' + body.kind + '.';
  });
});
document.getElementById('clock-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const seconds = Number(new FormData(event.target).get('seconds'));
  act(async () => 'The sandbox clock is now ' + (await control('clock', { seconds })).offsetSeconds + ' s ahead.');
});
last = live().outerHTML;
setInterval(() => { if (!document.hidden) refresh(); }, 1500);
`;

/** Only this page's own script and style; no framing, so no page can trick a click on it. */
async function policy(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return `default-src 'none'; script-src 'self'; style-src 'sha256-${hash}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

async function page(state: DashboardState): Promise<Response> {
  const body = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Flitt sandbox</title><style>${new Html(STYLE)}</style><script src="/sandbox/dashboard.js" defer></script></head>
<body><header><h1>Flitt sandbox</h1>
<p>Base URL: ${state.baseUrl}. Test merchant ${state.merchantId}, key "${state.secretKey}". Test mode: no money moves.</p></header>
<main><p id="summary" role="status" aria-live="polite" class="muted">${summary(state)}</p>
<p id="result" role="status" aria-live="polite"></p>
${live(state)}${forms(state)}</main></body></html>`;
  return new Response(body.value, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': await policy(),
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    },
  });
}

/**
 * The sandbox's dashboard: `GET /` (the page), `/sandbox/dashboard.js` (its script) and
 * `/sandbox/dashboard/live` (the part it polls). Undefined for any other path.
 */
export async function dashboard(
  path: string,
  state: () => DashboardState,
): Promise<Response | undefined> {
  if (path === '/') return page(state());
  if (path === '/sandbox/dashboard.js')
    return new Response(SCRIPT, {
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
    });
  if (path === '/sandbox/dashboard/live')
    return new Response(live(state()).value, {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  return undefined;
}
