import { az as azPayer } from '@flitt-checkout/core/messages/az';
import { en as enPayer } from '@flitt-checkout/core/messages/en';
import { hy as hyPayer } from '@flitt-checkout/core/messages/hy';
import { ka as kaPayer } from '@flitt-checkout/core/messages/ka';
import { kk as kkPayer } from '@flitt-checkout/core/messages/kk';
import { ro as roPayer } from '@flitt-checkout/core/messages/ro';
import { ru as ruPayer } from '@flitt-checkout/core/messages/ru';
import { uk as ukPayer } from '@flitt-checkout/core/messages/uk';
import { uz as uzPayer } from '@flitt-checkout/core/messages/uz';
import { FlittPaymentResult } from '@flitt-checkout/react';
import { azResult } from '@flitt-checkout/react/locales/az';
import { en, enResult } from '@flitt-checkout/react/locales/en';
import { hyResult } from '@flitt-checkout/react/locales/hy';
import { kaResult } from '@flitt-checkout/react/locales/ka';
import { kkResult } from '@flitt-checkout/react/locales/kk';
import { roResult } from '@flitt-checkout/react/locales/ro';
import { ruResult } from '@flitt-checkout/react/locales/ru';
import { ukResult } from '@flitt-checkout/react/locales/uk';
import { uzResult } from '@flitt-checkout/react/locales/uz';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { CARDS, type PayOrderOptions, payOrder } from './payOrder.ts';
import { ORDER_LIFETIME } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The return page. Each story first pays (or does not pay) an order on the sandbox's hosted page,
// then opens the result view with its id; the view asks the shop's status endpoint, never the URL.
const meta = {
  title: 'Components/FlittPaymentResult',
  component: FlittPaymentResult,
  args: { pollIntervalMs: 1000, texts: enResult },
} satisfies Meta<typeof FlittPaymentResult>;

/** The result page's texts of the toolbar's language (the provider's). */
const TEXTS: Record<string, typeof enResult> = {
  en: enResult,
  ka: kaResult,
  ru: ruResult,
  uk: ukResult,
  uz: uzResult,
  ro: roResult,
  hy: hyResult,
  kk: kkResult,
  az: azResult,
};

export default meta;
type Story = StoryObj<typeof meta>;

/** A story that pays first, then mounts the result view for that order. */
const afterPayment = (
  payment: PayOrderOptions,
  check: (canvasElement: HTMLElement) => Promise<void>,
  before?: (shop: ReturnType<typeof shopOf>) => void,
): NonNullable<Story['play']> =>
  async function play({ args, canvasElement, globals, loaded, mount }) {
    const shop = shopOf(loaded);
    const orderId = await payOrder(shop.merchant, payment);
    before?.(shop);
    const texts = TEXTS[globals.locale as string] ?? args.texts;
    await mount(<FlittPaymentResult {...args} texts={texts} orderId={orderId} />);
    await check(canvasElement);
  };

const expectVerdict = async (canvasElement: HTMLElement, title: string, message: string) => {
  const canvas = within(canvasElement);
  // The server's answer brings the message; then the heading has the verdict and the focus.
  await expect(await canvas.findByText(message, {}, { timeout: 5000 })).toBeVisible();
  const heading = canvas.getByRole('heading', { name: title });
  await waitFor(() => expect(heading).toHaveFocus());
  // Read together when it takes the focus, and nowhere else: no live region repeats it.
  await expect(heading).toHaveAccessibleDescription(message);
  await expect(canvas.queryByRole('alert')).toBeNull();
  await expect(canvas.queryByRole('status')).toBeNull();
};

/** The shop's status endpoint has not answered yet. */
export const Checking: Story = {
  play: afterPayment(
    { card: CARDS.approved },
    async (canvasElement) => {
      const canvas = within(canvasElement);
      await expect(
        await canvas.findByRole('heading', { name: enResult.checkingStatus }),
      ).toBeVisible();
      await expect(canvasElement.querySelector('.flitt-result')).toHaveAttribute(
        'aria-busy',
        'true',
      );
    },
    (shop) => shop.merchant.sandbox.control.setLatency(600_000),
  ),
  parameters: { merchant: { flittTimeoutMs: 600_000 }, flitt: { timeoutMs: 600_000 } },
};

export const Approved: Story = {
  play: afterPayment({ card: CARDS.approved }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.approvedTitle, enPayer.approved),
  ),
};

export const DeclinedInsufficientFunds: Story = {
  play: afterPayment({ card: CARDS.insufficientFunds }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.declinedTitle, enPayer.insufficient_funds),
  ),
};

export const DeclinedDoNotHonour: Story = {
  play: afterPayment({ card: CARDS.doNotHonour }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.declinedTitle, enPayer.card_declined),
  ),
};

export const DeclinedAntifraud: Story = {
  play: afterPayment({ card: CARDS.antifraud }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.declinedTitle, enPayer.security_declined),
  ),
};

/** The payer failed the bank's 3-D Secure check (1024). */
export const DeclinedThreeDSecure: Story = {
  play: afterPayment({ card: CARDS.threeDSecure, threeDSecure: 'fail' }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.declinedTitle, enPayer.authentication_failed),
  ),
};

