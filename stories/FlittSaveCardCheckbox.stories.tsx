import { FlittCheckoutButton, FlittSaveCardCheckbox } from '@flitt-checkout/react';
import { enSavedCards } from '@flitt-checkout/react/locales/en';
import { kaSavedCards } from '@flitt-checkout/react/locales/ka';
import { ruSavedCards } from '@flitt-checkout/react/locales/ru';
import { ukSavedCards } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CARDS } from './payOrder.ts';
import { CART, STORY_CUSTOMER } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The payer's choice to keep the card, passed on as the button's `saveCard`: the story shop then
// asks Flitt for a token and keeps the card for its signed-in customer when Flitt's callback comes.
const TEXTS = { en: enSavedCards, ka: kaSavedCards, ru: ruSavedCards, uk: ukSavedCards };

/** A checkout page as a shop writes it: the choice is the page's state. */
function CheckoutWithSaveCard({ texts }: { texts: typeof enSavedCards }) {
  const [save, setSave] = useState(false);
  return (
    <>
      <FlittSaveCardCheckbox checked={save} onChange={setSave} texts={texts} />
      <FlittCheckoutButton order={CART} saveCard={save} />
    </>
  );
}

const meta = {
  title: 'Components/FlittSaveCardCheckbox',
  component: FlittSaveCardCheckbox,
  args: { checked: false, onChange: () => {}, texts: enSavedCards },
  render: (args, { globals }) => (
    <CheckoutWithSaveCard texts={TEXTS[globals.locale as keyof typeof TEXTS] ?? args.texts} />
  ),
} satisfies Meta<typeof FlittSaveCardCheckbox>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Not ticked: the checkout is sent as it always was, and no card is kept. */
export const Unticked: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole('checkbox', { name: 'Save this card for next time' });
    await expect(box).not.toBeChecked();
    const { merchant, navigate } = shopOf(loaded);
    await userEvent.click(canvas.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    const [order] = merchant.sandbox.control.orders();
    await merchant.sandbox.control.pay(String(order?.orderId), CARDS.approved);
    await merchant.sandbox.control.callbacksIdle();
    await expect(await merchant.vault.list(STORY_CUSTOMER)).toEqual([]);
  },
};

/** Ticked: once Flitt confirms the payment, the shop keeps the card for its signed-in customer. */
export const Ticked: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole('checkbox', { name: 'Save this card for next time' });
    await userEvent.click(box);
    await expect(box).toBeChecked();
    const { merchant, navigate } = shopOf(loaded);
    await userEvent.click(canvas.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    const [order] = merchant.sandbox.control.orders();
    await merchant.sandbox.control.pay(String(order?.orderId), CARDS.approved);
    await merchant.sandbox.control.callbacksIdle();
    const cards = await merchant.vault.list(STORY_CUSTOMER);
    await expect(cards.map((card) => card.maskedPan)).toEqual(['444455XXXXXX6666']);
  },
};

/** Nobody signed in at the shop: it refuses to keep a card for nobody, before Flitt is asked. */
export const SignedOut: Story = {
  parameters: { merchant: { signedOut: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Save this card for next time' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Pay' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(/sign in/i);
    await expect(shopOf(loaded).merchant.sandbox.control.orders()).toEqual([]);
  },
};

/** In Ukrainian. */
export const Ukrainian: Story = {
  globals: { locale: 'uk' },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('checkbox', {
        name: 'Зберегти картку для наступних покупок',
      }),
    ).toBeVisible();
  },
};
