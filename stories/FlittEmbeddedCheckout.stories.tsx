import { en as enPayer } from '@flitt-checkout/core/messages/en';
import { ka as kaPayer } from '@flitt-checkout/core/messages/ka';
import { ru as ruPayer } from '@flitt-checkout/core/messages/ru';
import { uk as ukPayer } from '@flitt-checkout/core/messages/uk';
import { FlittEmbeddedCheckout } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import { ka } from '@flitt-checkout/react/locales/ka';
import { ru } from '@flitt-checkout/react/locales/ru';
import { uk } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CARDS } from './payOrder.ts';
import { CART, ORDER_LIFETIME, type StoryCart, sameOriginSandboxUrl } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The form is the sandbox's checkout.js, loaded by a <script> tag from the page's own origin
// (/flitt-sandbox): the msw service worker answers it, and its card data goes to the same
// in-browser sandbox the story's shop created the order in.
const meta = {
  title: 'Components/FlittEmbeddedCheckout',
  component: FlittEmbeddedCheckout,
  args: { order: CART, onApproved: fn(), onDeclined: fn(), onError: fn() },
  parameters: { merchant: { sandbox: 'same-origin' } },
} satisfies Meta<typeof FlittEmbeddedCheckout>;

export default meta;
type Story = StoryObj<typeof meta>;

const cartIn = (lang: NonNullable<StoryCart['lang']>): StoryCart => ({ ...CART, lang });

/** Waits for the form, types a card into it and presses the component's pay button. */
async function payWith(canvasElement: HTMLElement, card: string, payLabel = en.ui.pay) {
  const canvas = within(canvasElement);
  const [number, expiry, cvv] = await canvas.findAllByRole('textbox');
  if (!number || !expiry || !cvv) throw new Error('the card form has no card fields');
  await userEvent.type(number, card);
  await userEvent.type(expiry, '12/30');
  await userEvent.type(cvv, '123');
  const pay = canvas.getByRole('button', { name: payLabel });
  await waitFor(() => expect(pay).toHaveAttribute('aria-disabled', 'false'));
  await userEvent.click(pay);
}

/**
 * Plays the bank's page in the widget's 3-D Secure frame. msw does not answer frame navigations,
 * so this posts the payer's answer to the sandbox's ACS endpoint, as the page's form would, and
 * writes the sandbox's reply into the frame, where it reports back to the widget.
 */
async function answerThreeDSecure(result: 'confirm' | 'fail') {
  const frame = await waitFor(() => {
    const found = document.querySelector<HTMLIFrameElement>('.f-3ds iframe');
    if (!found) throw new Error('no 3-D Secure frame yet');
    return found;
  });
  await waitFor(() => {
    const loaded = frame.contentWindow?.location.href.includes('/sandbox/3ds/');
    expect(loaded && frame.contentDocument?.readyState === 'complete').toBe(true);
  });
  const reply = await fetch(frame.src, { method: 'POST', body: new URLSearchParams({ result }) });
  const html = await reply.text();
  const doc = frame.contentDocument;
  if (!doc) throw new Error('the 3-D Secure frame is not on the page’s origin');
  doc.open();
  doc.write(html);
  doc.close();
}

/** Flitt is slow to create the order: the component says the form is loading. */
export const Loading: Story = {
  parameters: {
    merchant: { sandbox: 'same-origin', latencyMs: 600_000, flittTimeoutMs: 600_000 },
    flitt: { timeoutMs: 600_000 },
  },
  play: async ({ canvasElement, loaded }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent(
      en.ui.loadingForm,
    );
    // The shop got the request and waits on Flitt (so it never lands on the next story's shop).
    await waitFor(() => expect(shopOf(loaded).merchant.inFlight()).toBe(1));
  },
};

export const Ready: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findAllByRole('textbox')).toHaveLength(3);
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: en.ui.pay })).toHaveAttribute(
        'aria-disabled',
        'false',
      ),
    );
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The card was sent and Flitt has not answered yet. */
export const Processing: Story = {
  play: async ({ canvasElement, loaded }) => {
    shopOf(loaded).merchant.sandbox.control.failNext(1, 'timeout', '/sandbox/embedded/pay');
    await payWith(canvasElement, CARDS.approved);
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('status')).toHaveTextContent(en.ui.processing);
    await expect(canvas.getByRole('button', { name: en.ui.pay })).toHaveAttribute(
      'aria-busy',
      'true',
    );
  },
};

