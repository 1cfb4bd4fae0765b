// The packages as an app gets them from the registry: each packed with pnpm, unpacked into a fresh
// project's node_modules, and a small full-stack app compiled against their .d.ts files with
// `strict` and `skipLibCheck: false`, under bundler and node16 resolution, its browser page
// built with Vite and with esbuild from what was installed, and one saved-card round run on the
// installed server against the installed sandbox. Nothing is downloaded: React, msw, pg and the
// type packages are symlinks to the workspace's own copies.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { type Rolldown, build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'server', 'react', 'sandbox'] as const;
const PNPM = ['--yes', 'pnpm@10.34.9'];
// What the consumer installs besides our packages, linked from the workspace.
const LINKED = [
  'react',
  'react-dom',
  '@types/react',
  '@types/react-dom',
  '@types/node',
  '@tanstack/react-query',
  'msw',
  // The PostgreSQL vault is only type-checked against a real Pool: no database here.
  'pg',
  '@types/pg',
];

interface Manifest {
  name: string;
  exports: Record<string, string | Record<string, unknown>>;
}

const manifest = (name: string): Manifest =>
  JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

/** `exports` keys that have types, as import specifiers (`@flitt-checkout/core/messages/en`). */
function typedEntries(name: string): string[] {
  const { name: pkg, exports } = manifest(name);
  return Object.entries(exports)
    .filter(([, target]) => typeof target === 'object' && 'types' in target)
    .map(([key]) => `${pkg}${key.slice(1)}`);
}

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Packages whose dist lacks an entry's files or is older than its sources or build config. */
function staleDists(): string[] {
  return PACKAGES.filter((name) => {
    const dir = join(root, 'packages', name);
    const inputs = Math.max(
      newest(join(dir, 'src')),
      newest(join(dir, 'package.json')),
      newest(join(dir, 'tsdown.config.ts')),
    );
    const outputs = Object.values(manifest(name).exports).flatMap((target) =>
      typeof target === 'object'
        ? [target.types, target.default].filter((f): f is string => typeof f === 'string')
        : [],
    );
    return outputs.some((file) => {
      const path = join(dir, file);
      return !existsSync(path) || statSync(path).mtimeMs < inputs;
    });
  });
}

