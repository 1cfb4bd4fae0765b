// Props a JavaScript caller (or a cast) can get wrong: each fails at render, in development, with a
// FlittConfigError naming the prop and what to pass, before anything is sent to the shop or Flitt.
import { FlittConfigError } from '@flitt-checkout/core';
import {
  FlittAddCard,
  FlittCheckoutButton,
  FlittEmbeddedCheckout,
  FlittPaymentResult,
  FlittProvider,
  FlittSaveCardCheckbox,
  FlittSavedCards,
} from '@flitt-checkout/react';
import { en, enSavedCards } from '@flitt-checkout/react/locales/en';
import { ka, kaResult } from '@flitt-checkout/react/locales/ka';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { sandbox, server } = setupFlittTestServer();
// biome-ignore lint/suspicious/noExplicitAny: these tests pass what TypeScript would refuse
type Loose = Record<string, any>;
const Provider = FlittProvider as (props: Loose) => ReactElement;
const Button = FlittCheckoutButton as (props: Loose) => ReactElement;
const Embedded = FlittEmbeddedCheckout as (props: Loose) => ReactElement;
const Result = FlittPaymentResult as (props: Loose) => ReactElement;
const SavedCards = FlittSavedCards as (props: Loose) => ReactElement;
const AddCard = FlittAddCard as (props: Loose) => ReactElement;
const SaveCard = FlittSaveCardCheckbox as (props: Loose) => ReactElement;
const order = { cartId: 1 };

let requests = 0;
const countRequests = () => {
  requests += 1;
};
beforeEach(() => {
  requests = 0;
  // React reports the render error on the console as well; the assertion is on the throw.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  server.events.on('request:start', countRequests);
});
afterEach(() => {
  server.events.removeListener('request:start', countRequests);
  vi.restoreAllMocks();
});

function expectRefused(element: ReactElement, prop: string, hint: RegExp) {
  let thrown: unknown;
  try {
    render(element);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FlittConfigError);
  const error = thrown as FlittConfigError;
  expect(error.code).toBe('invalid_prop');
  expect(error.message).toContain(` ${prop}: got `);
  expect(error.message).toMatch(hint);
  expect(sandbox.control.orders()).toHaveLength(0);
  expect(requests).toBe(0);
}

const inProvider = (child: ReactElement, provider: Loose = {}) => (
  <Provider apiBase={API_BASE} locale={en} {...provider}>
    {child}
  </Provider>
);

describe('FlittProvider props', () => {
  it.each<[string, unknown, RegExp]>([
    ['apiBase', 42, /path or URL/],
    ['timeoutMs', -1, /milliseconds above 0/],
    ['timeoutMs', Number.NaN, /milliseconds above 0/],
    ['timeoutMs', '20000', /milliseconds above 0/],
    ['theme', 'blue', /"light" or "dark"/],
    ['credentials', 'always', /"same-origin" or "include"/],
    ['locale', 'ka', /locales\/ka/],
    ['locale', { pay: 'Pay' }, /locales\/ka/],
    ['navigate', '/thanks', /a function \(url\)/],
    ['api', {}, /createCheckout\(request, signal\)/],
    ['api', { createCheckout: () => {} }, /getStatus\(orderId, signal\)/],
    ['queryClient', {}, /QueryClient/],
    ['sandboxOrigin', '', /sandbox origin/],
    ['checkoutScriptUrl', '', /checkout\.js/],
    ['nonce', 123, /nonce/],
  ])('%s = %o', (prop, value, hint) => {
    expectRefused(inProvider(<Button order={order} />, { [prop]: value }), prop, hint);
  });

  it('a sandboxOrigin that is not a URL is refused in production too', () => {
    expect(() =>
      render(inProvider(<Button order={order} />, { sandboxOrigin: 'localhost:8610' })),
    ).toThrow(/sandboxOrigin "localhost:8610" is not an http\(s\) URL/);
  });
});

