import { en as enPayer } from '@flitt-checkout/core/messages/en';
import { ka as kaPayer } from '@flitt-checkout/core/messages/ka';
import { FlittAddCard } from '@flitt-checkout/react';
import { enSavedCards } from '@flitt-checkout/react/locales/en';
import { kaSavedCards } from '@flitt-checkout/react/locales/ka';
import { ruSavedCards } from '@flitt-checkout/react/locales/ru';
import { ukSavedCards } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CARDS } from './payOrder.ts';
import { STORY_CUSTOMER, type StoryMerchantOptions } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// Adding a card for the signed-in customer without buying: the shop's `cards` endpoint starts a
// card check of 1.00 ₾ at the sandbox (verification, given back at once), and keeps the card once
// Flitt confirms it. The embedded form is the sandbox's checkout.js from the page's own origin, as
// in FlittEmbeddedCheckout's stories.
const TEXTS = { en: enSavedCards, ka: kaSavedCards, ru: ruSavedCards, uk: ukSavedCards };

/** The story shop, with adding a card turned on. */
const SHOP: StoryMerchantOptions = {
  sandbox: 'same-origin',
  cardCheck: { amount: 100, currency: 'GEL' },
};

const meta = {
  title: 'Components/FlittAddCard',
  component: FlittAddCard,
  args: { texts: enSavedCards, onApproved: fn(), onDeclined: fn(), onError: fn() },
  parameters: { merchant: SHOP },
  render: (args, { globals }) => (
    <FlittAddCard {...args} texts={TEXTS[globals.locale as keyof typeof TEXTS] ?? args.texts} />
  ),
} satisfies Meta<typeof FlittAddCard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Waits for the form, types a card into it and presses "Check and save the card". */
async function checkCard(
  canvasElement: HTMLElement,
  card: string,
  checkLabel = enSavedCards.checkCard,
) {
  const canvas = within(canvasElement);
  const [number, expiry, cvv] = await canvas.findAllByRole('textbox');
  if (!number || !expiry || !cvv) throw new Error('the card form has no card fields');
  await userEvent.type(number, card);
  await userEvent.type(expiry, '12/30');
  await userEvent.type(cvv, '123');
  const check = canvas.getByRole('button', { name: checkLabel });
  await waitFor(() => expect(check).toHaveAttribute('aria-disabled', 'false'));
  await userEvent.click(check);
}

/** The card form in the page, the check explained above it; the check is the server's (1.00 ₾). */
export const Ready: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(enSavedCards.cardCheckNote)).toBeVisible();
    await expect(await canvas.findAllByRole('textbox')).toHaveLength(3);
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: enSavedCards.checkCard })).toHaveAttribute(
        'aria-disabled',
        'false',
      ),
    );
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toMatchObject([
      { amount: 100, currency: 'GEL', status: 'created' },
    ]);
  },
};

/** Flitt verified the card and gave the 1.00 ₾ back: announced, and the card kept for the customer. */
export const Approved: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { merchant } = shopOf(loaded);
    await checkCard(canvasElement, CARDS.approved);
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(enSavedCards.cardAdded),
    );
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
    await expect(canvas.queryByRole('button', { name: enSavedCards.checkCard })).toBeNull();
    await expect(merchant.sandbox.control.orders()).toMatchObject([
      { amount: 100, status: 'reversed', verificationStatus: 'verified', reversalAmount: 100 },
    ]);
    await merchant.sandbox.control.callbacksIdle();
    await expect(await merchant.vault.list(STORY_CUSTOMER)).toMatchObject([
      { maskedPan: '444455XXXXXX6666' },
    ]);
  },
};

/** The issuer refuses the card (1004): explained, with "Try again", and nothing kept. */
export const Declined: Story = {
  play: async ({ args, canvasElement, loaded }) => {
    const { merchant } = shopOf(loaded);
    await checkCard(canvasElement, CARDS.doNotHonour);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(enPayer.card_declined);
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expect(args.onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
    await merchant.sandbox.control.callbacksIdle();
    await expect(await merchant.vault.list(STORY_CUSTOMER)).toEqual([]);
  },
};

/** Nobody signed in at the shop (401 sign_in_required): asked to sign in, no check started. */
export const SignedOut: Story = {
  parameters: { merchant: { ...SHOP, signedOut: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(enPayer.sign_in_required);
    await expect(canvas.queryByRole('textbox')).toBeNull();
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toEqual([]);
  },
};

/** On Flitt's page: one button, and the payer is sent to the check's hosted page. */
export const Redirect: Story = {
  args: { flow: 'redirect' },
  play: async ({ canvasElement, loaded }) => {
    const { merchant, navigate } = shopOf(loaded);
    const canvas = within(canvasElement);
    await expect(canvas.getByText(enSavedCards.cardCheckNote)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: enSavedCards.addCard }));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    const [order] = merchant.sandbox.control.orders();
    await expect(order).toMatchObject({ amount: 100, currency: 'GEL' });
    await expect(String(navigate.mock.calls[0]?.[0])).toContain(String(order?.token));
  },
};

/** In Georgian: the note, the form's button and the shop's words for a refused card. */
export const Georgian: Story = {
  globals: { locale: 'ka' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(kaSavedCards.cardCheckNote)).toBeVisible();
    await checkCard(canvasElement, CARDS.doNotHonour, kaSavedCards.checkCard);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(kaPayer.card_declined);
  },
};