/** The payer is still on the bank's page: the view polls until the order settles. */
export const Processing: Story = {
  play: afterPayment({ card: CARDS.threeDSecure }, async (canvasElement) => {
    await expectVerdict(canvasElement, enResult.processingTitle, enPayer.processing);
    // A verdict, while the view keeps asking: not busy (a screen reader would wait for it).
    await expect(canvasElement.querySelector('.flitt-result')).toHaveAttribute(
      'aria-busy',
      'false',
    );
  }),
};

/** The order's lifetime ended before the payer paid. */
export const Expired: Story = {
  play: afterPayment(
    {},
    (canvasElement) => expectVerdict(canvasElement, enResult.expiredTitle, enPayer.expired),
    (shop) => shop.merchant.sandbox.control.advanceClock(ORDER_LIFETIME + 1),
  ),
};

/** The shop's status endpoint fails (HTTP 500) on every try: the shop's fault, and the payer can ask again. */
export const Failed: Story = {
  parameters: { merchant: { broken: 'status' } },
  play: afterPayment({ card: CARDS.approved }, async (canvasElement) => {
    // Not a failed payment: the page says it is still checking, and not to pay again.
    await expectVerdict(canvasElement, enResult.checkingStatus, enPayer.processing);
    await expect(within(canvasElement).getByRole('button', { name: en.ui.retry })).toBeEnabled();
  }),
};

/** Opened without `?order_id=` (a bookmark, a shared link). */
export const MissingOrder: Story = {
  play: async ({ canvasElement }) => {
    // No order id: nothing to ask the server, so the title and the way back say it all.
    const heading = await within(canvasElement).findByRole('heading', {
      name: enResult.notFoundTitle,
    });
    await expect(heading).toHaveFocus();
    await expect(
      within(canvasElement).getByRole('link', { name: enResult.backToShop }),
    ).toBeVisible();
  },
};

/** A mistyped or stale `?order_id=`: the shop has no such order (404), asked once, not retried. */
export const UnknownOrder: Story = {
  args: { orderId: 'story-no-such-order' },
  play: async ({ canvasElement }) => {
    await expectVerdict(canvasElement, enResult.notFoundTitle, enPayer.payment_not_found);
    await expect(
      within(canvasElement).getByRole('link', { name: enResult.backToShop }),
    ).toHaveAttribute('href', '/');
  },
};

export const Georgian: Story = {
  globals: { locale: 'ka' },
  play: afterPayment({ card: CARDS.insufficientFunds }, (canvasElement) =>
    expectVerdict(canvasElement, kaResult.declinedTitle, kaPayer.insufficient_funds),
  ),
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  play: afterPayment({ card: CARDS.approved }, (canvasElement) =>
    expectVerdict(canvasElement, ruResult.approvedTitle, ruPayer.approved),
  ),
};

export const Ukrainian: Story = {
  globals: { locale: 'uk' },
  play: afterPayment({ card: CARDS.threeDSecure, threeDSecure: 'fail' }, (canvasElement) =>
    expectVerdict(canvasElement, ukResult.declinedTitle, ukPayer.authentication_failed),
  ),
};

export const Uzbek: Story = {
  globals: { locale: 'uz' },
  play: afterPayment({ card: CARDS.insufficientFunds }, (canvasElement) =>
    expectVerdict(canvasElement, uzResult.declinedTitle, uzPayer.insufficient_funds),
  ),
};

export const Romanian: Story = {
  globals: { locale: 'ro' },
  play: afterPayment({ card: CARDS.approved }, (canvasElement) =>
    expectVerdict(canvasElement, roResult.approvedTitle, roPayer.approved),
  ),
};

export const Armenian: Story = {
  globals: { locale: 'hy' },
  play: afterPayment({ card: CARDS.doNotHonour }, (canvasElement) =>
    expectVerdict(canvasElement, hyResult.declinedTitle, hyPayer.card_declined),
  ),
};

export const Kazakh: Story = {
  globals: { locale: 'kk' },
  play: afterPayment({ card: CARDS.threeDSecure, threeDSecure: 'fail' }, (canvasElement) =>
    expectVerdict(canvasElement, kkResult.declinedTitle, kkPayer.authentication_failed),
  ),
};

export const Azerbaijani: Story = {
  globals: { locale: 'az' },
  play: afterPayment({ card: CARDS.antifraud }, (canvasElement) =>
    expectVerdict(canvasElement, azResult.declinedTitle, azPayer.security_declined),
  ),
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: afterPayment({ card: CARDS.antifraud }, async (canvasElement) => {
    await expectVerdict(canvasElement, enResult.declinedTitle, enPayer.security_declined);
    await expect(canvasElement.querySelector('.flitt-result')).toHaveAttribute(
      'data-flitt-theme',
      'dark',
    );
  }),
};

export const DarkApproved: Story = {
  globals: { theme: 'dark' },
  play: afterPayment({ card: CARDS.approved }, (canvasElement) =>
    expectVerdict(canvasElement, enResult.approvedTitle, enPayer.approved),
  ),
};
