// The payer messages and the code table are lazy chunks (the entry chunk stays small). These tests
// pin what the payer sees while they load, after they load, and when they cannot load at all.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API_BASE, setupFlittTestServer } from '../../../test/setup/flittTestServer.tsx';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittProvider } from './FlittProvider.tsx';

// The English chunk fails to load, as it would offline or after a deploy removed it.
vi.mock('./locales/en.ts', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/en.js');
});

const { server } = setupFlittTestServer();

describe('texts that cannot load', () => {
  it('still shows a failure in English with a working retry, and never crashes', async () => {
    let calls = 0;
    server.use(
      http.post(`${API_BASE}/checkout`, () => {
        calls += 1;
        return HttpResponse.json({ error: { code: 'internal_error' } }, { status: 500 });
      }),
    );
    const user = userEvent.setup();
    render(
      <FlittProvider apiBase={API_BASE} navigate={vi.fn()}>
        <FlittCheckoutButton order={{ cartId: 1 }} />
      </FlittProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Payment could not be completed');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls).toBe(2));
    expect(await screen.findByRole('alert')).toHaveTextContent('Payment could not be completed');
  });

  it('loads another locale on its own: Georgian texts do not need the English chunk', async () => {
    server.use(
      http.post(`${API_BASE}/checkout`, () =>
        HttpResponse.json({ error: { code: 'internal_error' } }, { status: 500 }),
      ),
    );
    const user = userEvent.setup();
    render(
      <FlittProvider apiBase={API_BASE} locale="ka-GE" navigate={vi.fn()}>
        <FlittCheckoutButton order={{ cartId: 1 }} />
      </FlittProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'გადახდა' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(/მაღაზია/));
    expect(screen.getByRole('button', { name: 'ხელახლა ცდა' })).toBeEnabled();
  });
});