describe('component props', () => {
  it.each<[string, ReactElement, string, RegExp]>([
    ['button without order', <Button key="1" />, 'order', /the server decides the amount/],
    ['button with a function as order', <Button key="2" order={() => 1} />, 'order', /cartId/],
    [
      'button prefetch typo',
      <Button key="3" order={order} prefetch="hover" />,
      'prefetch',
      /"intent"/,
    ],
    [
      'button render not a function',
      <Button key="4" order={order} render="x" />,
      'render',
      /function/,
    ],
    [
      'button onError not a function',
      <Button key="5" order={order} onError="log" />,
      'onError',
      /function/,
    ],
    ['embedded without order', <Embedded key="6" />, 'order', /cartId/],
    [
      'embedded options array',
      <Embedded key="7" order={order} options={['card']} />,
      'options',
      /methods/,
    ],
    [
      'embedded subscription editable by the payer',
      <Embedded key="7b" order={order} options={{ subscription: { type: 'shown_edit_on' } }} />,
      'options',
      /shown_readonly.*editable types would let the payer change it/,
    ],
    [
      'embedded subscription without a type',
      <Embedded key="7c" order={order} options={{ subscription: 'readonly' }} />,
      'options',
      /options\.subscription as \{ type: "shown_readonly" \}/,
    ],
    [
      'embedded cssVariables string',
      <Embedded key="8" order={order} cssVariables="red" />,
      'cssVariables',
      /main/,
    ],
    [
      'embedded onApproved object',
      <Embedded key="9" order={order} onApproved={{}} />,
      'onApproved',
      /function/,
    ],
    ['result orderId number', <Result key="10" orderId={5} />, 'orderId', /order id/],
    [
      'result pollIntervalMs zero',
      <Result key="11" pollIntervalMs={0} />,
      'pollIntervalMs',
      /above 0/,
    ],
    [
      'result maxWaitMs Infinity',
      <Result key="12" maxWaitMs={Number.POSITIVE_INFINITY} />,
      'maxWaitMs',
      /above 0/,
    ],
    ['result without its texts', <Result key="13" orderId="o-1" />, 'texts', /kaResult/],
    [
      'result with the checkout texts instead',
      <Result key="14" orderId="o-1" texts={ka} />,
      'texts',
      /result page/,
    ],
    [
      'button saveCard as a string',
      <Button key="15" order={order} saveCard="yes" />,
      'saveCard',
      /FlittSaveCardCheckbox/,
    ],
    [
      'embedded saveCard as a number',
      <Embedded key="16" order={order} saveCard={1} />,
      'saveCard',
      /true to keep the card/,
    ],
    [
      'saved cards with a function as order',
      <SavedCards key="17" order={() => order} texts={enSavedCards} />,
      'order',
      /leave it out to only manage the cards/,
    ],
    [
      'saved cards with the checkout texts',
      <SavedCards key="18" order={order} texts={en} />,
      'texts',
      /kaSavedCards/,
    ],
    [
      'saved cards onUseNewCard not a function',
      <SavedCards key="19" order={order} texts={enSavedCards} onUseNewCard="/checkout" />,
      'onUseNewCard',
      /usual checkout/,
    ],
    [
      'saved cards api without remove',
      <SavedCards key="20" order={order} texts={enSavedCards} api={{ list() {}, pay() {} }} />,
      'api',
      /cardsEndpoints/,
    ],
    [
      'save-card checkbox uncontrolled',
      <SaveCard key="21" onChange={() => {}} texts={enSavedCards} />,
      'checked',
      /kept by you/,
    ],
    [
      'save-card checkbox without onChange',
      <SaveCard key="22" checked={false} texts={enSavedCards} />,
      'onChange',
      /checked: boolean/,
    ],
    [
      'add card with a flow typo',
      <AddCard key="24" flow="popup" texts={enSavedCards} />,
      'flow',
      /"embedded" \(the default\) or "redirect"/,
    ],
    ['add card with the checkout texts', <AddCard key="25" texts={en} />, 'texts', /kaSavedCards/],
    [
      'save-card checkbox without its label',
      <SaveCard key="23" checked={false} onChange={() => {}} texts={en} />,
      'texts',
      /kaSavedCards/,
    ],
  ])('%s', (_name, element, prop, hint) => {
    expectRefused(inProvider(element), prop, hint);
  });

  it('accepts every documented prop shape (no false alarms)', () => {
    const view = render(
      inProvider(
        <>
          <Button order={order} prefetch="intent" onError={() => {}} saveCard={false} />
          <SaveCard checked onChange={() => {}} texts={enSavedCards} />
          <Result texts={kaResult} orderId={null} pollIntervalMs={500} maxWaitMs={1000} />
        </>,
        { locale: ka, theme: 'dark', credentials: 'include', timeoutMs: 5000, nonce: 'n' },
      ),
    );
    expect(view.container.querySelector('.flitt-checkout')).not.toBeNull();
  });

  it('counts requests (the control for “nothing was sent” above)', async () => {
    render(inProvider(<Result texts={kaResult} orderId="no-such-order" />));
    await vi.waitFor(() => expect(requests).toBeGreaterThan(0));
  });
});
