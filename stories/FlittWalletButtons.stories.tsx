import { en as enPayer } from '@flitt-checkout/core/messages/en';
import { ru as ruPayer } from '@flitt-checkout/core/messages/ru';
import { FlittWalletButtons } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import { ka } from '@flitt-checkout/react/locales/ka';
import { ru } from '@flitt-checkout/react/locales/ru';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CART } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The buttons are the sandbox's stand-in for Flitt's js-sdk, loaded by a <script> tag from
// https://pay.flitt.com (the msw service worker answers it): the stand-in sends its requests to its
// script's origin, so it works with the sandbox at Flitt's own origin, not under a path of the
// page's. Which wallets the browser can pay with is simulated (window.__flittSandboxWallets); the
// sheet it opens settles the order at the story's sandbox, which calls the shop back as for a card.
const SCRIPT_URL = 'https://pay.flitt.com/latest/js-sdk/checkout.js';

type Wallets = { apple?: boolean; google?: boolean };
const simulation = window as { __flittSandboxWallets?: Wallets };

/** A story's `beforeEach`: the browser can pay with these wallets (a missing one: cannot). */
const browserCanPay = (wallets: Wallets) => () => {
  simulation.__flittSandboxWallets = wallets;
  return () => {
    delete simulation.__flittSandboxWallets;
  };
};

const meta = {
  title: 'Components/FlittWalletButtons',
  component: FlittWalletButtons,
  args: {
    order: CART,
    scriptUrl: SCRIPT_URL,
    onApproved: fn(),
    onDeclined: fn(),
    onCancel: fn(),
  },
  // Nothing an earlier story simulated reaches this one's mount.
  beforeEach: () => {
    delete simulation.__flittSandboxWallets;
  },
} satisfies Meta<typeof FlittWalletButtons>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The stand-in's modal sheet: on the page's body, outside the story's canvas, as a wallet's is. */
async function openSheet(canvasElement: HTMLElement, wallet: 'Apple Pay' | 'Google Pay') {
  await userEvent.click(await within(canvasElement).findByRole('button', { name: wallet }));
  return within(await within(document.body).findByRole('dialog', { name: `${wallet} (sandbox)` }));
}

/** The browser can pay with Google Pay only: its button, and none for Apple Pay. */
export const GooglePayOnly: Story = {
  beforeEach: browserCanPay({ google: true }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Google Pay' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Apple Pay' })).toBeNull();
  },
};

/** Safari with a card in the Wallet: Apple Pay only. */
export const ApplePayOnly: Story = {
  beforeEach: browserCanPay({ apple: true, google: false }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Apple Pay' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Google Pay' })).toBeNull();
  },
};

export const BothWallets: Story = {
  beforeEach: browserCanPay({ apple: true, google: true }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Apple Pay' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Google Pay' })).toBeVisible();
  },
};

/** Paid in the sheet: announced, reported, and nothing left to press. */
export const Approved: Story = {
  beforeEach: browserCanPay({ google: true }),
  play: async ({ args, canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const sheet = await openSheet(canvasElement, 'Google Pay');
    await expect(canvas.getByRole('status')).toHaveTextContent(en.ui.processing);
    await userEvent.click(sheet.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(en.ui.approvedTitle));
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
    await expect(canvas.queryByRole('button', { name: 'Google Pay' })).toBeNull();
    // The server's price (one honey, two teas: 32.00 ₾), paid once.
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { status: 'approved', amount: 3200 },
    ]);
  },
};

/**
 * The bank declines (1004): the payer's reason, confirmed by the shop's server, and "Try again",
 * which makes a new order (the shop's orders take one attempt each, `delayed: 'N'`).
 */
