// Type-level tests, checked by `tsc -b` (part of npm test): the public unions and the props that
// exclude each other.
import type { CheckoutState } from '@flitt-checkout/core';
import { expectTypeOf } from 'vitest';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import type { FlittCheckoutState } from './useFlittCheckout.ts';
import type { FlittReturnState } from './useFlittReturn.ts';

declare const state: FlittCheckoutState;
if (state.status === 'declined') {
  expectTypeOf(state.code).toEqualTypeOf<number>();
  expectTypeOf(state.message).toEqualTypeOf<string>();
  expectTypeOf(state.token).toEqualTypeOf<string | undefined>();
}
if (state.status === 'redirecting') expectTypeOf(state.checkoutUrl).toEqualTypeOf<string>();
if (state.status === 'ready') expectTypeOf(state.token).toEqualTypeOf<string>();
// @ts-expect-error idle has no orderId
if (state.status === 'idle') void state.orderId;

expectTypeOf<CheckoutState['status']>().toEqualTypeOf<
  | 'idle'
  | 'creating'
  | 'redirecting'
  | 'ready'
  | 'processing'
  | 'approved'
  | 'declined'
  | 'failed'
  | 'expired'
>();

declare const result: FlittReturnState;
if (result.status === 'failed') expectTypeOf(result.error).toBeUnknown();
if (result.status === 'approved') expectTypeOf(result.code).toEqualTypeOf<number | null>();

export const ok = [
  <FlittCheckoutButton key="a" order={{ cartId: 1 }}>
    Pay
  </FlittCheckoutButton>,
  <FlittCheckoutButton key="b" order={{ cartId: 1 }} asChild>
    <a href="#pay">Pay</a>
  </FlittCheckoutButton>,
  <FlittCheckoutButton key="c" order={{ cartId: 1 }} render={(c) => c.state.status} />,
];

export const rejected = [
  // @ts-expect-error a render prop excludes children
  <FlittCheckoutButton key="d" order={1} render={() => null}>
    Pay
  </FlittCheckoutButton>,
  // @ts-expect-error asChild needs exactly one element child
  <FlittCheckoutButton key="e" order={1} asChild />,
  // @ts-expect-error order is required
  <FlittCheckoutButton key="f">Pay</FlittCheckoutButton>,
  // @ts-expect-error prefetch is 'intent' or 'none'
  <FlittCheckoutButton key="g" order={1} prefetch="hover" />,
];
