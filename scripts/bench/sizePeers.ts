// The peers measured beside us in `npm run bench` (never in `npm test`): PayPal's and Stripe's
// React packages, pinned, installed at bench time into node_modules/.cache (ignored by git, outside
// the workspace packages), and their consumer pages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Pinned: the newest releases when this was written. */
const PEER_PACKAGES = {
  '@paypal/react-paypal-js': '10.6.1',
  '@stripe/react-stripe-js': '7.0.1',
  '@stripe/stripe-js': '10.2.1',
} as const;

interface PeerPage {
  readonly name: string;
  readonly label: string;
  readonly code: string;
}

// A consumer page renders its tree like ours do: same mount, same wiring cost.
const mount = (imports: string, tree: string, extra = '') => `${imports}
import { createRoot } from 'react-dom/client';
${extra}
createRoot(document.getElementById('root') as HTMLElement).render(
${tree},
);
`;
const createOrder = `() => fetch('/api/order', { method: 'POST' }).then((r) => r.json())`;

export const PEER_PAGES: readonly PeerPage[] = [
  {
    name: 'paypal-v6-button',
    label:
      'PayPal, `@paypal/react-paypal-js/sdk-v6`: `PayPalProvider` + `PayPalOneTimePaymentButton`',
    code: mount(
      `import { PayPalOneTimePaymentButton, PayPalProvider } from '@paypal/react-paypal-js/sdk-v6';`,
      `  <PayPalProvider clientId="test" environment="sandbox" components={['paypal-payments']} pageType="checkout">
    <PayPalOneTimePaymentButton createOrder={${createOrder}} onApprove={() => {}} />
  </PayPalProvider>`,
    ),
  },
  {
    name: 'paypal-v5-buttons',
    label:
      'PayPal, `@paypal/react-paypal-js` (JS SDK v5): `PayPalScriptProvider` + `PayPalButtons`',
    code: mount(
      `import { PayPalButtons, PayPalScriptProvider } from '@paypal/react-paypal-js';`,
      `  <PayPalScriptProvider options={{ clientId: 'test', currency: 'USD' }}>
    <PayPalButtons createOrder={() => fetch('/api/order', { method: 'POST' }).then((r) => r.json()).then((o) => o.id)} />
  </PayPalScriptProvider>`,
    ),
  },
  {
    name: 'stripe-payment-element',
    label: 'Stripe, `@stripe/react-stripe-js` + `@stripe/stripe-js`: `Elements` + `PaymentElement`',
    code: mount(
      `import { Elements, PaymentElement } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js';`,
      `  <Elements stripe={stripe} options={{ mode: 'payment', amount: 700, currency: 'gel' }}>
    <PaymentElement />
  </Elements>`,
      `const stripe = loadStripe('pk_test_bench');`,
    ),
  },
  {
    name: 'stripe-embedded-checkout',
    label:
      'Stripe embedded checkout: `EmbeddedCheckoutProvider` + `EmbeddedCheckout` (+ `loadStripe`)',
    code: mount(
      `import { EmbeddedCheckout, EmbeddedCheckoutProvider } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js';`,
      `  <EmbeddedCheckoutProvider stripe={stripe} options={{ fetchClientSecret }}>
    <EmbeddedCheckout />
  </EmbeddedCheckoutProvider>`,
      `const stripe = loadStripe('pk_test_bench');
const fetchClientSecret = () =>
  fetch('/api/checkout', { method: 'POST' }).then((r) => r.json()).then((b) => b.clientSecret);`,
    ),
  },
];

function installedVersion(dir: string, name: string): string | undefined {
  const path = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/**
 * Installs the pinned peers into `node_modules/.cache/bench-peers` unless they are there already;
 * returns that directory and every installed package's version (their dependencies included).
 */
export function installPeers(root: string): { dir: string; versions: Record<string, string> } {
  const dir = join(root, 'node_modules', '.cache', 'bench-peers');
  const wanted = Object.entries(PEER_PACKAGES);
  if (wanted.some(([name, version]) => installedVersion(dir, name) !== version)) {
    mkdirSync(dir, { recursive: true });
    console.log(`[bench] installing peers into ${dir}`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        ...wanted.map(([name, version]) => `${name}@${version}`),
        '--no-save',
        '--ignore-scripts',
        // React stays the workspace's (external in every bundle): no second copy installed.
        '--legacy-peer-deps',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { cwd: root, stdio: 'ignore' },
    );
  }
  const versions: Record<string, string> = {};
  const lock = join(dir, 'node_modules', '.package-lock.json');
  const packages = existsSync(lock)
    ? (JSON.parse(readFileSync(lock, 'utf8')) as { packages: Record<string, { version?: string }> })
        .packages
    : {};
  for (const [path, info] of Object.entries(packages))
    if (info.version) versions[path.replace(/^.*node_modules\//, '')] = info.version;
  for (const [name] of wanted) versions[name] ??= installedVersion(dir, name) ?? 'missing';
  return { dir, versions };
}
