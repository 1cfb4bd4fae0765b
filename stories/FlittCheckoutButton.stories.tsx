import { en as enPayer } from '@flitt-checkout/core/messages/en';
import { ka as kaPayer } from '@flitt-checkout/core/messages/ka';
import { kk as kkPayer } from '@flitt-checkout/core/messages/kk';
import { ro as roPayer } from '@flitt-checkout/core/messages/ro';
import { uk as ukPayer } from '@flitt-checkout/core/messages/uk';
import { FlittCheckoutButton } from '@flitt-checkout/react';
import { az } from '@flitt-checkout/react/locales/az';
import { en } from '@flitt-checkout/react/locales/en';
import { hy } from '@flitt-checkout/react/locales/hy';
import { ka } from '@flitt-checkout/react/locales/ka';
import { kk } from '@flitt-checkout/react/locales/kk';
import { ro } from '@flitt-checkout/react/locales/ro';
import { ru } from '@flitt-checkout/react/locales/ru';
import { uk } from '@flitt-checkout/react/locales/uk';
import { uz } from '@flitt-checkout/react/locales/uz';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CART } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The redirect flow leaves the page for Flitt's hosted form, so a decline never reaches this
// button: the payer reads it on Flitt's page and then on the shop's result page
// (FlittPaymentResult stories). The embedded form shows declines inline.
const meta = {
  title: 'Components/FlittCheckoutButton',
  component: FlittCheckoutButton,
  args: { order: CART, onError: fn() },
} satisfies Meta<typeof FlittCheckoutButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const payButton = (canvasElement: HTMLElement, name: string | RegExp = en.ui.pay) =>
  within(canvasElement).findByRole('button', { name });

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await payButton(canvasElement)).toHaveAttribute('aria-disabled', 'false');
    await expect(canvas.queryByRole('alert')).toBeNull();
    // The live region stays in the DOM (empty, so hidden) to announce the next state.
    await expect(canvas.getByRole('status', { hidden: true })).toBeEmptyDOMElement();
  },
};

/** Flitt is slow to create the order: the button is busy and says so. */
export const Creating: Story = {
  parameters: {
    merchant: { latencyMs: 600_000, flittTimeoutMs: 600_000 },
    flitt: { timeoutMs: 600_000 },
  },
  play: async ({ canvasElement, loaded }) => {
    const button = await payButton(canvasElement);
    await userEvent.click(button);
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent(
      en.ui.creating,
    );
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAttribute('aria-busy', 'true');
    // The shop got the request and waits on Flitt (so it never lands on the next story's shop).
    await waitFor(() => expect(shopOf(loaded).merchant.inFlight()).toBe(1));
  },
};

/** The order exists and the payer is on the way to Flitt's page (`navigate` is a spy here). */
export const Redirecting: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { merchant, navigate } = shopOf(loaded);
    await userEvent.click(await payButton(canvasElement));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    await expect(navigate.mock.calls[0]?.[0]).toMatch(
      /^https:\/\/pay\.flitt\.com\/merchants\/[0-9a-f]+\/default\/index\.html\?token=[0-9a-f]{40}$/,
    );
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(en.ui.redirecting);
    // The server priced the cart: one honey and two teas.
    await expect(merchant.sandbox.control.orders()).toMatchObject([
      { amount: 3200, currency: 'GEL' },
    ]);
  },
};

/** The shop's own endpoint fails (HTTP 500 `internal_error`). */
export const MerchantDown: Story = {
  parameters: { merchant: { broken: 'checkout' } },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(await payButton(canvasElement));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(enPayer.shop_error);
    await expect(within(alert).getByRole('button', { name: en.ui.retry })).toBeEnabled();
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'failed', code: 'server_error' }),
    );
  },
};

/** Flitt refuses the shop's request (HTTP 502 `flitt_failure`, 1014 invalid signature). */
export const FlittRefused: Story = {
  parameters: { merchant: { secretKey: 'not-the-merchant-key' } },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(await payButton(canvasElement));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      enPayer.shop_error,
    );
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'flitt_failure', flittCode: 1014 }),
    );
  },
};

/** Flitt never answers, and the provider gives up after `timeoutMs`: the browser says it itself. */
export const Timeout: Story = {
  parameters: { flitt: { timeoutMs: 300 } },
  play: async ({ args, canvasElement, loaded }) => {
    shopOf(loaded).merchant.sandbox.control.failNext(1, 'timeout', '/api/checkout');
    await userEvent.click(await payButton(canvasElement));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      en.ui.networkError,
    );
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
  },
};

/** A compromised endpoint answers a look-alike host: the payer is not sent there. */
export const UnsafeCheckoutUrl: Story = {
  parameters: {
    merchant: { checkoutUrl: 'https://pay.flitt.com.attacker.example/merchants/pay?token=x' },
  },
  play: async ({ args, canvasElement, loaded }) => {
    await userEvent.click(await payButton(canvasElement));
    // Refused in the browser, with nothing from the server to say: the general title.
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      en.ui.failedTitle,
    );
    await expect(shopOf(loaded).navigate).not.toHaveBeenCalled();
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'unsafe_checkout_url' }),
    );
  },
};

