// Saved cards against the real pieces: the kit's test merchant with a memory vault, the
// payer being whoever the shop's sign-in says (`customer`), and the sandbox behind msw.
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { createMemoryCardVault } from '@flitt-checkout/server';
import { createTestMerchant } from '@flitt-checkout/test-kit/merchant';
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type ReactNode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FlittAddCard } from './FlittAddCard.tsx';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
import { FlittPaymentResult } from './FlittPaymentResult.tsx';
import { FlittProvider } from './FlittProvider.tsx';
import { FlittSaveCardCheckbox } from './FlittSaveCardCheckbox.tsx';
import { FlittSavedCards } from './FlittSavedCards.tsx';
import { en, enResult, enSavedCards } from './locales/en.ts';
import { ka, kaSavedCards } from './locales/ka.ts';
import { ru, ruSavedCards } from './locales/ru.ts';
import { useFlittSavedCards } from './useFlittSavedCards.ts';

const API_BASE = 'http://localhost:3000/api/flitt';
/** Who the shop's sign-in says is paying (its session cookie); null: nobody. */
let customer: string | null = null;
const vault = createMemoryCardVault();
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
const { handlers } = createTestMerchant(sandbox, {
  callbackUrl: `${API_BASE}/callback`,
  vault,
  cardCheck: { amount: 100, currency: 'GEL' },
  customerOf: () => customer,
});
let cardRequests: { method: string; body: unknown }[] = [];
let checkoutBodies: unknown[] = [];
const server = setupServer(
  ...sandboxHandlers(sandbox),
  http.post(`${API_BASE}/checkout`, async ({ request }) => {
    checkoutBodies.push(await request.clone().json());
    return handlers.createCheckout(request);
  }),
  http.get(`${API_BASE}/status`, ({ request }) => handlers.status(request)),
  http.all(`${API_BASE}/cards`, async ({ request }) => {
    cardRequests.push({
      method: request.method,
      body: request.method === 'POST' ? await request.clone().json() : undefined,
    });
    return handlers.cards(request);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  cardRequests = [];
  checkoutBodies = [];
  customer = null;
});
afterAll(() => {
  server.close();
  sandbox.close();
});

let payers = 0;
/** A new signed-in payer, with no cards yet. */
const signIn = () => {
  payers += 1;
  customer = `payer-${payers}`;
  return customer;
};

/** Pays a checkout with `card` asking to save it, as the payer's first purchase did. */
async function saveCard(card = '4444555511116666') {
  const response = await handlers.createCheckout(
    new Request(`${API_BASE}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        flow: 'embedded',
        order: { items: [{ sku: 'tea', qty: 1 }] },
        saveCard: true,
      }),
    }),
  );
  const { token } = (await response.json()) as { token: string };
  await sandbox.control.pay(token, card);
  await sandbox.control.callbacksIdle();
}

/** A card the shop kept whose token Flitt never issued (or has forgotten): Flitt answers 1035. */
async function saveForgottenCard(last4: string, expiresAt: number | null = null) {
  const orderId = `imported-${customer}-${last4}`;
  await vault.expect(orderId, customer as string);
  return vault.save(orderId, {
    rectoken: `Forgotten${last4}00000000000000000000000000000000000`,
    brand: 'MasterCard',
    maskedPan: `555555XXXXXX${last4}`,
    expiresAt,
  });
}

const honey = { items: [{ sku: 'honey', qty: 1 }], amount: 1 };

function show(props: Partial<Parameters<typeof FlittSavedCards>[0]> = {}, locale = en) {
  const onApproved = vi.fn();
  const onDeclined = vi.fn();
  const onUseNewCard = vi.fn();
  const user = userEvent.setup();
  render(
    <FlittProvider apiBase={API_BASE} locale={locale}>
      <FlittSavedCards
        order={honey}
        texts={locale === ka ? kaSavedCards : enSavedCards}
        onApproved={onApproved}
        onDeclined={onDeclined}
        onUseNewCard={onUseNewCard}
        {...props}
      />
    </FlittProvider>,
  );
  return { onApproved, onDeclined, onUseNewCard, user };
}

const region = () => screen.getByRole('region', { name: enSavedCards.title });
const payments = () => sandbox.control.orders().length;

describe('useFlittSavedCards', () => {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <FlittProvider apiBase={API_BASE} locale={en}>
      {children}
    </FlittProvider>
  );

  it('refuses to act on a card that is not listed, or has expired, and sends nothing', async () => {
    signIn();
    await saveCard();
    const expired = await saveForgottenCard('4444', Date.now() - 1000);
    const { result } = renderHook(() => useFlittSavedCards(enSavedCards), { wrapper });
    await waitFor(() => expect(result.current.list.status).toBe('ready'));
    const cards = result.current.list.status === 'ready' ? result.current.list.cards : [];
    expect(cards.map((c) => [c.last4, c.expired])).toEqual([
      ['4444', true],
      ['6666', false],
    ]);
    const before = payments();
    cardRequests = [];
    // Another payer's card id, or one made up: not in this payer's list.
    act(() => {
      expect(result.current.pay('card_0123456789abcdef0123', honey)).toBe(false);
      expect(result.current.remove('card_0123456789abcdef0123')).toBe(false);
      expect(result.current.pay(String(expired?.id), honey)).toBe(false);
    });
    expect(result.current.payment).toEqual({ status: 'idle' });
    expect(cardRequests).toEqual([]);
    expect(payments()).toBe(before);
  });

  it('sends one payment for two calls before a render, and the server prices it', async () => {
    signIn();
    await saveCard();
    const onApproved = vi.fn();
    const { result } = renderHook(() => useFlittSavedCards(enSavedCards, { onApproved }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.list.status).toBe('ready'));
    const [card] = result.current.list.status === 'ready' ? result.current.list.cards : [];
    act(() => {
      expect(result.current.pay(String(card?.id), honey)).toBe(true);
      expect(result.current.pay(String(card?.id), honey)).toBe(false);
    });
    await waitFor(() => expect(result.current.payment.status).toBe('approved'));
    expect(cardRequests.filter((r) => r.method === 'POST')).toEqual([
      {
        method: 'POST',
        body: { action: 'pay', cardId: card?.id, order: honey, attempt: expect.any(String) },
      },
    ]);
    // 18.00 ₾ for the honey: the `amount: 1` in the browser's reference changes nothing.
    expect(onApproved).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'approved', amount: 1800, currency: 'GEL' }),
    );
  });

  it('keeps the attempt while the charge is still processing, and starts a new one once it settled', async () => {
    const card = {
      id: 'card_1',
      brand: 'VISA',
      maskedPan: '444455XXXXXX6666',
      last4: '6666',
      expiresAt: null,
      expired: false,
    };
    const answer = (status: 'processing' | 'approved') => ({
      orderId: 'shop-1',
      status,
      responseCode: null,
      amount: 1800,
      currency: 'GEL',
      reversalAmount: 0,
      payerMessage: '',
    });
    // Your own transport (the `api` option): the answers a slow Flitt gives, in order.
    const attempts: (string | undefined)[] = [];
    const answers = [answer('processing'), answer('approved'), answer('approved')];
    const api = {
      list: async () => ({ cards: [card] }),
      pay: async (_id: string, _order: unknown, _signal: AbortSignal, attempt?: string) => {
        attempts.push(attempt);
        return answers.shift() ?? answer('approved');
      },
      remove: async () => ({ cards: [] }),
      add: async () => {
        throw new Error('not used');
      },
    };
    const { result } = renderHook(() => useFlittSavedCards(enSavedCards, { api }), { wrapper });
    await waitFor(() => expect(result.current.list.status).toBe('ready'));
    act(() => void result.current.pay('card_1', honey));
    await waitFor(() => expect(result.current.payment.status).toBe('processing'));
    act(() => void result.current.pay('card_1', honey));
    await waitFor(() => expect(result.current.payment.status).toBe('approved'));
    act(() => void result.current.pay('card_1', honey));
    await waitFor(() => expect(attempts).toHaveLength(3));
    // The repeat of a processing charge is the same attempt; after the approval, a new one.
    expect(attempts[1]).toBe(attempts[0]);
    expect(attempts[2]).not.toBe(attempts[0]);
  });

  it('asks once when nobody is signed in: a refusal is not retried', async () => {
    const { result } = renderHook(() => useFlittSavedCards(enSavedCards), { wrapper });
    await waitFor(() => expect(result.current.list.status).toBe('signed_out'));
    expect(result.current.list).toEqual({
      status: 'signed_out',
      message: expect.stringMatching(/sign in/i),
    });
    expect(cardRequests).toHaveLength(1);
  });
});

describe('FlittSavedCards', () => {
  it('lists the payer’s cards as a radio group, the expired one shown as expired and not payable', async () => {
    signIn();
    await saveCard('4444555511116666');
    await saveForgottenCard('4444', Date.now() - 1000);
    show();
    // The live region is there from the start, saying what is happening.
    expect(screen.getByRole('status')).toHaveTextContent(enSavedCards.loading);
    const group = await screen.findByRole('radiogroup', { name: 'Saved cards' });
    const visa = within(group).getByRole('radio', { name: 'VISA •••• 6666' });
    const expired = within(group).getByRole('radio', { name: 'MasterCard •••• 4444, expired' });
    expect(visa).toBeChecked();
    expect(expired).toBeDisabled();
    expect(expired).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Pay with •••• 6666' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Remove card •••• 4444' })).toBeVisible();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('pays with the chosen card: busy while it pays, focus kept, the approval announced', async () => {
    signIn();
    await saveCard('4444555511116666');
    await saveCard('4444777799991111');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.post(`${API_BASE}/cards`, async ({ request }) => {
        cardRequests.push({ method: 'POST', body: await request.clone().json() });
        await held;
        return handlers.cards(request);
      }),
    );
    const { onApproved, user } = show();
    // The newest card is chosen first; the payer picks the other one.
    expect(await screen.findByRole('radio', { name: 'VISA •••• 1111' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'VISA •••• 6666' }));
    const pay = screen.getByRole('button', { name: 'Pay with •••• 6666' });
    await user.click(pay);
    expect(pay).toHaveAccessibleName(enSavedCards.paying);
    expect(pay).toHaveAttribute('aria-disabled', 'true');
    expect(pay).toHaveAttribute('aria-busy', 'true');
    expect(region()).toHaveAttribute('aria-busy', 'true');
    await user.click(pay);
    release();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Thank you/));
    expect(pay).toHaveFocus();
    expect(pay).toHaveAccessibleName('Pay with •••• 6666');
    // Paid: the same button must not pay for the order again.
    expect(pay).toHaveAttribute('aria-disabled', 'true');
    await user.click(pay);
    expect(cardRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(onApproved).toHaveBeenCalledTimes(1);
    expect(onApproved.mock.calls[0]?.[0]).toMatchObject({ status: 'approved', amount: 1800 });
  });

  it('tells a decline in the server’s words, focused, and tries again', async () => {
    signIn();
    // The sandbox's card whose later charges decline (1037): the one-click charge is refused.
    await saveCard('4000001099000002');
    const { onDeclined, onApproved, user } = show();
    await user.click(await screen.findByRole('button', { name: 'Pay with •••• 0002' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your card doesn’t have enough funds');
    expect(alert).toHaveFocus();
    expect(onDeclined).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'declined', responseCode: 1037, amount: 1800 }),
    );
    const charges = () => cardRequests.filter((r) => r.method === 'POST').length;
    expect(charges()).toBe(1);
    // "Try again" is a new charge the payer chose (never an automatic retry): refused again.
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onDeclined).toHaveBeenCalledTimes(2));
    expect(charges()).toBe(2);
    expect(await screen.findByRole('alert')).toHaveTextContent('enough funds');
    expect(onApproved).not.toHaveBeenCalled();
  });

  it('repeats a payment that got no answer as the same attempt: charged once, however often the payer tries', async () => {
    signIn();
    await saveCard();
    const sent: { attempt?: string }[] = [];
    // The shop charged the card, but its answer never reached the browser.
    server.use(
      http.post(
        `${API_BASE}/cards`,
        async ({ request }) => {
          sent.push((await request.clone().json()) as { attempt?: string });
          await handlers.cards(request);
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    const charged = () => sandbox.control.orders().filter((o) => o.amount === 1800).length;
    const before = charged();
    const { onApproved, user } = show();
    await user.click(await screen.findByRole('button', { name: 'Pay with •••• 6666' }));
    const alert = await screen.findByRole('alert');
    expect(charged()).toBe(before + 1);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1));
    // The repeat carried the first attempt's id; the server read the charge back.
    const repeat = cardRequests.filter((r) => r.method === 'POST').at(-1)?.body as {
      attempt?: string;
    };
    expect(sent[0]?.attempt).toMatch(/^[0-9a-f]{32}$/);
    expect(repeat.attempt).toBe(sent[0]?.attempt);
    expect(charged()).toBe(before + 1);
  });

  it('says a card Flitt no longer takes (410) can’t be used, refreshes the list and offers a new card', async () => {
    signIn();
    await saveCard();
    await saveForgottenCard('1234');
    const before = payments();
    const { onUseNewCard, user } = show({}, ka);
    const forgotten = await screen.findByRole('radio', { name: 'MasterCard •••• 1234' });
    await user.click(forgotten);
    await user.click(screen.getByRole('button', { name: 'გადახდა ბარათით •••• 1234' }));
    const alert = await screen.findByRole('alert');
    // The server's words, in the payer's language.
    expect(alert).toHaveTextContent(/ამ შენახული ბარათის გამოყენება აღარ შეიძლება/);
    expect(alert).toHaveFocus();
    await waitFor(() => expect(forgotten).not.toBeInTheDocument());
    expect(screen.getByRole('radio', { name: 'VISA •••• 6666' })).toBeChecked();
    expect(payments()).toBe(before);
    await user.click(within(alert).getByRole('button', { name: kaSavedCards.useNewCard }));
    expect(onUseNewCard).toHaveBeenCalledTimes(1);
  });

  it('treats a card removed elsewhere (404) the same way', async () => {
    const payer = signIn();
    await saveCard();
    const { user } = show();
    const pay = await screen.findByRole('button', { name: 'Pay with •••• 6666' });
    const [card] = await vault.list(payer);
    await vault.remove(payer, String(card?.id));
    await user.click(pay);
    expect(await screen.findByRole('alert')).toHaveTextContent(/can no longer be used/);
    await waitFor(() => expect(screen.getByText(enSavedCards.none)).toBeVisible());
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('removes a card after a confirmation, updates the list and announces it', async () => {
    const payer = signIn();
    await saveCard();
    await saveForgottenCard('4444', Date.now() - 1000);
    const { user } = show();
    const remove = await screen.findByRole('button', { name: 'Remove card •••• 4444' });
    await user.click(remove);
    // Keeping it: nothing sent, the focus back on the card's own button.
    await user.click(screen.getByRole('button', { name: 'Keep the card' }));
    expect(screen.getByRole('button', { name: 'Remove card •••• 4444' })).toHaveFocus();
    expect(cardRequests.filter((r) => r.method === 'POST')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove card •••• 4444' }));
    const confirm = screen.getByRole('button', { name: 'Remove' });
    expect(confirm).toHaveFocus();
    expect(confirm).toHaveAccessibleDescription(/To pay with it again/);
    await user.click(confirm);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Card •••• 4444 has been removed.'),
    );
    expect(screen.queryByRole('radio', { name: /4444/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Saved cards' })).toHaveFocus();
    expect((await vault.list(payer)).map((c) => c.maskedPan)).toEqual(['444455XXXXXX6666']);
  });

  it('shows that none are saved, and the way to a new card', async () => {
    signIn();
    const { onUseNewCard, user } = show();
    expect(await screen.findByText('You have no saved cards yet.')).toBeVisible();
    expect(screen.queryByRole('button', { name: /Pay with/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use a new card' }));
    expect(onUseNewCard).toHaveBeenCalledTimes(1);
  });

  it('asks a signed-out payer to sign in, with no cards to act on', async () => {
    show();
    expect(await screen.findByText(/Please sign in/)).toBeVisible();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use a new card' })).toBeVisible();
  });

  it('says when the list cannot be loaded, focused, and loads it on Try again', async () => {
    signIn();
    await saveCard();
    server.use(
      http.get(`${API_BASE}/cards`, () =>
        HttpResponse.json({ error: { code: 'internal_error' } }, { status: 500 }),
      ),
    );
    const { user } = show();
    const alert = await screen.findByRole('alert', {}, { timeout: 8000 });
    expect(alert).toHaveTextContent(enSavedCards.loadFailed);
    expect(alert).toHaveFocus();
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radio', { name: 'VISA •••• 6666' })).toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

/** A checkout page as a shop writes it: the payer's choice, kept by the shop, passed on. */
function CheckoutPage({
  navigate,
  prefetch,
}: {
  navigate: (url: string) => void;
  prefetch?: 'intent';
}) {
  const [save, setSave] = useState(false);
  return (
    <FlittProvider apiBase={API_BASE} locale={ru} navigate={navigate}>
      <FlittSaveCardCheckbox checked={save} onChange={setSave} texts={ruSavedCards} />
      <FlittCheckoutButton order={honey} saveCard={save} prefetch={prefetch ?? 'none'} />
    </FlittProvider>
  );
}

describe('saveCard and FlittSaveCardCheckbox', () => {
  it('asks the server to keep the card only when the payer ticks the box, and the card is then listed', async () => {
    const payer = signIn();
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<CheckoutPage navigate={navigate} />);
    const box = screen.getByRole('checkbox', { name: 'Сохранить карту для следующих покупок' });
    expect(box).not.toBeChecked();
    await user.click(box);
    expect(box).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Оплатить' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(checkoutBodies).toEqual([
      { flow: 'redirect', order: honey, locale: 'ru', saveCard: true },
    ]);
    // The payer pays on Flitt's page; Flitt's callback brings the card to the shop's vault.
    const order = sandbox.control.orders().at(-1);
    await sandbox.control.pay(String(order?.orderId));
    await sandbox.control.callbacksIdle();
    expect((await vault.list(payer)).map((c) => c.maskedPan)).toEqual(['444455XXXXXX6666']);
  });

  it('sends the request as it was when the box is not ticked, and keeps no card', async () => {
    const payer = signIn();
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<CheckoutPage navigate={navigate} />);
    await user.click(screen.getByRole('button', { name: 'Оплатить' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(checkoutBodies).toEqual([{ flow: 'redirect', order: honey, locale: 'ru' }]);
    await sandbox.control.pay(String(sandbox.control.orders().at(-1)?.orderId));
    await sandbox.control.callbacksIdle();
    expect(await vault.list(payer)).toEqual([]);
  });

  it('does not pay an order created ahead without saveCard once the box is ticked', async () => {
    signIn();
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<CheckoutPage navigate={navigate} prefetch="intent" />);
    const pay = screen.getByRole('button', { name: 'Оплатить' });
    await user.hover(pay);
    await waitFor(() => expect(checkoutBodies).toHaveLength(1));
    await user.click(screen.getByRole('checkbox'));
    await user.click(pay);
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    // The order made on hover asked for no token: a new one is created, asking for it.
    expect(checkoutBodies).toEqual([
      { flow: 'redirect', order: honey, locale: 'ru' },
      { flow: 'redirect', order: honey, locale: 'ru', saveCard: true },
    ]);
    const used = sandbox.control
      .orders()
      .find((o) => navigate.mock.calls[0]?.[0].includes(o.token));
    expect(used?.orderId).toBe(sandbox.control.orders().at(-1)?.orderId);
  });

  it('asks for the card on the embedded form too', async () => {
    signIn();
    render(
      <FlittProvider apiBase={API_BASE} locale={en}>
        <FlittEmbeddedCheckout order={honey} saveCard />
      </FlittProvider>,
    );
    await waitFor(() => expect(checkoutBodies).toHaveLength(1));
    expect(checkoutBodies[0]).toEqual({
      flow: 'embedded',
      order: honey,
      locale: 'en',
      saveCard: true,
    });
    await waitFor(() => expect(sandbox.control.orders().at(-1)?.amount).toBe(1800));
  });

  it('shows the shop’s refusal when nobody is signed in to keep a card for', async () => {
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<CheckoutPage navigate={navigate} />);
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Оплатить' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Войдите, чтобы сохранить карту/);
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('FlittAddCard: adding a card without buying anything', () => {
  it('checks a card on Flitt’s page, keeps it for the payer, and the result page says the card was saved', async () => {
    const payer = signIn();
    const navigate = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(
      <FlittProvider apiBase={API_BASE} locale={en} navigate={navigate}>
        <FlittAddCard flow="redirect" texts={enSavedCards} />
      </FlittProvider>,
    );
    expect(screen.getByText(enSavedCards.cardCheckNote)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add a card' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    // Only the action and the flow: the amount of the check is the server's (1.00 ₾).
    expect(cardRequests).toEqual([{ method: 'POST', body: { action: 'add', flow: 'redirect' } }]);
    expect(checkoutBodies).toEqual([]);
    const order = sandbox.control.orders().at(-1);
    expect(order).toMatchObject({ amount: 100, currency: 'GEL' });
    expect(String(navigate.mock.calls[0]?.[0])).toContain(String(order?.token));
    await sandbox.control.pay(String(order?.orderId), '4444555566669999');
    await sandbox.control.callbacksIdle();
    expect((await vault.list(payer)).map((c) => c.maskedPan)).toEqual(['444455XXXXXX9999']);
    unmount();
    // Back from Flitt: the order reads "reversed", and the page says what happened.
    render(
      <FlittProvider apiBase={API_BASE} locale={en}>
        <FlittPaymentResult texts={enResult} orderId={String(order?.orderId)} />
      </FlittProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Card saved' })).toBeInTheDocument();
    expect(screen.getByText(/card has been checked and saved/)).toBeInTheDocument();
  });

  it('calls a failed check what it is, not a payment', async () => {
    signIn();
    const added = await handlers.cards(
      new Request(`${API_BASE}/cards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'add', flow: 'redirect' }),
      }),
    );
    const { orderId } = (await added.json()) as { orderId: string };
    await sandbox.control.pay(orderId, '4444111155556666'); // declined, 1004
    await sandbox.control.callbacksIdle();
    render(
      <FlittProvider apiBase={API_BASE} locale={en}>
        <FlittPaymentResult texts={enResult} orderId={orderId} />
      </FlittProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'The card could not be checked' }),
    ).toBeInTheDocument();
    await expect(vault.list(String(customer))).resolves.toEqual([]);
  });

  it('starts the embedded check through {apiBase}/cards, with the check’s own button', async () => {
    signIn();
    render(
      <FlittProvider apiBase={API_BASE} locale={ka}>
        <FlittAddCard texts={kaSavedCards} />
      </FlittProvider>,
    );
    await waitFor(() => expect(cardRequests).toHaveLength(1));
    expect(cardRequests[0]).toEqual({ method: 'POST', body: { action: 'add', flow: 'embedded' } });
    expect(checkoutBodies).toEqual([]);
    expect(await screen.findByRole('button', { name: kaSavedCards.checkCard })).toBeInTheDocument();
  });

  it('explains a refusal in the payer’s language: nobody signed in', async () => {
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider apiBase={API_BASE} locale={ru} navigate={navigate}>
        <FlittAddCard flow="redirect" texts={ruSavedCards} />
      </FlittProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Добавить карту' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Войдите/);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('lists the cards to manage on a page without an order: no choice, no pay button, removal as usual', async () => {
    signIn();
    await saveCard();
    const { user } = show({ order: undefined });
    const list = await screen.findByRole('list');
    expect(within(list).getByRole('listitem')).toHaveTextContent('VISA •••• 6666');
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Pay with/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove card •••• 6666' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('You have no saved cards yet.')).toBeInTheDocument();
  });

  it('is offered from the saved cards once the list is there', async () => {
    signIn();
    const onAddCard = vi.fn();
    const { user } = show({ onAddCard });
    expect(screen.queryByRole('button', { name: 'Add a card' })).toBeNull();
    const add = await screen.findByRole('button', { name: 'Add a card' });
    await user.click(add);
    expect(onAddCard).toHaveBeenCalledTimes(1);
  });
});