export const Declined: Story = {
  beforeEach: browserCanPay({ google: true }),
  play: async ({ args, canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const sheet = await openSheet(canvasElement, 'Google Pay');
    await userEvent.click(sheet.getByRole('button', { name: 'Decline (sandbox)' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(enPayer.card_declined);
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
    await expect(canvas.queryByRole('button', { name: 'Google Pay' })).toBeNull();
    const { control } = shopOf(loaded).merchant.sandbox;
    await expect(control.orders()).toMatchObject([{ status: 'declined' }]);
    await userEvent.click(within(alert).getByRole('button', { name: en.ui.retry }));
    await expect(await canvas.findByRole('button', { name: 'Google Pay' })).toBeVisible();
    await expect(control.orders()).toMatchObject([{ status: 'declined' }, { status: 'created' }]);
  },
};

/** The payer closes the sheet: their choice, not an error; the same order can still be paid. */
export const Cancelled: Story = {
  beforeEach: browserCanPay({ google: true }),
  play: async ({ args, canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const sheet = await openSheet(canvasElement, 'Google Pay');
    await userEvent.click(sheet.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(args.onCancel).toHaveBeenCalledOnce());
    await expect(within(document.body).queryByRole('dialog')).toBeNull();
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(canvas.getByRole('status').textContent).toBe('');
    await expect(canvas.getByRole('button', { name: 'Google Pay' })).toBeVisible();
    await expect(args.onDeclined).not.toHaveBeenCalled();
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { status: 'created' },
    ]);
  },
};

/** Apple Pay, then the bank's 3-D Secure step, confirmed: approved. */
export const ThreeDSecure: Story = {
  beforeEach: browserCanPay({ apple: true }),
  play: async ({ args, canvasElement, loaded }) => {
    const sheet = await openSheet(canvasElement, 'Apple Pay');
    await userEvent.click(sheet.getByRole('button', { name: 'Pay with 3-D Secure' }));
    const bank = within(
      await within(document.body).findByRole('dialog', { name: '3-D Secure (sandbox)' }),
    );
    await userEvent.click(bank.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(within(canvasElement).getByRole('status')).toHaveTextContent(en.ui.approvedTitle),
    );
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { status: 'approved', amount: 3200 },
    ]);
  },
};

/** The payer fails the bank's 3-D Secure check (1024). */
export const DeclinedThreeDSecure: Story = {
  beforeEach: browserCanPay({ apple: true }),
  play: async ({ args, canvasElement }) => {
    const sheet = await openSheet(canvasElement, 'Apple Pay');
    await userEvent.click(sheet.getByRole('button', { name: 'Pay with 3-D Secure' }));
    const bank = within(
      await within(document.body).findByRole('dialog', { name: '3-D Secure (sandbox)' }),
    );
    await userEvent.click(bank.getByRole('button', { name: 'Fail 3-D Secure' }));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      enPayer.authentication_failed,
    );
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1024 }));
  },
};

/** No wallet can pay in this browser: no button, and the shop's `fallback` once `waitMs` is over. */
export const Unavailable: Story = {
  beforeEach: browserCanPay({ apple: false, google: false }),
  args: { fallback: <p>Pay by card instead.</p>, waitMs: 300 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Pay by card instead.')).toBeVisible();
    await expect(canvas.queryAllByRole('button')).toHaveLength(0);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** Matches text with its no-break spaces (as Intl puts in amounts) read as spaces. */
const spaced = { normalizer: (text: string) => text.replace(/\u00a0/g, ' ') };

/** In Georgian: the status in Georgian, and the language passed on to the wallet sheet. */
export const Georgian: Story = {
  globals: { locale: 'ka' },
  args: { order: { ...CART, lang: 'ka' } },
  beforeEach: browserCanPay({ google: true }),
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const sheet = await openSheet(canvasElement, 'Google Pay');
    // The sheet formats the amount for `ka` as the browser can: Chromium has no Georgian number
    // data and shows "₾32.00"; Safari and Firefox show "32,00 ₾". (Russian below tells apart.)
    const amount = new Intl.NumberFormat('ka', {
      style: 'currency',
      currency: 'GEL',
      currencyDisplay: 'narrowSymbol',
    }).format(32);
    await expect(sheet.getByText(amount.replace(/\u00a0/g, ' '), spaced)).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent(ka.ui.processing);
    await userEvent.click(sheet.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(ka.ui.approvedTitle));
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
  },
};

/** In Russian: the sheet's amount in Russian format (which every browser has), then a decline. */
export const Russian: Story = {
  globals: { locale: 'ru' },
  args: { order: { ...CART, lang: 'ru' } },
  beforeEach: browserCanPay({ google: true }),
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const sheet = await openSheet(canvasElement, 'Google Pay');
    await expect(sheet.getByText('32,00 ₾', spaced)).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent(ru.ui.processing);
    await userEvent.click(sheet.getByRole('button', { name: 'Decline (sandbox)' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(ruPayer.card_declined);
    await expect(within(alert).getByRole('button', { name: ru.ui.retry })).toBeEnabled();
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
  },
};