/** After a failure, "Try again" creates a new order and goes on to Flitt. */
export const RetryAfterFailure: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { merchant, navigate } = shopOf(loaded);
    merchant.sandbox.control.failNext(1, 'http500', '/api/checkout');
    await userEvent.click(await payButton(canvasElement));
    const alert = await within(canvasElement).findByRole('alert');
    await userEvent.click(within(alert).getByRole('button', { name: en.ui.retry }));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    await expect(merchant.sandbox.control.orders()).toHaveLength(1);
  },
};

/** `prefetch="intent"` creates the order on hover, so the click leaves at once with it. */
export const PrefetchIntent: Story = {
  args: { prefetch: 'intent' },
  play: async ({ canvasElement, loaded }) => {
    const { merchant, navigate } = shopOf(loaded);
    const button = await payButton(canvasElement);
    await userEvent.hover(button);
    await waitFor(() => expect(merchant.sandbox.control.orders()).toHaveLength(1));
    await expect(navigate).not.toHaveBeenCalled();
    await userEvent.click(button);
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    const [order] = merchant.sandbox.control.orders();
    await expect(navigate.mock.calls[0]?.[0]).toContain(`token=${order?.token}`);
    await expect(merchant.sandbox.control.orders()).toHaveLength(1);
  },
};

export const Georgian: Story = {
  globals: { locale: 'ka' },
  parameters: { merchant: { secretKey: 'not-the-merchant-key' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await payButton(canvasElement, ka.ui.pay));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      kaPayer.shop_error,
    );
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  parameters: { flitt: { timeoutMs: 300 } },
  play: async ({ canvasElement, loaded }) => {
    shopOf(loaded).merchant.sandbox.control.failNext(1, 'timeout', '/api/checkout');
    await userEvent.click(await payButton(canvasElement, ru.ui.pay));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      ru.ui.networkError,
    );
  },
};

export const Ukrainian: Story = {
  globals: { locale: 'uk' },
  parameters: { merchant: { broken: 'checkout' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await payButton(canvasElement, uk.ui.pay));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(ukPayer.shop_error);
    await expect(within(alert).getByRole('button', { name: uk.ui.retry })).toBeEnabled();
  },
};

/** The language of the page Flitt shows after the click (`<html lang>` of its hosted page). */
const hostedPageLang = async (url: string) =>
  new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html').documentElement
    .lang;

/** Flitt's hosted page has no Uzbek: the order asks it for Russian (the embedded form has Uzbek). */
export const Uzbek: Story = {
  globals: { locale: 'uz' },
  play: async ({ canvasElement, loaded }) => {
    const { navigate } = shopOf(loaded);
    await userEvent.click(await payButton(canvasElement, uz.ui.pay));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    await expect(await hostedPageLang(String(navigate.mock.calls[0]?.[0]))).toBe('ru');
  },
};

export const Romanian: Story = {
  globals: { locale: 'ro' },
  parameters: { merchant: { secretKey: 'not-the-merchant-key' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await payButton(canvasElement, ro.ui.pay));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      roPayer.shop_error,
    );
  },
};

/** Flitt has no Armenian page: the payer goes on to its Russian one. */
export const Armenian: Story = {
  globals: { locale: 'hy' },
  play: async ({ canvasElement, loaded }) => {
    const { navigate } = shopOf(loaded);
    await userEvent.click(await payButton(canvasElement, hy.ui.pay));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    await expect(await hostedPageLang(String(navigate.mock.calls[0]?.[0]))).toBe('ru');
  },
};

export const Kazakh: Story = {
  globals: { locale: 'kk' },
  parameters: { merchant: { broken: 'checkout' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await payButton(canvasElement, kk.ui.pay));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(kkPayer.shop_error);
    await expect(within(alert).getByRole('button', { name: kk.ui.retry })).toBeEnabled();
  },
};

export const Azerbaijani: Story = {
  globals: { locale: 'az' },
  parameters: { flitt: { timeoutMs: 300 } },
  play: async ({ canvasElement, loaded }) => {
    shopOf(loaded).merchant.sandbox.control.failNext(1, 'timeout', '/api/checkout');
    await userEvent.click(await payButton(canvasElement, az.ui.pay));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      az.ui.networkError,
    );
  },
};

/** Dark theme, with the failure alert so both the button and the alert are checked by axe. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { merchant: { broken: 'checkout' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await payButton(canvasElement));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(enPayer.shop_error);
    await expect(alert.closest('[data-flitt-theme]')).toHaveAttribute('data-flitt-theme', 'dark');
  },
};
