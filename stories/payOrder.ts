// What a payer does before reaching the shop's result page: checks out through the shop's endpoint
// and pays on Flitt's hosted page (the sandbox's, over msw), with 3-D Secure when the card asks.
import { API_BASE, CART, type StoryCart, type StoryMerchant } from './storyMerchant.ts';

/** Test cards of the sandbox (any future expiry, any CVV): the kit's order fixtures. */
export { CARDS } from '@flitt-checkout/test-kit/orders';

export interface PayOrderOptions {
  /** A sandbox test card; leave out to create the order and not pay it. */
  readonly card?: string;
  /** The payer's answer on the bank's 3-D Secure page; leave out to never answer. */
  readonly threeDSecure?: 'confirm' | 'fail';
  /** What is bought. Default `CART`. */
  readonly order?: StoryCart;
  /** Ask the shop to keep the card for its signed-in customer (it does once Flitt's callback arrives). */
  readonly saveCard?: boolean;
}

/**
 * Creates an order through the shop and pays it on the sandbox's hosted page; resolves the order id
 * the result page is opened with.
 *
 * @example
 * const orderId = await payOrder(merchant, { card: '4000001037000007' });
 */
export async function payOrder(
  merchant: StoryMerchant,
  options: PayOrderOptions = {},
): Promise<string> {
  const created = await fetch(`${API_BASE}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      flow: 'redirect',
      order: options.order ?? CART,
      ...(options.saveCard && { saveCard: true }),
    }),
  });
  const { orderId, checkoutUrl } = (await created.json()) as {
    orderId: string;
    checkoutUrl: string;
  };
  if (!options.card) return orderId;
  const token = new URL(checkoutUrl).searchParams.get('token') ?? '';
  // The hosted page's card form, posted as the payer's browser would.
  const paid = await fetch(`${merchant.sandbox.baseUrl}/sandbox/pay`, {
    method: 'POST',
    body: new URLSearchParams({
      token,
      card_number: options.card,
      expiry_date: '12/30',
      cvv2: '123',
    }),
  });
  const acs = new URL(paid.url);
  if (acs.pathname.startsWith('/sandbox/3ds/') && options.threeDSecure) {
    await fetch(acs, {
      method: 'POST',
      body: new URLSearchParams({ result: options.threeDSecure }),
    });
  }
  return orderId;
}
