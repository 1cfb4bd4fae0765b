// What `npm start` runs until the demo shop lands: one order through the protocol layer, as a
// merchant's server and Flitt would each see it. Uses the public test merchant; sends nothing.

import { describeResponseCode, LOCALES } from '@flitt-checkout/core';
import { payerMessage } from '@flitt-checkout/core/messages';
import {
  createSignature,
  maskedSigningString,
  parseFlittResponse,
  validateOrder,
  verifySignature,
} from '@flitt-checkout/server';

const TEST_MERCHANT = 1549901;
const TEST_KEY = 'test'; // Flitt's public test key; a real key comes from the environment.

const line = (title: string) =>
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);

line('1. The server decides the order and validates it');
const order = {
  order_id: `demo-${Date.now()}`,
  merchant_id: TEST_MERCHANT,
  order_desc: 'Churchkhela ×2, Tea',
  amount: 2350,
  currency: 'GEL',
  lang: 'ka',
  response_url: 'https://shop.example/flitt/return',
  server_callback_url: 'https://shop.example/flitt/callback',
} as const;
const checked = validateOrder(order);
console.log(checked.ok ? 'valid' : checked.error.message);

line('2. It signs the request for /api/checkout/url');
const signature = await createSignature(order, TEST_KEY);
console.log(JSON.stringify({ request: { ...order, signature } }, null, 2));
console.log('signed string (key masked):', maskedSigningString(order));

line('3. A bad order never leaves the server');
const bad = validateOrder({ ...order, amount: 23.5, currency: 'gel', order_desc: 'Tea | cake' });
console.log(bad.ok ? 'unexpectedly valid' : bad.error.message);

line('4. Flitt calls back; the server verifies before it believes');
const callback = {
  order_id: order.order_id,
  merchant_id: TEST_MERCHANT,
  amount: String(order.amount),
  currency: 'GEL',
  order_status: 'declined',
  response_status: 'success',
  response_code: 1037,
  response_description: 'Insufficient funds',
  masked_card: '444411XXXXXX5555',
};
const signedCallback = { ...callback, signature: await createSignature(callback, TEST_KEY) };
console.log('genuine callback verifies:', await verifySignature(signedCallback, TEST_KEY));
const forged = { ...signedCallback, order_status: 'approved' };
console.log(
  'same callback with order_status changed to approved verifies:',
  await verifySignature(forged, TEST_KEY),
);

line('5. What the payer is told');
const result = parseFlittResponse(signedCallback);
if (result.status === 'declined' && result.responseCode !== undefined) {
  const info = describeResponseCode(result.responseCode);
  console.log(`code ${info.code}, category "${info.category}"`);
  for (const locale of LOCALES)
    console.log(`  ${locale}: ${payerMessage(result.responseCode, locale)}`);
}
console.log(
  '\nNext: the sandbox, the server client and handlers, and the React components (see README).',
);
