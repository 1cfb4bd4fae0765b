import { FlittSavedCards } from '@flitt-checkout/react';
import { enSavedCards } from '@flitt-checkout/react/locales/en';
import { kaSavedCards } from '@flitt-checkout/react/locales/ka';
import { ruSavedCards } from '@flitt-checkout/react/locales/ru';
import { ukSavedCards } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CARDS, payOrder } from './payOrder.ts';
import { CART, STORY_CUSTOMER, type StoryMerchant } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The signed-in customer's saved cards at the story shop. Each story first buys something with
// "save this card" ticked (the card is kept when Flitt's callback reaches the shop's handler), then
// opens the list; paying and removing go through the shop's `cards` endpoint (createFlittHandlers
// with a memory vault), which charges the card's token at the sandbox.
const TEXTS = { en: enSavedCards, ka: kaSavedCards, ru: ruSavedCards, uk: ukSavedCards };

const meta = {
  title: 'Components/FlittSavedCards',
  component: FlittSavedCards,
  args: {
    order: CART,
    texts: enSavedCards,
    onApproved: fn(),
    onDeclined: fn(),
    onUseNewCard: fn(),
  },
} satisfies Meta<typeof FlittSavedCards>;

export default meta;
type Story = StoryObj<typeof meta>;

type PlayContext = Parameters<NonNullable<Story['play']>>[0];

/** A card the customer saved with a purchase: paid at the sandbox, kept by the shop's callback. */
async function saveCard(merchant: StoryMerchant, card: string = CARDS.approved) {
  await payOrder(merchant, { card, saveCard: true });
  await merchant.sandbox.control.callbacksIdle();
}

/**
 * A card the shop still lists whose token Flitt no longer takes (Flitt answers 1035), or, with
 * `expiresAt` in the past, one the shop itself knows has expired.
 */
async function keepOldCard(merchant: StoryMerchant, last4: string, expiresAt: number | null) {
  const orderId = `imported-${last4}`;
  await merchant.vault.expect(orderId, STORY_CUSTOMER);
  await merchant.vault.save(orderId, {
    rectoken: `NoLongerAtFlitt${last4}000000000000000000000000000`,
    brand: 'MasterCard',
    maskedPan: `555555XXXXXX${last4}`,
    expiresAt,
  });
}

/** Saves what `cards` names, then mounts the list. */
async function open(
  context: Pick<PlayContext, 'args' | 'canvasElement' | 'globals' | 'loaded' | 'mount'>,
  cards: readonly ('saved' | 'expired' | 'forgotten' | 'declining')[],
) {
  const { args, globals, loaded, mount } = context;
  const { merchant } = shopOf(loaded);
  for (const card of cards) {
    if (card === 'saved') await saveCard(merchant);
    if (card === 'declining') await saveCard(merchant, CARDS.laterChargesDecline);
    if (card === 'expired') await keepOldCard(merchant, '4444', Date.now() - 86_400_000);
    if (card === 'forgotten') await keepOldCard(merchant, '1234', null);
  }
  const texts = TEXTS[globals.locale as keyof typeof TEXTS] ?? args.texts;
  await mount(<FlittSavedCards {...args} texts={texts} />);
  return within(context.canvasElement);
}

/** Asking the shop for the list: announced, and the section busy. */
export const Loading: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, []);
    await expect(canvas.getByRole('status')).toHaveTextContent(enSavedCards.loading);
    await expect(canvas.getByRole('region', { name: 'Saved cards' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
  },
  parameters: { merchant: { cardsDelayMs: 600_000 }, flitt: { timeoutMs: 600_000 } },
};

/** Nothing saved yet: said so, with the way to the usual checkout. */
export const NoneSaved: Story = {
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, []);
    await expect(await canvas.findByText(enSavedCards.none)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Use a new card' }));
    await expect(args.onUseNewCard).toHaveBeenCalledOnce();
  },
};

/** The customer's cards as a radio group; an expired one is shown as expired and cannot be chosen. */
export const Cards: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, ['expired', 'saved']);
    const group = await canvas.findByRole('radiogroup', { name: 'Saved cards' });
    await expect(within(group).getByRole('radio', { name: 'VISA •••• 6666' })).toBeChecked();
    await expect(
      within(group).getByRole('radio', { name: 'MasterCard •••• 4444, expired' }),
    ).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Pay with •••• 6666' })).toBeVisible();
  },
};

/** With `onAddCard`: "Add a card" once the list is there; the shop then shows `FlittAddCard`. */
export const AddCard: Story = {
  args: { onAddCard: fn() },
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, ['saved']);
    await expect(canvas.queryByRole('button', { name: enSavedCards.addCard })).toBeNull();
    const add = await canvas.findByRole('button', { name: enSavedCards.addCard });
    await expect(canvas.getByRole('radio', { name: 'VISA •••• 6666' })).toBeChecked();
    await userEvent.click(add);
    await expect(args.onAddCard).toHaveBeenCalledOnce();
    await expect(args.onUseNewCard).not.toHaveBeenCalled();
  },
};

