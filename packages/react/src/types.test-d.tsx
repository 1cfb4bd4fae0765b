// Type-level tests, checked by `tsc -b` (part of npm test): the public unions and the props that
// exclude each other.
import type { CheckoutState } from '@flitt-checkout/core';
import { expectTypeOf } from 'vitest';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittSaveCardCheckbox } from './FlittSaveCardCheckbox.tsx';
import { FlittSavedCards } from './FlittSavedCards.tsx';
import { en, enSavedCards } from './locales/en.ts';
import type { LocaleText } from './locales/types.ts';
import type { FlittCheckoutState } from './useFlittCheckout.ts';
import type { FlittReturnState } from './useFlittReturn.ts';
import type {
  FlittSavedCardPayment,
  FlittSavedCardRemoval,
  FlittSavedCardsList,
} from './useFlittSavedCards.ts';

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

declare const cards: FlittSavedCardsList;
if (cards.status === 'ready')
  expectTypeOf(cards.cards[0]?.last4).toEqualTypeOf<string | undefined>();
// @ts-expect-error a list still loading has no cards
if (cards.status === 'loading') void cards.cards;
declare const payment: FlittSavedCardPayment;
if (payment.status === 'declined') expectTypeOf(payment.answer.payerMessage).toBeString();
// @ts-expect-error an unusable card has no payment answer
if (payment.status === 'unusable') void payment.answer;
expectTypeOf<FlittSavedCardPayment['status']>().toEqualTypeOf<
  'idle' | 'paying' | 'approved' | 'declined' | 'processing' | 'unusable' | 'signed_out' | 'failed'
>();
expectTypeOf<FlittSavedCardRemoval['status']>().toEqualTypeOf<
  'idle' | 'removing' | 'removed' | 'failed'
>();

export const savedCards = [
  <FlittSavedCards key="h" order={{ cartId: 1 }} texts={enSavedCards} />,
  <FlittSaveCardCheckbox key="i" checked onChange={() => {}} texts={enSavedCards} />,
  <FlittCheckoutButton key="j" order={{ cartId: 1 }} saveCard />,
  // @ts-expect-error the saved cards need their own texts, not the checkout's
  <FlittSavedCards key="k" order={{ cartId: 1 }} texts={en} />,
  // @ts-expect-error the checkbox is controlled: checked is required
  <FlittSaveCardCheckbox key="l" onChange={() => {}} texts={enSavedCards} />,
  // @ts-expect-error saveCard is a boolean
  <FlittCheckoutButton key="m" order={1} saveCard="yes" />,
];

// The locale type stays open: a shop's own language, or a built-in one with a label changed.
const german: LocaleText = { code: 'de', ui: { ...en.ui, pay: 'Bezahlen' } };
expectTypeOf(german.code).toExtend<string>();
expectTypeOf<'hy'>().toExtend<LocaleText['code']>();
