// Development-only checks of the props JavaScript callers (and `any`) can get wrong. Call sites
// guard with `process.env.NODE_ENV !== 'production'`, which bundlers replace with a constant, so
// production builds drop the calls and, with them, this module.
import { FlittConfigError } from '@flitt-checkout/core/checkout';

/** [prop, accepts the value, what to pass instead]. */
export type PropRule = readonly [string, (value: unknown) => boolean, string];

const given = (test: (value: unknown) => boolean) => (value: unknown) =>
  value === undefined || test(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFunction = (value: unknown) => typeof value === 'function';
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isDuration = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;
const oneOf =
  (...values: unknown[]) =>
  (value: unknown) =>
    values.includes(value);

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
};

export const PROVIDER_PROPS: readonly PropRule[] = [
  [
    'apiBase',
    given((v) => typeof v === 'string'),
    'the path or URL of your handlers, e.g. "/api/flitt"',
  ],
  [
    'api',
    given((v) => isRecord(v) && isFunction(v.createCheckout) && isFunction(v.getStatus)),
    'an object { createCheckout(request, signal), getStatus(orderId, signal) }, e.g. createMerchantApi()',
  ],
  [
    'locale',
    (v) => isRecord(v) && typeof v.code === 'string' && isRecord(v.ui),
    'the texts of the payer’s language, e.g. ka from "@flitt-checkout/react/locales/ka"',
  ],
  [
    'queryClient',
    given((v) => isRecord(v) && isFunction(v.getQueryCache)),
    'a QueryClient from @tanstack/react-query',
  ],
  ['sandboxOrigin', given(isText), 'the sandbox origin, e.g. "http://127.0.0.1:8610"'],
  ['checkoutScriptUrl', given(isText), 'the URL of checkout.js'],
  ['nonce', given((v) => typeof v === 'string'), 'the CSP nonce string'],
  ['theme', given(oneOf('light', 'dark')), '"light" or "dark"'],
  ['credentials', given(oneOf('omit', 'same-origin', 'include')), '"same-origin" or "include"'],
  ['timeoutMs', given(isDuration), 'milliseconds above 0, e.g. 20000'],
  ['navigate', given(isFunction), 'a function (url) => void'],
];

const CALLBACKS: readonly PropRule[] = ['onApproved', 'onDeclined', 'onError'].map(
  (name) => [name, given(isFunction), 'a function'] as const,
);
const ORDER: PropRule = [
  'order',
  (v) => v !== undefined && !isFunction(v),
  'your order reference for your server, e.g. { cartId } (the server decides the amount)',
];

const SAVE_CARD: PropRule = [
  'saveCard',
  given((v) => typeof v === 'boolean'),
  'true to keep the card for the signed-in payer (FlittSaveCardCheckbox’s checked), or leave it out',
];

export const BUTTON_PROPS: readonly PropRule[] = [
  ORDER,
  SAVE_CARD,
  ['prefetch', given(oneOf('intent', 'none')), '"intent" or "none"'],
  ['render', given(isFunction), 'a function (checkout) => ReactNode'],
  ...CALLBACKS,
];

export const EMBEDDED_PROPS: readonly PropRule[] = [
  ORDER,
  SAVE_CARD,
  ['options', given(isRecord), 'an object of checkout.js options, e.g. { methods: ["card"] }'],
  [
    'options',
    given((v) => {
      const plan = (v as Record<string, unknown>).subscription;
      return plan === undefined || (isRecord(plan) && oneOf('shown_readonly', 'hidden')(plan.type));
    }),
    'options.subscription as { type: "shown_readonly" } or { type: "hidden" }: the plan is your server’s recurring_data, and Flitt’s editable types would let the payer change it',
  ],
  ['cssVariables', given(isRecord), 'an object such as { main: "#1d4ed8" }'],
  ...CALLBACKS,
];

export const RESULT_PROPS: readonly PropRule[] = [
  ['orderId', given((v) => v === null || typeof v === 'string'), 'the order id, or leave it out'],
  ['pollIntervalMs', given(isDuration), 'milliseconds above 0, e.g. 1000'],
  ['maxWaitMs', given(isDuration), 'milliseconds above 0, e.g. 120000'],
  ['shopHref', given(isText), 'the URL of your shop, e.g. "/"'],
  ['headingLevel', given(oneOf(1, 2)), '1 or 2'],
  [
    'texts',
    (v) => isRecord(v) && typeof v.approvedTitle === 'string',
    'the result page’s texts in the payer’s language, e.g. kaResult from "@flitt-checkout/react/locales/ka"',
  ],
];

