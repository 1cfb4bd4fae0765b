import { FlittEmbeddedCheckout, FlittProvider, type LocaleText } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import { hy } from '@flitt-checkout/react/locales/hy';
import { ru } from '@flitt-checkout/react/locales/ru';
import { StrictMode } from 'react';
import { describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

const sandboxUrl = inject('sandboxUrl');
const apiBase = inject('apiBase');
const cart = (delayed: 'Y' | 'N' = 'N') => ({ items: [{ sku: 'tea', qty: 1 }], delayed });

async function orders(): Promise<
  { orderId: string; status: string; amount: number; token: string }[]
> {
  return (await fetch(`${sandboxUrl}/sandbox/control/orders`)).json();
}

async function fillCard(number: string) {
  await userEvent.fill(page.getByLabelText('Card number'), number);
  await userEvent.fill(page.getByLabelText('Expiry date (MM/YY)'), '12/30');
  await userEvent.fill(page.getByLabelText('CVV'), '123');
}

/** The widget's next card-form post hangs: it goes quiet, as when its reply is lost. */
async function loseNextWidgetReply() {
  await fetch(`${sandboxUrl}/sandbox/control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1, kind: 'timeout', path: '/sandbox/embedded/pay' }),
  });
}

/** Pays the newest order with `card` directly at the sandbox, as if the widget's post got through. */
async function payBehindTheWidget(card: string) {
  const last = (await orders()).at(-1);
  await fetch(`${sandboxUrl}/sandbox/embedded/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: last?.token,
      card_number: card,
      expiry_date: '12/30',
      cvv2: '123',
    }),
  });
}

function mount(
  props: Partial<Parameters<typeof FlittEmbeddedCheckout>[0]> = {},
  strict = false,
  scriptUrl?: string,
) {
  const tree = (
    <FlittProvider
      locale={en}
      apiBase={apiBase}
      sandboxOrigin={sandboxUrl}
      {...(scriptUrl ? { checkoutScriptUrl: scriptUrl } : {})}
    >
      <FlittEmbeddedCheckout order={cart()} {...props} />
    </FlittProvider>
  );
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}