/** While the shop charges the card at Flitt: the button says so, keeps the focus and ignores presses. */
export const Paying: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, ['saved']);
    const pay = await canvas.findByRole('button', { name: 'Pay with •••• 6666' });
    shopOf(context.loaded).merchant.sandbox.control.setLatency(600_000);
    await userEvent.click(pay);
    await expect(pay).toHaveAccessibleName(enSavedCards.paying);
    await expect(pay).toHaveAttribute('aria-disabled', 'true');
    await expect(pay).toHaveAttribute('aria-busy', 'true');
    await expect(pay).toHaveFocus();
  },
  parameters: { merchant: { flittTimeoutMs: 600_000 }, flitt: { timeoutMs: 600_000 } },
};

/** Paid in one click: the shop priced the cart (32.00 ₾), Flitt approved, the outcome announced. */
export const Approved: Story = {
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, ['saved']);
    const pay = await canvas.findByRole('button', { name: 'Pay with •••• 6666' });
    await userEvent.click(pay);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/Thank you/));
    await expect(args.onApproved).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'approved', amount: 3200, currency: 'GEL' }),
    );
    await expect(pay).toHaveFocus();
    await expect(pay).toHaveAttribute('aria-disabled', 'true');
  },
};

/** Flitt declined the charge (1037: the funds ran out): the reason, focused, and "Try again". */
export const Declined: Story = {
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, ['declining']);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay with •••• 0002' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Your card doesn’t have enough funds');
    await waitFor(() => expect(alert).toHaveFocus());
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(args.onDeclined).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'declined', responseCode: 1037 }),
    );
    await expect(args.onApproved).not.toHaveBeenCalled();
  },
};

/** Flitt refused the shop's call: explained, focused, and "Try again" pays. */
export const Failed: Story = {
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, ['saved']);
    const pay = await canvas.findByRole('button', { name: 'Pay with •••• 6666' });
    shopOf(context.loaded).merchant.sandbox.control.failNext(1, 'flitt_error', '/api/recurring');
    await userEvent.click(pay);
    const alert = await canvas.findByRole('alert');
    await waitFor(() => expect(alert).toHaveFocus());
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(args.onApproved).toHaveBeenCalledOnce());
  },
};

/** Flitt no longer takes the card (410): said so, the list refreshed without it, a new card offered. */
export const CardNoLongerUsable: Story = {
  play: async ({ mount, args, ...context }) => {
    const canvas = await open({ ...context, args, mount }, ['saved', 'forgotten']);
    const pay = await canvas.findByRole('button', { name: 'Pay with •••• 1234' });
    await userEvent.click(pay);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(/can no longer be used/);
    await waitFor(() => expect(alert).toHaveFocus());
    await waitFor(() =>
      expect(canvas.queryByRole('radio', { name: 'MasterCard •••• 1234' })).toBeNull(),
    );
    await expect(canvas.getByRole('radio', { name: 'VISA •••• 6666' })).toBeChecked();
    await userEvent.click(within(alert).getByRole('button', { name: 'Use a new card' }));
    await expect(args.onUseNewCard).toHaveBeenCalledOnce();
  },
};

/** Removing a card, confirmed first: the list updated, the removal announced. */
export const Removed: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, ['expired', 'saved']);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove card •••• 4444' }));
    const confirm = canvas.getByRole('button', { name: 'Remove' });
    await expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Card •••• 4444 has been removed.'),
    );
    await expect(canvas.queryByRole('radio', { name: /4444/ })).toBeNull();
    await expect(canvas.getByRole('heading', { name: 'Saved cards' })).toHaveFocus();
  },
};

/** Nobody signed in at the shop (401): asked to sign in, nothing to act on. */
export const SignedOut: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, []);
    await expect(await canvas.findByText(/Please sign in/)).toBeVisible();
    await expect(canvas.queryByRole('radiogroup')).toBeNull();
  },
  parameters: { merchant: { signedOut: true } },
};

/** The shop's sign-in lookup fails (its database is down), also when asked again: explained, focused, with "Try again". */
export const LoadFailed: Story = {
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, []);
    const alert = await canvas.findByRole('alert', {}, { timeout: 8000 });
    // The shop's own words for its failure.
    await expect(alert).toHaveTextContent(/The shop can’t accept payments right now/);
    await waitFor(() => expect(alert).toHaveFocus());
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  },
  parameters: { merchant: { broken: 'cards' } },
};

/** In Georgian: the payer's language throughout, the server's words too. */
export const Georgian: Story = {
  globals: { locale: 'ka' },
  play: async ({ mount, ...context }) => {
    const canvas = await open({ ...context, mount }, ['saved']);
    await expect(
      await canvas.findByRole('button', { name: 'გადახდა ბარათით •••• 6666' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'ბარათის •••• 6666 წაშლა' })).toBeVisible();
  },
};