export const Approved: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    await payWith(canvasElement, CARDS.approved);
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(en.ui.approvedTitle)).toBeVisible();
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
    await expect(canvas.queryByRole('button', { name: en.ui.pay })).toBeNull();
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { status: 'approved', amount: 3200 },
    ]);
  },
};

/**
 * A subscription paid in the form: the order reference asks for the shop's plan, the server adds
 * its `recurring_data`, and the form shows that plan read-only (`options.subscription`).
 */
export const Subscription: Story = {
  args: {
    order: { ...CART, subscribe: true },
    options: { subscription: { type: 'shown_readonly' } },
  },
  play: async ({ args, canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('Subscription: ₾9.90 every month, the first 14 days free', {
        normalizer: (text) => text.replace(/\u00a0/g, ' '),
      }),
    ).toBeVisible();
    await payWith(canvasElement, CARDS.approved);
    await expect(await canvas.findByText(en.ui.approvedTitle)).toBeVisible();
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
    // The plan above was read from the order the server created (its recurring_data).
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { status: 'approved', amount: 3200 },
    ]);
  },
};

export const DeclinedInsufficientFunds: Story = {
  play: async ({ args, canvasElement }) => {
    await payWith(canvasElement, CARDS.insufficientFunds);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(enPayer.insufficient_funds);
    await expect(within(alert).getByRole('button', { name: en.ui.retry })).toBeEnabled();
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1037 }));
  },
};

export const DeclinedDoNotHonour: Story = {
  play: async ({ args, canvasElement }) => {
    await payWith(canvasElement, CARDS.doNotHonour);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      enPayer.card_declined,
    );
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
  },
};

export const DeclinedAntifraud: Story = {
  play: async ({ args, canvasElement }) => {
    await payWith(canvasElement, CARDS.antifraud);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      enPayer.security_declined,
    );
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1051 }));
  },
};

/** The payer fails the bank's 3-D Secure check (1024). */
export const DeclinedThreeDSecure: Story = {
  play: async ({ args, canvasElement }) => {
    await payWith(canvasElement, CARDS.threeDSecure);
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent(
      en.ui.processing,
    );
    await answerThreeDSecure('fail');
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      enPayer.authentication_failed,
    );
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1024 }));
  },
};

/** The payer comes back after the order's lifetime and presses pay. */
export const Expired: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: en.ui.pay })).toHaveAttribute(
        'aria-disabled',
        'false',
      ),
    );
    shopOf(loaded).merchant.sandbox.control.advanceClock(ORDER_LIFETIME + 1);
    await payWith(canvasElement, CARDS.approved);
    // The widget says so at once; the form says so once the shop's server has confirmed it.
    await waitFor(() => expect(canvas.queryByRole('button', { name: en.ui.pay })).toBeNull());
    const alert = canvasElement.querySelector('.flitt-alert');
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toHaveTextContent(enPayer.expired);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ status: 'expired' }));
  },
};

/** checkout.js cannot be loaded (blocked, offline, wrong URL), even after retries. */
export const ScriptFailed: Story = {
  parameters: {
    flitt: { checkoutScriptUrl: `${sameOriginSandboxUrl()}/latest/checkout-vue/missing.js` },
  },
  play: async ({ args, canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('alert', {}, { timeout: 5000 }),
    ).toHaveTextContent(en.ui.failedTitle);
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'script_load_failed' }),
    );
  },
};

export const Georgian: Story = {
  globals: { locale: 'ka' },
  args: { order: cartIn('ka') },
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, CARDS.insufficientFunds, ka.ui.pay);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      kaPayer.insufficient_funds,
    );
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  args: { order: cartIn('ru') },
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, CARDS.doNotHonour, ru.ui.pay);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      ruPayer.card_declined,
    );
  },
};

export const Ukrainian: Story = {
  globals: { locale: 'uk' },
  args: { order: cartIn('uk') },
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, CARDS.antifraud, uk.ui.pay);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      ukPayer.security_declined,
    );
  },
};

/** The provider's dark theme reaches the widget too: the form is checked by axe while visible. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findAllByRole('textbox')).toHaveLength(3);
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: en.ui.pay })).toHaveAttribute(
        'aria-disabled',
        'false',
      ),
    );
    await expect(canvasElement.querySelector('form.f-checkout')).toHaveAttribute(
      'data-theme',
      'dark',
    );
    await expect(canvasElement.querySelector('.flitt-embedded')).toHaveAttribute(
      'data-flitt-theme',
      'dark',
    );
  },
};