describe('FlittEmbeddedCheckout in Chromium with the sandbox’s checkout.js', () => {
  it('pays with an approving card and stays in the app (callback event, no navigation)', async () => {
    const onApproved = vi.fn();
    const before = location.href;
    mount({ onApproved });
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await fillCard('4444555511116666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(onApproved.mock.calls[0]?.[0]).toMatchObject({
      status: 'approved',
      order: { order_status: 'approved' },
    });
    await expect.element(page.getByRole('status')).toHaveTextContent('Payment successful');
    expect(location.href).toBe(before);
    const orderId = onApproved.mock.calls[0]?.[0].orderId;
    await vi.waitFor(async () => {
      const received = await (await fetch(apiBase.replace('/api/flitt', '/test/received'))).json();
      expect(received.map((o: { order_id: string }) => o.order_id)).toContain(orderId);
    });
  });

  it('shows a decline in the payer’s words and retries with a new order', async () => {
    const onDeclined = vi.fn();
    mount({ onDeclined });
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await fillCard('4444111155556666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(
        'The payment was declined. Please try a different card or payment method.',
      );
    expect(onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
    const count = (await orders()).length;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    expect((await orders()).length).toBe(count + 1);
  });

  it('asks the server when the widget’s reply is lost while processing', async () => {
    const onApproved = vi.fn();
    mount({ onApproved });
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await loseNextWidgetReply();
    await fillCard('4444555511116666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Processing your payment…');
    // The payment goes through anyway (as if the reply were lost on the way back).
    await payBehindTheWidget('4444555511116666');
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 8000 });
  });

  it('does not replay the first attempt’s decline into a second attempt on a delayed order', async () => {
    const onApproved = vi.fn();
    const onDeclined = vi.fn();
    mount({ order: cart('Y'), onApproved, onDeclined });
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    // First attempt: the widget goes quiet, the server's status says declined (order still open).
    await loseNextWidgetReply();
    await fillCard('4444111155556666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await payBehindTheWidget('4444111155556666');
    await vi.waitFor(() => expect(onDeclined).toHaveBeenCalledTimes(1), { timeout: 8000 });
    // Second attempt on the same order: the widget, still waiting for its lost first reply, stays
    // quiet again, and the payment is approved behind its back.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await fillCard('4444555511116666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Processing your payment…');
    await payBehindTheWidget('4444555511116666');
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 12_000 });
    // The old 'processing' + decline code was never taken for the second attempt's answer.
    expect(onDeclined).toHaveBeenCalledTimes(1);
  }, 30_000);

  it('reaches expired when the order’s lifetime ended before paying', async () => {
    const onError = vi.fn();
    mount({ onError });
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await fetch(`${sandboxUrl}/sandbox/control/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 36_001 }),
    });
    await fillCard('4444555511116666');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    // The widget says so at once; the form, once the shop's server has confirmed it.
    await vi.waitFor(() =>
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 'expired' })),
    );
    const alert = document.querySelector('.flitt-alert');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('This payment session has expired');
    await fetch(`${sandboxUrl}/sandbox/control/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: -36_001 }),
    });
  });

  it('remounts the widget in the new language when the provider’s locale changes', async () => {
    const tree = (locale: LocaleText) => (
      <FlittProvider apiBase={apiBase} sandboxOrigin={sandboxUrl} locale={locale}>
        <FlittEmbeddedCheckout order={cart()} />
      </FlittProvider>
    );
    const view = await render(tree(en));
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await view.rerender(tree(ru));
    await vi.waitFor(
      () =>
        expect(document.querySelector('label[for$="card_number"]')?.textContent).toBe(
          'Номер карты',
        ),
      { timeout: 5000 },
    );
    expect(document.querySelectorAll('input[name="card_number"]')).toHaveLength(1);
  });

  it('gives Flitt’s form Russian for an Armenian payer (Flitt has no Armenian), the rest in Armenian', async () => {
    // What checkout.js is told: its own request for the form names the language.
    const asked: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/sandbox/embedded/info')) asked.push(String(init?.body));
      return fetch(input, init);
    };
    onTestFinished(() => {
      window.fetch = fetch;
    });
    render(
      <FlittProvider apiBase={apiBase} sandboxOrigin={sandboxUrl} locale={hy}>
        <FlittEmbeddedCheckout order={cart()} />
      </FlittProvider>,
    );
    await vi.waitFor(
      () =>
        expect(document.querySelector('label[for$="card_number"]')?.textContent).toBe(
          'Номер карты',
        ),
      { timeout: 5000 },
    );
    expect(asked.map((body) => JSON.parse(body).lang)).toEqual(['ru']);
    // Our own button speaks the payer's language.
    await expect.element(page.getByRole('button', { name: hy.ui.pay, exact: true })).toBeVisible();
  });

  it('creates one order and one form under StrictMode', async () => {
    const count = (await orders()).length;
    mount({}, true);
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    await new Promise((r) => setTimeout(r, 200));
    expect(document.querySelectorAll('input[name="card_number"]')).toHaveLength(1);
    expect((await orders()).length).toBe(count + 1);
  });

  it('mounts nothing when unmounted while the script loads, and destroys the widget on unmount', async () => {
    const early = await mount();
    early.unmount();
    await new Promise((r) => setTimeout(r, 500));
    expect(document.querySelector('.f-checkout')).toBeNull();
    const view = await mount();
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    view.unmount();
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('.f-checkout')).toBeNull();
  });

  it('reports a checkout.js that cannot load, after retries', async () => {
    const onError = vi.fn();
    mount({ onError }, false, `${sandboxUrl}/latest/checkout-vue/missing.js`);
    await expect.element(page.getByRole('alert'), { timeout: 5000 }).toBeVisible();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'script_load_failed' }));
  });
});

// 3-D Secure inside the widget's nested frame is driven with Playwright instead
// (test/e2e/sandboxChromium.spec.ts): Vitest's tester frame offsets clicks in a frame nested in it.