const consumerFiles = (): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }),
  'tsconfig.bundler.json': tsconfig({ module: 'preserve', moduleResolution: 'bundler' }),
  'tsconfig.node16.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
  // Every entry point with types, so a new subpath is compiled without touching this test.
  'src/entries.ts': [
    ...PACKAGES.flatMap(typedEntries).map((s, i) => `import * as entry${i} from '${s}';`),
    `export const entries = [${PACKAGES.flatMap(typedEntries)
      .map((_, i) => `entry${i}`)
      .join(', ')}];`,
  ].join('\n'),
  'src/Checkout.tsx': `
import { describeResponseCode, isSafeCheckoutUrl, type Locale } from '@flitt-checkout/core';
import {
  type CardCheckStatus,
  cardCheckOf,
  cardsEndpoints,
  formatAmount,
  intlLocale,
  type OrderStatus,
  orderOutcome,
  type PaymentOutcome,
} from '@flitt-checkout/core/checkout';
import {
  FlittAddCard,
  FlittWalletButtons,
  FlittCheckoutButton,
  type FlittCheckoutButtonProps,
  FlittEmbeddedCheckout,
  FlittPaymentResult,
  FlittPlanSummary,
  FlittProvider,
  FlittSaveCardCheckbox,
  FlittSavedCards,
  type FlittSavedCardsState,
  FlittSubscriptionManager,
  type RecurringData,
  type SavedCardView,
  useFlittSavedCards,
} from '@flitt-checkout/react';
import { en, enResult, enSavedCards, enSubscription } from '@flitt-checkout/react/locales/en';
import { ka, kaSavedCards } from '@flitt-checkout/react/locales/ka';
import { ru } from '@flitt-checkout/react/locales/ru';
import { uk } from '@flitt-checkout/react/locales/uk';
import { uz } from '@flitt-checkout/react/locales/uz';
import '@flitt-checkout/react/styles.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

// The languages this shop speaks; any other falls back to English.
const texts: Partial<Record<Locale, typeof en>> = { en, ka, ru, uk, uz };

function PayButton(props: FlittCheckoutButtonProps) {
  return <FlittCheckoutButton {...props} />;
}

export function Checkout({ cartId, locale }: { cartId: string; locale: Locale }) {
  const [saveCard, setSaveCard] = useState(false);
  return (
    <FlittProvider apiBase="/api/flitt" locale={texts[locale] ?? en}>
      <FlittSaveCardCheckbox
        checked={saveCard}
        onChange={setSaveCard}
        texts={locale === 'ka' ? kaSavedCards : enSavedCards}
      />
      <PayButton
        order={{ cartId }}
        prefetch="intent"
        saveCard={saveCard}
        onDeclined={(state) => console.warn(describeResponseCode(state.code).category)}
      >
        Pay {formatAmount(2350, 'GEL', intlLocale(locale))}
      </PayButton>
      <FlittEmbeddedCheckout
        order={{ cartId }}
        saveCard={saveCard}
        onApproved={(state) => window.location.assign(\`/result?order_id=\${state.orderId}\`)}
      />
    </FlittProvider>
  );
}

export function Result() {
  return (
    <FlittProvider apiBase="/api/flitt" locale={en}>
      <FlittPaymentResult texts={enResult} actions={<a href="/cart">Back to the cart</a>} />
    </FlittProvider>
  );
}

const cards = cardsEndpoints({ apiBase: '/api/flitt', locale: 'ka' });

/** Apple Pay and Google Pay for the cart, where the payer's browser has them. */
export function Wallets({ cartId }: { cartId: string }) {
  return (
    <FlittProvider apiBase="/api/flitt" locale={ka}>
      <FlittWalletButtons
        order={{ cartId }}
        methods={['google', 'apple']}
        style={{ color: 'black', height: 44 }}
        fallback={<p>Pay by card below.</p>}
        onCancel={() => console.info('closed')}
        onApproved={(state) => window.location.assign(\`/result?order_id=\${state.orderId}\`)}
      />
    </FlittProvider>
  );
}

/** The signed-in payer's cards: pay with one, add one without buying, or enter a new one. */
export function SavedCards({ cartId, customer }: { cartId: string; customer: string }) {
  const [adding, setAdding] = useState(false);
  return (
    <FlittProvider apiBase="/api/flitt" locale={ka}>
      {adding ? (
        <FlittAddCard
          texts={kaSavedCards}
          flow="embedded"
          options={{ show_email: false }}
          onApproved={() => setAdding(false)}
          onError={(state) => console.warn(state.status)}
        />
      ) : (
        <FlittSavedCards
          order={{ cartId }}
          customer={customer}
          texts={kaSavedCards}
          api={cards}
          headingLevel={3}
          onAddCard={() => setAdding(true)}
          onUseNewCard={() => window.location.assign('/checkout')}
          onApproved={(answer) => console.info(orderOutcome(answer).outcome)}
        />
      )}
      <OneClickPay cartId={cartId} customer={customer} />
    </FlittProvider>
  );
}

/** The shop's own button over the payer's newest card that still works. */
function OneClickPay({ cartId, customer }: { cartId: string; customer: string }) {
  const saved: FlittSavedCardsState = useFlittSavedCards(enSavedCards, { customer });
  const newest: SavedCardView | undefined =
    saved.list.status === 'ready' ? saved.list.cards.find((card) => !card.expired) : undefined;
  if (saved.payment.status === 'declined') return <p role="alert">{saved.payment.message}</p>;
  if (!newest) return null;
  return (
    <button type="button" disabled={saved.busy} onClick={() => saved.pay(newest.id, { cartId })}>
      Pay with {newest.brand} •••• {newest.last4}
    </button>
  );
}

const plan: RecurringData = { every: 1, period: 'month', amount: 990, trial_period: 'day', trial_quantity: 14 };

/** The tea club: the plan and its embedded checkout, or the payer's running subscription. */
export function Subscription({ orderId }: { orderId?: string }) {
  return (
    <FlittProvider apiBase="/api/flitt" locale={en}>
      {orderId ? (
        <FlittSubscriptionManager
          orderId={orderId}
          status="active"
          texts={enSubscription}
          onChange={(answer) => console.info(answer.status === 'disabled' ? 'stopped' : 'running')}
        >
          <FlittPlanSummary plan={plan} currency="GEL" texts={enSubscription} headingLevel={3} />
        </FlittSubscriptionManager>
      ) : (
        <>
          <FlittPlanSummary plan={plan} currency="GEL" firstPayment={100} texts={enSubscription} />
          <FlittEmbeddedCheckout
            order={{ plan: 'tea-club' }}
            options={{ subscription: { type: 'shown_readonly' } }}
          />
        </>
      )}
    </FlittProvider>
  );
}

/** What the shop's back office shows for a Flitt order, a card check read by its check. */
export function outcomeOf(order: {
  order_status: OrderStatus;
  response_code: number | null;
  verification_status?: unknown;
}): PaymentOutcome & { check: CardCheckStatus | undefined } {
  const check = cardCheckOf(order.verification_status);
  return {
    ...orderOutcome({ status: order.order_status, responseCode: order.response_code, cardCheck: check }),
    check,
  };
}

const page = window.location.pathname;
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    page === '/cards' ? (
      <SavedCards cartId="cart-1" customer="nino" />
    ) : page === '/club' ? (
      <Subscription />
    ) : page === '/result' ? (
      <Result />
    ) : (
      <Checkout cartId="cart-1" locale="ka" />
    ),
  );

export const leavesForFlitt = (url: string) => isSafeCheckoutUrl(url);
`,
  'src/server.ts': `
import { createServer } from 'node:http';
import { validateOrder } from '@flitt-checkout/core';
import {
  APPLE_DOMAIN_ASSOCIATION_PATH,
  appleDomainAssociation,
  captureInFull,
  type CardVault,
  type CustomerOf,
  createFlittClient,
  createFlittHandlers,
  createMemoryCardVault,
  FlittApiError,
  type FlittClient,
  type FlittEvent,
  type FlittHandlers,
  FlittHttpError,
  type FlittOrder,
  majorToMinor,
  type OrderMoney,
  orderMoney,
  refund,
  type SavedCard,
  type SavedCardsResponse,
} from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';

const prices: Record<string, number> = { tea: 700, churchkhela: 450 };
export const paid: FlittOrder[] = [];
export const verifiedCardChecks: string[] = [];
/** The shop's own records: each subscription's first order, its customer and its status. */
const subscriptions = new Map<string, { customer: string; status: 'active' | 'disabled' }>();

/** The shop's sign-in: a session cookie naming the customer (never the request body). */
export const customerOf: CustomerOf = (request) =>
  /(?:^|;\\s*)session=([\\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null;

export async function onEvent(event: FlittEvent): Promise<void> {
  switch (event.type) {
    case 'payment.approved':
      paid.push(event.order);
      return;
    case 'card.verified':
      // No money moved: the card check was given back, and the vault already holds the card.
      verifiedCardChecks.push(event.orderId);
      return;
    case 'subscription.stopped': {
      const status: 'disabled' = event.status;
      const record = subscriptions.get(event.orderId);
      if (record) record.status = status;
      return;
    }
    case 'subscription.started': {
      const status: 'active' = event.status;
      const record = subscriptions.get(event.orderId);
      if (record) record.status = status;
      return;
    }
    case 'subscription.charge_declined':
      console.warn(event.parentOrderId, event.responseCode);
      return;
    default:
      return;
  }
}

/** The shop's handlers over a Flitt client and a card vault. */
export function shopHandlers(client: FlittClient, vault: CardVault): FlittHandlers {
  return createFlittHandlers({
    client,
    resolveOrder: async ({ order, flow }) => {
      if ((order as { plan?: string }).plan === 'tea-club')
        return {
          amount: 100,
          currency: 'GEL',
          order_desc: 'Tea club',
          subscription: 'Y',
          recurring_data: { every: 1, period: 'month', amount: 990 },
        };
      const items = (order as { items?: { sku: string; qty: number }[] }).items ?? [];
      if (items.length === 0) throw new FlittHttpError(400, 'empty_cart', 'The cart is empty.');
      const amount = items.reduce((sum, item) => sum + (prices[item.sku] ?? 0) * item.qty, 0);
      return { amount, currency: 'GEL', order_desc: flow === 'saved_card' ? 'Tea shop (saved card)' : 'Tea shop' };
    },
    onEvent,
    vault,
    customerOf,
    cardCheck: { amount: 100, currency: 'GEL' },
    authorizeSubscription: async (request, orderId) => {
      const customer = await customerOf(request);
      return customer != null && subscriptions.get(orderId)?.customer === customer;
    },
    callbackUrl: 'https://shop.example/api/flitt/callback',
    returnUrl: 'https://shop.example/api/flitt/return',
    resultUrl: '/checkout/result',
  });
}

const vault = createMemoryCardVault();
export const flitt = shopHandlers(
  createFlittClient({
    merchantId: process.env.FLITT_MERCHANT_ID ?? '1549901',
    secretKey: process.env.FLITT_SECRET_KEY ?? 'test',
  }),
  vault,
);

const routes = new Map([
  ['/api/flitt/checkout', toNodeHandler(flitt.createCheckout)],
  ['/api/flitt/callback', toNodeHandler(flitt.callback)],
  ['/api/flitt/return', toNodeHandler(flitt.paymentReturn)],
  ['/api/flitt/status', toNodeHandler(flitt.status)],
  ['/api/flitt/subscription', toNodeHandler(flitt.subscription)],
  ['/api/flitt/cards', toNodeHandler(flitt.cards)],
  [APPLE_DOMAIN_ASSOCIATION_PATH, toNodeHandler(appleDomainAssociation('7B22707370496422'))],
]);

/** The admin's actions: what a paid order still allows, capture it, refund part of it. */
export async function dispatch(client: FlittClient, orderId: string): Promise<OrderMoney> {
  const money: OrderMoney = orderMoney(await client.getOrderStatus(orderId));
  if (money.capturable > 0) await captureInFull(client, orderId);
  const part = majorToMinor('2.30') ?? 0;
  if (money.refundable >= part) await refund(client, { orderId, amount: part, reverseId: 'return-1' });
  return money;
}

/** A split of a paid order between two merchants, and a payout to a saved card (types only here). */
export const split = (client: FlittClient, orderId: string) =>
  client.settle({
    orderId: \`split-\${orderId}\`,
    operationId: orderId,
    amount: 1000,
    currency: 'GEL',
    description: 'Market order',
    receivers: [
      { merchantId: 1549901, amount: 700, description: 'Tea' },
      { merchantId: 1700001, amount: 300, description: 'Honey', feePartnerAmount: 10 },
    ],
  });
export const payOut = (client: FlittClient, rectoken: string) =>
  client.payout({
    orderId: 'payout-1',
    amount: 1500,
    currency: 'GEL',
    description: 'Seller payout',
    receiverRectoken: rectoken,
  });

export const server = createServer((req, res) => {
  const handle = routes.get(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (handle) void handle(req, res);
  else res.writeHead(404).end();
});

export function isGoodOrder(params: unknown): boolean {
  return validateOrder(params).ok;
}

export const isDuplicate = (error: unknown) => error instanceof FlittApiError && error.flittCode === 1013;

/** The account page's list, straight from the vault (the token stays on the server). */
export async function cardsOf(customer: string): Promise<SavedCardsResponse['cards']> {
  const saved: readonly SavedCard[] = await vault.list(customer);
  return saved.map(({ id, brand, maskedPan, expiresAt }) => ({
    id,
    brand,
    maskedPan,
    last4: maskedPan.slice(-4),
    expiresAt,
    expired: expiresAt !== null && expiresAt <= Date.now(),
  }));
}
`,
  'src/postgres.ts': `
// Type-checked only (no database here): the saved cards and the events on PostgreSQL.
import { createFlittClient } from '@flitt-checkout/server';
import {
  createPostgresCallbackStore,
  createPostgresCardVault,
  type PostgresCardVault,
  postgresCardVaultSchema,
} from '@flitt-checkout/server/postgres';
import pg from 'pg';
import { shopHandlers } from './server.js';

export const migration: string = postgresCardVaultSchema({ table: 'shop.saved_cards' });

export async function postgresShop(connectionString: string) {
  const pool = new pg.Pool({ connectionString });
  const vault: PostgresCardVault = createPostgresCardVault({ pool, table: 'shop.saved_cards' });
  const store = createPostgresCallbackStore({ pool });
  await Promise.all([vault.ensureSchema(), store.ensureSchema()]);
  setInterval(() => void vault.purge(), 24 * 60 * 60 * 1000).unref();
  return shopHandlers(createFlittClient({ merchantId: 1549901, secretKey: 'test' }), vault);
}
`,
  'src/savedCardRound.ts': `
// One saved-card round, run by the test from the installed packages: Flitt is the sandbox in this
// process, and its callbacks go straight to the shop's callback handler.
import { createSandbox } from '@flitt-checkout/sandbox';
import {
  createFlittClient,
  createMemoryCardVault,
  type FlittHandlers,
  type SavedCardPaymentResponse,
  type SavedCardsResponse,
} from '@flitt-checkout/server';
import { shopHandlers, verifiedCardChecks } from './server.js';

export async function savedCardRound() {
  const sandbox = createSandbox({
    baseUrl: 'https://pay.flitt.com',
    callbackTimeScale: 0.0001,
    fetch: async (input, init) => shop.callback(new Request(input, init)),
  });
  const client = createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    fetch: async (input, init) => sandbox.handle(new Request(input, init)),
  });
  const shop: FlittHandlers = shopHandlers(client, createMemoryCardVault());
  const cards = (customer: string | null, body?: object) =>
    shop.cards(
      new Request('https://shop.example/api/flitt/cards', {
        method: body ? 'POST' : 'GET',
        headers: {
          ...(customer ? { cookie: 'session=' + customer } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : null,
      }),
    );
  try {
    const before = await cards('nino');
    const nobody = await cards(null);
    const added = await cards('nino', { action: 'add', flow: 'embedded' });
    const { orderId, token } = (await added.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    const listed = (await (await cards('nino')).json()) as SavedCardsResponse;
    const [card] = listed.cards;
    const payment = await cards('nino', {
      action: 'pay',
      cardId: card?.id ?? '',
      order: { items: [{ sku: 'tea', qty: 2 }] },
    });
    await sandbox.control.callbacksIdle();
    const paidWith = (await payment.json()) as SavedCardPaymentResponse;
    return {
      before: { status: before.status, body: await before.json() },
      nobody: { status: nobody.status, body: await nobody.json() },
      added: added.status,
      verified: verifiedCardChecks.includes(orderId),
      cards: listed.cards.map((c) => c.last4),
      payment: { status: payment.status, order: paidWith.status, amount: paidWith.amount },
      othersCards: ((await (await cards('levan')).json()) as SavedCardsResponse).cards.length,
    };
  } finally {
    sandbox.close();
  }
}
`,
  'src/sandbox.ts': `
import { createFlittClient } from '@flitt-checkout/server';
import { createSandbox, TEST_CARDS } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { setupServer } from 'msw/node';

export const mocked = setupServer(...sandboxHandlers(createSandbox({ baseUrl: 'https://pay.flitt.com' })));

export async function payOnce(): Promise<string> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: sandbox.url });
    const { checkoutUrl } = await client.createCheckoutUrl({
      order_id: \`o-\${Date.now()}\`,
      order_desc: 'Tea',
      amount: 700,
      currency: 'GEL',
    });
    return \`\${checkoutUrl} (\${TEST_CARDS.length} test cards)\`;
  } finally {
    await sandbox.stop();
  }
}
`,
});

