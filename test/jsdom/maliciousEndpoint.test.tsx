// A compromised or buggy merchant endpoint answers what it likes. The components must never leave
// for anything but Flitt's checkout origin, never hand a non-token to checkout.js, and never turn
// text into markup.
import { isSafeCheckoutUrl } from '@flitt-checkout/core';
import {
  FlittCheckoutButton,
  FlittProvider,
  type FlittProviderProps,
  useFlittCheckout,
} from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';

const { server } = setupFlittTestServer();
const answer = (body: Record<string, unknown>) =>
  server.use(
    http.post(
      `${API_BASE}/checkout`,
      () =>
        new HttpResponse(JSON.stringify({ flow: 'redirect', ...body }), {
          headers: { 'content-type': 'application/json' },
        }),
    ),
  );

async function clickPay(provider: Partial<FlittProviderProps> = {}) {
  const navigate = vi.fn();
  const onError = vi.fn();
  const user = userEvent.setup();
  render(
    <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate} {...provider}>
      <FlittCheckoutButton order={{ cartId: 1 }} onError={onError} />
    </FlittProvider>,
  );
  await user.click(await screen.findByRole('button', { name: 'Pay' }));
  await screen.findByRole('alert');
  return { navigate, onError };
}

const UNSAFE_URLS: unknown[] = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:https://pay.flitt.com/5f0c',
  'http://pay.flitt.com/merchants/x/default/index.html',
  'https://pay.flitt.com.evil.example/merchants/x',
  'https://pay.flitt.com@evil.example/',
  'https://user:pass@pay.flitt.com/merchants/x',
  'https://evil.example/https://pay.flitt.com/',
  'https://pay.flitt.com:8443/merchants/x',
  'https://pay-flitt.com/merchants/x',
  'https://xn--pay-flitt-4ya.com/',
  '//evil.example/x',
  '/checkout/success',
  `https://pay.flitt.com/${'a'.repeat(5000)}`,
  '',
];

describe('checkout_url from a compromised endpoint', () => {
  it.each(UNSAFE_URLS.map((url) => [String(url).slice(0, 60), url]))(
    'refuses %s',
    async (_label, checkoutUrl) => {
      answer({ orderId: 'o-1', checkoutUrl });
      const { navigate, onError } = await clickPay();
      expect(navigate).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'failed', code: 'unsafe_checkout_url' }),
      );
    },
  );

  it.each<[string, unknown]>([
    ['a number', 42],
    ['an object', { href: 'https://pay.flitt.com/' }],
    ['null', null],
    ['an array', ['https://pay.flitt.com/']],
  ])('refuses a checkoutUrl that is %s', async (_label, checkoutUrl) => {
    answer({ orderId: 'o-1', checkoutUrl });
    const { navigate, onError } = await clickPay();
    expect(navigate).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_response' }));
  });

  it('follows Flitt’s own URL, including the spellings the URL parser folds into it', async () => {
    for (const url of [
      'https://pay.flitt.com/merchants/x/default/index.html?token=abc',
      'HTTPS://PAY.FLITT.COM/merchants/x',
      'https://pay.flitt.com:443/merchants/x',
    ]) {
      answer({ orderId: 'o-1', checkoutUrl: url });
      const navigate = vi.fn();
      const user = userEvent.setup();
      const view = render(
        <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate}>
          <FlittCheckoutButton order={{ cartId: 1 }} />
        </FlittProvider>,
      );
      await user.click(await screen.findByRole('button', { name: 'Pay' }));
      await waitFor(() => expect(navigate).toHaveBeenCalledWith(url));
      view.unmount();
    }
  });

  it('never calls anything safe that is not https on pay.flitt.com (property, 3 000 strings)', () => {
    const part = fc.constantFrom(
      'https://',
      'http://',
      'javascript:',
      'data:',
      '//',
      'pay.flitt.com',
      'pay.flitt.com.',
      'evil.example',
      '@',
      ':',
      ':443',
      ':8443',
      '/',
      '\\',
      '.',
      '%2e',
      '%40',
      '\t',
      ' ',
      '#',
      '?',
      'xn--',
      '。',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(part, fc.string({ maxLength: 4 })), { maxLength: 8 }),
        (parts) => {
          const url = parts.join('');
          if (!isSafeCheckoutUrl(url)) return;
          const parsed = new URL(url);
          expect(parsed.origin).toBe('https://pay.flitt.com');
          expect(parsed.username + parsed.password).toBe('');
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('a custom api whose createCheckout answers nonsense', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'https://pay.flitt.com/x'],
    [
      'an embedded answer to a redirect',
      { flow: 'embedded', orderId: 'o-1', token: 'a'.repeat(40) },
    ],
  ])('resolving %s fails with a retry instead of spinning', async (_label, value) => {
    const navigate = vi.fn();
    const onError = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider
        locale={en}
        api={{ createCheckout: async () => value as never, getStatus: vi.fn() }}
        navigate={navigate}
      >
        <FlittCheckoutButton order={{ cartId: 1 }} onError={onError} />
      </FlittProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Pay' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(navigate).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'failed', code: expect.stringMatching(/^invalid_/) }),
    );
  });
});

describe('tokens from a compromised endpoint', () => {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <FlittProvider locale={en} apiBase={API_BASE}>
      {children}
    </FlittProvider>
  );
  it.each<[string, unknown, string]>([
    ['markup', '"><img src=x onerror=alert(1)>', 'invalid_token'],
    ['a script', '<script>alert(1)</script>', 'invalid_token'],
    ['39 hex characters', 'f'.repeat(39), 'invalid_token'],
    ['41 hex characters', 'f'.repeat(41), 'invalid_token'],
    ['a path', '../../checkout.js', 'invalid_token'],
    ['a JavaScript URL', 'javascript:alert(1)', 'invalid_token'],
    ['a number', 1234567890, 'invalid_response'],
    ['an object', { token: 'f'.repeat(40) }, 'invalid_response'],
  ])('refuses %s as a token', async (_label, token, code) => {
    answer({ flow: 'embedded', orderId: 'o-1', token });
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded' }), { wrapper });
    result.current.start({ cartId: 1 });
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'failed', code }));
    expect('token' in result.current.state).toBe(false);
  });
});

describe('text never becomes markup', () => {
  it('renders a merchant’s message containing HTML as text', async () => {
    server.use(
      http.post(`${API_BASE}/checkout`, () =>
        HttpResponse.json({ error: { code: 'internal_error' } }, { status: 500 }),
      ),
    );
    const hostile = '<img src=x onerror="window.__pwned=1">Call us';
    server.use(
      http.post(`${API_BASE}/checkout`, () =>
        HttpResponse.json(
          { error: { code: 'internal_error', payerMessage: hostile } },
          { status: 500 },
        ),
      ),
    );
    await clickPay();
    const alert = screen.getByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(hostile));
    expect(alert.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
