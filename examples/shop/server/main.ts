// `npm start`: the demo shop against the local sandbox (or real Flitt when FLITT_MERCHANT_ID and
// FLITT_SECRET_KEY are set), the app served by Vite, one URL printed.
import { fileURLToPath } from 'node:url';
import { TEST_CARDS } from '@flitt-checkout/sandbox';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { createServer as createViteServer } from 'vite';
import { createShopServer, type ShopFlitt } from './shop.ts';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_534) {
  console.error(`\n  PORT must be a port number such as 3000 (got "${process.env.PORT}").\n`);
  process.exit(1);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const live = process.env.FLITT_MERCHANT_ID && process.env.FLITT_SECRET_KEY;
if (!live && (process.env.FLITT_MERCHANT_ID || process.env.FLITT_SECRET_KEY)) {
  // Half a configuration must not quietly become the sandbox: the merchant meant real payments.
  console.error(
    `\n  ${process.env.FLITT_MERCHANT_ID ? 'FLITT_MERCHANT_ID is set but FLITT_SECRET_KEY is not' : 'FLITT_SECRET_KEY is set but FLITT_MERCHANT_ID is not'}: set both to pay against Flitt, or neither for the sandbox.\n`,
  );
  process.exit(1);
}

let flitt: ShopFlitt;
let stopSandbox: (() => Promise<void>) | undefined;
if (live) {
  flitt = {
    mode: 'live',
    merchantId: String(process.env.FLITT_MERCHANT_ID),
    secretKey: String(process.env.FLITT_SECRET_KEY),
  };
  if (!process.env.PUBLIC_URL) {
    console.warn(
      '[shop] PUBLIC_URL is not set: Flitt cannot reach callbacks on this machine; the result page asks Flitt for the status instead.',
    );
  }
} else {
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8610);
  const sandbox = await startSandbox({
    port: sandboxPort,
    log: (line) => console.log(`[sandbox] ${line}`),
  }).catch(() => startSandbox({ port: 0, log: (line) => console.log(`[sandbox] ${line}`) }));
  stopSandbox = () => sandbox.stop();
  flitt = {
    mode: 'sandbox',
    baseUrl: sandbox.url,
    testCards: TEST_CARDS.filter((c) =>
      [
        '4444555511116666',
        '4444555566661111',
        '4444111155556666',
        '4000001037000007',
        '4000001099000002',
      ].includes(c.number),
    ).map((c) => ({
      number: c.number,
      result: c.result,
      ...(c.declineCode ? { declineCode: c.declineCode } : {}),
      threeDs: c.threeDs !== 'none',
      ...(c.laterCharges ? { laterDeclineCode: c.laterCharges.declineCode } : {}),
    })),
  };
}

const vite = await createViteServer({
  root,
  configFile: `${root}/vite.config.ts`,
  // Hot reload on this machine only, like the shop itself.
  server: {
    middlewareMode: true,
    hmr: process.env.CI ? false : { port: port + 1, host: '127.0.0.1' },
  },
  appType: 'spa',
  logLevel: 'warn',
});

// The admin page's password: SHOP_ADMIN_PASSWORD, or "admin" on the sandbox (never for real money).
const adminPassword =
  process.env.SHOP_ADMIN_PASSWORD ?? (flitt.mode === 'sandbox' ? 'admin' : undefined);

const shop = await createShopServer({
  port,
  flitt,
  ...(adminPassword ? { adminPassword } : {}),
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
  app: (req, res, next) => vite.middlewares(req, res, next),
}).catch(async (error: NodeJS.ErrnoException) => {
  await vite.close();
  await stopSandbox?.();
  if (error.code === 'EADDRINUSE') {
    console.error(
      `\n  Port ${port} is in use. Start the shop on another one: PORT=3001 npm start\n`,
    );
    process.exit(1);
  }
  throw error;
});

console.log(`\n  Demo shop: ${shop.url}\n`);
console.log(
  flitt.mode === 'sandbox'
    ? `  Paying against the local Flitt sandbox (${flitt.baseUrl}). Test cards: 4444555511116666 (approved), 4444555566661111 (3-D Secure), 4444111155556666 (declined); any future expiry, any CVV.\n  Admin: ${shop.url}/admin (password: ${process.env.SHOP_ADMIN_PASSWORD ? 'SHOP_ADMIN_PASSWORD' : 'admin'}).\n`
    : '  Paying against real Flitt (pay.flitt.com).\n',
);

const stop = async () => {
  await shop.close();
  await vite.close();
  await stopSandbox?.();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
