// What each package's entry exports, pinned: adding or dropping a public name is a decision, made
// here on purpose. Type exports are named once each, so a type that disappears fails the build.

import type {
  CheckoutErrorCode,
  CheckoutFlow,
  CheckoutSession,
  CheckoutState,
  CreateCheckoutRequest,
  CreateCheckoutResponse,
  EmbeddedCheckoutOptions,
  FlittCheckout,
  FlittCheckoutButtonProps,
  FlittCheckoutState,
  FlittContextValue,
  FlittEmbeddedCheckoutProps,
  FlittPaymentResultProps,
  FlittPlanSummaryProps,
  FlittReturnState,
  FlittSaveCardCheckboxProps,
  FlittSavedCardPayment,
  FlittSavedCardsProps,
  FlittSavedCardsState,
  FlittSubscriptionManagerProps,
  FlittSubscriptionState,
  LocaleText,
  MerchantApi,
  MerchantApiOptions,
  OrderStatusResponse,
  PlanPeriod,
  RecurringData,
  ResultText,
  SavedCardPaymentResponse,
  SavedCardsApi,
  SavedCardsText,
  SavedCardView,
  SubscriptionActionRequest,
  SubscriptionActionResponse,
  SubscriptionText,
  UiText,
  UseFlittCheckoutOptions,
  UseFlittReturnOptions,
} from '@flitt-checkout/react';
import * as react from '@flitt-checkout/react';
import type {
  CallbackAttempt,
  SandboxControl,
  SandboxMerchant,
  SandboxOptions,
  SandboxOrderSummary,
  TestCard,
} from '@flitt-checkout/sandbox';
import * as sandbox from '@flitt-checkout/sandbox';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('the public surface', () => {
  it('@flitt-checkout/react exports the components, the hooks and the transport, nothing internal', () => {
    expect(Object.keys(react).sort()).toEqual([
      'FlittAddCard',
      'FlittCheckoutButton',
      'FlittEmbeddedCheckout',
      'FlittPaymentResult',
      'FlittPlanSummary',
      'FlittProvider',
      'FlittSaveCardCheckbox',
      'FlittSavedCards',
      'FlittSubscriptionManager',
      'FlittWalletButtons',
      'MerchantApiError',
      'cardsEndpoints',
      'createMerchantApi',
      'useFlittCheckout',
      'useFlittContext',
      'useFlittReturn',
      'useFlittSavedCards',
      'useFlittSubscription',
    ]);
    // The transport a custom `api` wraps is core's own, re-exported for apps that depend on react only.
    expect(react.createMerchantApi({}).createCheckout).toBeTypeOf('function');
    expect(new react.MerchantApiError('timeout', 'x')).toBeInstanceOf(Error);
    for (const hook of [react.useFlittCheckout, react.useFlittReturn, react.useFlittContext])
      expect(hook).toBeTypeOf('function');
  });

  it('@flitt-checkout/react types fit together as a merchant uses them', () => {
    expectTypeOf<FlittCheckoutState>().toMatchTypeOf<CheckoutState & { message: string }>();
    expectTypeOf<FlittCheckout['session']>().toEqualTypeOf<Omit<CheckoutSession, 'setOptions'>>();
    expectTypeOf<FlittCheckoutButtonProps['onError']>().toEqualTypeOf<
      UseFlittCheckoutOptions['onError']
    >();
    expectTypeOf<FlittEmbeddedCheckoutProps['options']>().toEqualTypeOf<
      EmbeddedCheckoutOptions | undefined
    >();
    expectTypeOf<FlittPaymentResultProps>().toMatchTypeOf<UseFlittReturnOptions>();
    expectTypeOf<FlittPaymentResultProps['texts']>().toEqualTypeOf<ResultText>();
    expectTypeOf<FlittReturnState['status']>().toMatchTypeOf<string>();
    expectTypeOf<LocaleText['ui']>().toEqualTypeOf<UiText>();
    expectTypeOf<FlittContextValue['api']>().toEqualTypeOf<MerchantApi | undefined>();
    expectTypeOf<MerchantApi['createCheckout']>().parameters.toMatchTypeOf<
      [CreateCheckoutRequest, AbortSignal]
    >();
    expectTypeOf<ReturnType<MerchantApi['getStatus']>>().toEqualTypeOf<
      Promise<OrderStatusResponse>
    >();
    expectTypeOf<
      Awaited<ReturnType<MerchantApi['createCheckout']>>
    >().toEqualTypeOf<CreateCheckoutResponse>();
    expectTypeOf<MerchantApiOptions['locale']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CheckoutFlow>().toEqualTypeOf<'redirect' | 'embedded'>();
    // The subscription views speak core's contract and plan types.
    expectTypeOf<FlittPlanSummaryProps['plan']>().toEqualTypeOf<RecurringData>();
    expectTypeOf<FlittPlanSummaryProps['texts']>().toEqualTypeOf<SubscriptionText>();
    expectTypeOf<RecurringData['period']>().toEqualTypeOf<PlanPeriod>();
    expectTypeOf<FlittSubscriptionManagerProps['status']>().toEqualTypeOf<
      SubscriptionActionResponse['status']
    >();
    expectTypeOf<FlittSubscriptionState['subscription']>().toEqualTypeOf<
      SubscriptionActionResponse['status']
    >();
    expectTypeOf<NonNullable<MerchantApi['subscription']>>().parameters.toMatchTypeOf<
      [SubscriptionActionRequest, AbortSignal]
    >();
    // The saved cards speak core's contract; the checkbox's choice is the checkout's saveCard.
    expectTypeOf<FlittSavedCardsProps['texts']>().toEqualTypeOf<SavedCardsText>();
    expectTypeOf<FlittSavedCardsProps['api']>().toEqualTypeOf<SavedCardsApi | undefined>();
    expectTypeOf<FlittSavedCardsState['pay']>().parameters.toEqualTypeOf<[string, unknown]>();
    expectTypeOf<
      Extract<FlittSavedCardPayment, { answer: unknown }>['answer']
    >().toEqualTypeOf<SavedCardPaymentResponse>();
    expectTypeOf<ReturnType<SavedCardsApi['list']>>().toEqualTypeOf<
      Promise<{ readonly cards: readonly SavedCardView[] }>
    >();
    expectTypeOf<FlittSaveCardCheckboxProps['checked']>().toEqualTypeOf<
      NonNullable<FlittCheckoutButtonProps['saveCard']>
    >();
    expectTypeOf<CreateCheckoutRequest['saveCard']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<'network_error'>().toMatchTypeOf<CheckoutErrorCode>();
  });

  it('@flitt-checkout/sandbox exports the sandbox, its test data and its types', () => {
    expect(Object.keys(sandbox).sort()).toEqual([
      'CALLBACK_RETRY_SECONDS',
      'SandboxConnectionReset',
      'TEST_CARDS',
      'TEST_MERCHANT',
      'createSandbox',
    ]);
    // Flitt's documented callback schedule, copied by the sandbox.
    expect(sandbox.CALLBACK_RETRY_SECONDS[0]).toBeGreaterThan(0);
    const s = sandbox.createSandbox();
    expectTypeOf(s.control).toEqualTypeOf<SandboxControl>();
    expectTypeOf<Parameters<typeof sandbox.createSandbox>[0]>().toEqualTypeOf<
      SandboxOptions | undefined
    >();
    expectTypeOf<
      ReturnType<SandboxControl['orders']>[number]
    >().toEqualTypeOf<SandboxOrderSummary>();
    expectTypeOf<
      ReturnType<SandboxControl['callbacks']>[number]
    >().toEqualTypeOf<CallbackAttempt>();
    expectTypeOf<(typeof sandbox.TEST_CARDS)[number]>().toMatchTypeOf<TestCard>();
    expectTypeOf<typeof sandbox.TEST_MERCHANT>().toMatchTypeOf<SandboxMerchant>();
    s.close();
  });
});
