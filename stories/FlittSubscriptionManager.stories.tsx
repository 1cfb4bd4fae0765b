import { FlittSubscriptionManager } from '@flitt-checkout/react';
import { enSubscription } from '@flitt-checkout/react/locales/en';
import { kaSubscription } from '@flitt-checkout/react/locales/ka';
import { ruSubscription } from '@flitt-checkout/react/locales/ru';
import { ukSubscription } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CARDS, payOrder } from './payOrder.ts';
import { CART } from './storyMerchant.ts';
import { shopOf } from './storyShop.ts';

// The manage view of a subscription. Each story first buys one on the sandbox (the story shop's
// plan: monthly after a 14-day trial), then opens the view; stop and start go through the shop's
// `subscription` endpoint (createFlittHandlers, which lets the story shop's own orders through).
const TEXTS = { en: enSubscription, ka: kaSubscription, ru: ruSubscription, uk: ukSubscription };

const meta = {
  title: 'Components/FlittSubscriptionManager',
  component: FlittSubscriptionManager,
  args: { orderId: '', status: 'active', texts: enSubscription },
} satisfies Meta<typeof FlittSubscriptionManager>;

export default meta;
type Story = StoryObj<typeof meta>;

type PlayContext = Parameters<NonNullable<Story['play']>>[0];

/** Buys a subscription (unless the story names an order) and mounts the view for it. */
async function subscribed(context: Pick<PlayContext, 'args' | 'globals' | 'loaded' | 'mount'>) {
  const { args, globals, loaded, mount } = context;
  const orderId = args.orderId
    ? args.orderId
    : await payOrder(shopOf(loaded).merchant, {
        card: CARDS.approved,
        order: { ...CART, subscribe: true },
      });
  const texts = TEXTS[globals.locale as keyof typeof TEXTS] ?? args.texts;
  await mount(
    <FlittSubscriptionManager {...args} orderId={orderId} texts={texts}>
      <p>Tea club · {orderId}</p>
    </FlittSubscriptionManager>,
  );
}

/** An active subscription: its status and the button that stops it. */
export const Active: Story = {
  // `mount` destructured here: Storybook then leaves the mounting to the play function.
  play: async ({ mount, ...context }) => {
    await subscribed({ ...context, mount });
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('region', { name: 'Subscription' })).toHaveTextContent(/Active/);
    await expect(canvas.getByRole('button', { name: 'Stop subscription' })).toBeVisible();
  },
};

/** While the shop asks Flitt: the button says so, keeps the focus and ignores presses. */
export const Stopping: Story = {
  play: async ({ mount, ...context }) => {
    await subscribed({ ...context, mount });
    shopOf(context.loaded).merchant.sandbox.control.setLatency(600_000);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop subscription' }));
    const busy = await canvas.findByRole('button', { name: 'Stopping the subscription…' });
    await expect(busy).toHaveAttribute('aria-disabled', 'true');
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    await expect(busy).toHaveFocus();
  },
  parameters: { merchant: { flittTimeoutMs: 600_000 }, flitt: { timeoutMs: 600_000 } },
};

/** Stopped at Flitt: announced, and the same button now starts it again. */
export const Stopped: Story = {
  play: async ({ mount, ...context }) => {
    await subscribed({ ...context, mount });
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop subscription' }));
    // The live region is there from the start; the outcome is written into it.
    const status = canvas.getByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Your subscription is stopped. No further charges will be taken.',
      ),
    );
    await expect(canvas.getByRole('button', { name: 'Start subscription again' })).toHaveFocus();
  },
};

/** The error state: not the payer’s subscription (another shop’s order), refused and explained. */
export const Refused: Story = {
  args: { orderId: 'other-shop-42' },
  play: async ({ mount, ...context }) => {
    await subscribed({ ...context, mount });
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop subscription' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(enSubscription.notAllowed);
    await waitFor(() => expect(alert).toHaveFocus());
    await expect(canvas.getByRole('region', { name: 'Subscription' })).toHaveTextContent(/Active/);
  },
};