export const SAVED_CARDS_PROPS: readonly PropRule[] = [
  [
    'order',
    given((v) => !isFunction(v)),
    'your order reference for your server, e.g. { cartId }, or leave it out to only manage the cards',
  ],
  [
    'texts',
    (v) => isRecord(v) && isFunction(v.pay) && typeof v.title === 'string',
    'the saved cards’ texts in the payer’s language, e.g. kaSavedCards from "@flitt-checkout/react/locales/ka"',
  ],
  ...CALLBACKS.slice(0, 2),
  ['onUseNewCard', given(isFunction), 'a function () => void that shows your usual checkout'],
  ['onAddCard', given(isFunction), 'a function () => void that shows FlittAddCard'],
  [
    'customer',
    given((v) => typeof v === 'string'),
    'the signed-in user’s id as your app knows it, or leave it out',
  ],
  [
    'api',
    given((v) => isRecord(v) && ['list', 'pay', 'remove'].every((m) => isFunction(v[m]))),
    'an object { list, pay, remove }, e.g. cardsEndpoints({ apiBase }), or leave it out',
  ],
  ['headingLevel', given(oneOf(2, 3)), '2 or 3'],
];

export const ADD_CARD_PROPS: readonly PropRule[] = [
  ['flow', given(oneOf('redirect', 'embedded')), '"embedded" (the default) or "redirect"'],
  [
    'texts',
    (v) => isRecord(v) && isText(v.checkCard) && isText(v.cardCheckNote),
    'the saved cards’ texts in the payer’s language, e.g. kaSavedCards from "@flitt-checkout/react/locales/ka"',
  ],
  ['options', given(isRecord), 'an object of checkout.js options, e.g. { methods: ["card"] }'],
  ['cssVariables', given(isRecord), 'an object such as { main: "#1d4ed8" }'],
  [
    'api',
    given((v) => isRecord(v) && isFunction(v.add)),
    'an object with add(flow, signal), e.g. cardsEndpoints({ apiBase }), or leave it out',
  ],
  ...CALLBACKS,
];

export const WALLET_PROPS: readonly PropRule[] = [
  ORDER,
  [
    'methods',
    given(
      (v) => Array.isArray(v) && v.length > 0 && v.every((m) => m === 'apple' || m === 'google'),
    ),
    '["apple", "google"], ["apple"] or ["google"]',
  ],
  ['style', given(isRecord), 'an object such as { color: "black", height: 44 }'],
  ['onCancel', given(isFunction), 'a function () => void'],
  ['scriptUrl', given(isText), 'the URL of Flitt’s js-sdk, or leave it out'],
  ['integrity', given(isText), 'the script’s Subresource Integrity hash, e.g. "sha384-…"'],
  ['waitMs', given(isDuration), 'milliseconds above 0, e.g. 4000'],
  ...CALLBACKS,
];

export const SAVE_CARD_CHECKBOX_PROPS: readonly PropRule[] = [
  ['checked', (v) => typeof v === 'boolean', 'true or false: the payer’s choice, kept by you'],
  ['onChange', isFunction, 'a function (checked: boolean) => void'],
  [
    'texts',
    (v) => isRecord(v) && isText(v.saveCard),
    'the saved cards’ texts in the payer’s language, e.g. kaSavedCards from "@flitt-checkout/react/locales/ka"',
  ],
];

/** Throws a `FlittConfigError` (code `invalid_prop`) naming the first wrong prop and what to pass. */
export function checkProps(component: string, props: object, rules: readonly PropRule[]): void {
  for (const [name, accepts, expected] of rules) {
    const value = (props as Record<string, unknown>)[name];
    if (!accepts(value))
      throw new FlittConfigError(
        'invalid_prop',
        `[flitt-checkout] <${component}> ${name}: got ${show(value)}; pass ${expected}.`,
      );
  }
}