function tsconfig(resolution: { module: string; moduleResolution: string }): string {
  return JSON.stringify({
    compilerOptions: {
      ...resolution,
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
    },
    include: ['src'],
  });
}

let dir: string;
let consumer: string;

beforeAll(async () => {
  const stale = staleDists();
  if (stale.length > 0) {
    console.log(`[packedConsumer] dist of ${stale.join(', ')} missing or older than src: building`);
    const filters = stale.flatMap((name) => ['--filter', `@flitt-checkout/${name}`]);
    await run('npx', [...PNPM, ...filters, 'build'], { cwd: root });
  }
  dir = mkdtempSync(join(tmpdir(), 'flitt-consumer-'));
  consumer = join(dir, 'shop');
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  await Promise.all(
    PACKAGES.map((name) =>
      run('npx', [...PNPM, 'pack', '--pack-destination', join(tarballs, name)], {
        cwd: join(root, 'packages', name),
      }),
    ),
  );
  for (const name of PACKAGES) {
    const [tarball] = readdirSync(join(tarballs, name)).filter((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    const target = join(consumer, 'node_modules', '@flitt-checkout', name);
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', join(tarballs, name, tarball), '-C', target, '--strip-components=1']);
  }
  for (const name of LINKED) {
    const link = join(consumer, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  for (const [file, text] of Object.entries(consumerFiles())) {
    mkdirSync(dirname(join(consumer, file)), { recursive: true });
    writeFileSync(join(consumer, file), text);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Compiled {
  /** tsc's diagnostics, '' when there are none. */
  readonly errors: string;
  /** Every file in the program (tsc --listFiles). */
  readonly files: readonly string[];
}

const compiled = new Map<string, Promise<Compiled>>();

/** Both projects compile at once (one per core); each test awaits its own. */
function compileAll(): Map<string, Promise<Compiled>> {
  for (const project of ['tsconfig.bundler.json', 'tsconfig.node16.json'])
    if (!compiled.has(project)) compiled.set(project, compile(project));
  return compiled;
}

async function compile(project: string): Promise<Compiled> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', project, '--pretty', 'false', '--listFiles'];
  let output: string;
  try {
    output = (await run(process.execPath, args, { cwd: consumer, maxBuffer: 1 << 26 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    output = `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
  // --listFiles prints absolute paths; diagnostics are printed relative to the project.
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  return {
    errors: lines.filter((line) => !line.startsWith('/')).join('\n'),
    files: lines.filter((line) => line.startsWith('/')),
  };
}

describe('an app installing the packed packages', () => {
  it('gets the published manifests, with workspace ranges replaced', () => {
    for (const name of PACKAGES) {
      const installed = JSON.parse(
        readFileSync(
          join(consumer, 'node_modules', '@flitt-checkout', name, 'package.json'),
          'utf8',
        ),
      );
      expect(JSON.stringify(installed.dependencies ?? {})).not.toContain('workspace:');
    }
  });

  it('gets a README (install, a few lines of use, the guide) and the licence in every tarball', () => {
    for (const name of PACKAGES) {
      const installed = join(consumer, 'node_modules', '@flitt-checkout', name);
      const readme = readFileSync(join(installed, 'README.md'), 'utf8');
      expect(readme).toContain(`# @flitt-checkout/${name}`);
      expect(readme).toMatch(/npm install (--save-dev )?@flitt-checkout\//);
      expect(readme).toContain('github.com/flitt-checkout/flitt-checkout');
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    }
  });

  it('gets "use client" at the top of every React module and in no declaration file', () => {
    const dist = join(consumer, 'node_modules', '@flitt-checkout', 'react', 'dist');
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)],
      );
    const all = files(dist);
    const js = all.filter((f) => f.endsWith('.js'));
    const dts = all.filter((f) => f.endsWith('.d.ts'));
    expect(js.length).toBeGreaterThan(0);
    expect(dts.length).toBeGreaterThan(0);
    const directive = /^\s*['"]use client['"]/;
    expect(js.filter((f) => !directive.test(readFileSync(f, 'utf8')))).toEqual([]);
    expect(dts.filter((f) => directive.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.each([
    ['bundler', 'tsconfig.bundler.json'],
    ['node16', 'tsconfig.node16.json'],
  ])(
    'compiles with 0 errors under %s resolution (strict, skipLibCheck: false)',
    async (_, project) => {
      const result = await compileAll().get(project);
      expect(result?.errors).toBe('');
      // The types came from the tarballs, not from the workspace's sources or dist.
      const ours = result?.files.filter((f) => f.includes('/@flitt-checkout/')) ?? [];
      for (const name of PACKAGES)
        expect(ours).toContainEqual(
          expect.stringContaining(`${consumer}/node_modules/@flitt-checkout/${name}/dist/`),
        );
      expect(result?.files.filter((f) => f.startsWith(join(root, 'packages')))).toEqual([]);
    },
    // Two full tsc runs over React's and Node's types: 30 s alone, over a minute on a busy 2-core run.
    180_000,
  );

  it('bundles its browser page from the installed packages with esbuild', async () => {
    const result = await esbuild.build({
      entryPoints: [join(consumer, 'src/Checkout.tsx')],
      absWorkingDir: consumer,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['*.css'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      outdir: join(consumer, 'esbuild-out'),
    });
    const inputs = Object.keys(result.metafile.inputs);
    for (const name of ['core', 'react'])
      expect(inputs).toContainEqual(
        expect.stringContaining(`node_modules/@flitt-checkout/${name}/dist/`),
      );
    expect(inputs.filter((f) => f.includes('packages/'))).toEqual([]);
  }, 60_000);

  it('bundles its browser page from the installed packages with Vite', async () => {
    const output = await viteBuild({
      configFile: false,
      root: consumer,
      logLevel: 'silent',
      mode: 'production',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        write: false,
        sourcemap: true,
        rolldownOptions: { input: join(consumer, 'src/Checkout.tsx') },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) =>
      'output' in o ? o.output.filter((c): c is Rolldown.OutputChunk => c.type === 'chunk') : [],
    );
    const sources = chunks.flatMap((c) => c.map?.sources ?? []);
    for (const name of ['core', 'react'])
      expect(sources).toContainEqual(
        expect.stringContaining(`node_modules/@flitt-checkout/${name}/dist/`),
      );
    expect(sources.filter((f) => f.includes('packages/'))).toEqual([]);
  }, 60_000);

  it('runs the server package’s flitt-checkout bin from the tarball (its build, not tsx)', async () => {
    const server = join(consumer, 'node_modules', '@flitt-checkout', 'server');
    const { bin } = JSON.parse(readFileSync(join(server, 'package.json'), 'utf8'));
    expect(bin).toEqual({ 'flitt-checkout': './bin/flitt-checkout.js' });
    for (const file of [bin['flitt-checkout'], 'dist/doctor/cli.js'])
      expect(readFileSync(join(server, file), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const cli = join(server, bin['flitt-checkout']);
    const help = await run(process.execPath, [cli, '--help'], { cwd: consumer });
    expect(help.stdout).toContain('flitt-checkout doctor [flags]');
    // A doctor run to the end: port 1 is one fetch refuses, so the credentials check fails.
    const doctor = await run(
      process.execPath,
      [
        cli,
        'doctor',
        '--base-url',
        'http://127.0.0.1:1',
        '--return-url',
        'http://127.0.0.1:1/r',
        '--json',
      ],
      {
        cwd: consumer,
        env: { ...process.env, FLITT_MERCHANT_ID: '1549901', FLITT_SECRET_KEY: 'test' },
      },
    ).catch((error: { code: number; stdout: string }) => error);
    expect('code' in doctor ? doctor.code : 0).toBe(2);
    expect(JSON.parse(doctor.stdout).findings[0]).toMatchObject({ id: 'credentials.unreachable' });
  }, 60_000);

  it('runs a saved-card round on its installed server against the installed sandbox', async () => {
    // The shop's own server code, bundled without its packages: Node loads those from the tarballs.
    const out = join(consumer, 'run', 'savedCardRound.mjs');
    await esbuild.build({
      stdin: {
        contents: [
          "import { savedCardRound } from './src/savedCardRound.ts';",
          "const from = ['@flitt-checkout/server', '@flitt-checkout/sandbox'].map((s) => import.meta.resolve(s));",
          'console.log(JSON.stringify({ ...(await savedCardRound()), from }));',
        ].join('\n'),
        resolveDir: consumer,
        sourcefile: 'run.ts',
        loader: 'ts',
      },
      absWorkingDir: consumer,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: out,
      logLevel: 'silent',
    });
    const { stdout } = await run(process.execPath, [out], { cwd: consumer });
    const round = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(round).toEqual({
      before: { status: 200, body: { cards: [] } },
      nobody: {
        status: 401,
        body: { error: expect.objectContaining({ code: 'sign_in_required' }) },
      },
      added: 200,
      verified: true,
      cards: ['6666'],
      payment: { status: 200, order: 'approved', amount: 1400 },
      othersCards: 0,
      from: [
        expect.stringContaining(
          `${pathToFileURL(consumer).href}/node_modules/@flitt-checkout/server/dist/`,
        ),
        expect.stringContaining(
          `${pathToFileURL(consumer).href}/node_modules/@flitt-checkout/sandbox/dist/`,
        ),
      ],
    });
  }, 60_000);
});
