// The labels (per locale) load when the provider mounts, the payer messages when something needs
// saying. These tests pin what the payer sees when a text chunk cannot load at all.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API_BASE, setupFlittTestServer } from '../../../test/setup/flittTestServer.tsx';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittProvider } from './FlittProvider.tsx';

// The English labels fail to load, as they would offline or after a deploy removed the chunk.
vi.mock('./locales/ui/en.ts', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/en.js');
});

const { server } = setupFlittTestServer();

describe('texts that cannot load', () => {
  it('still pays, and a failure still shows its message with a working retry, without the labels', async () => {
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
        <FlittCheckoutButton order={{ cartId: 1 }}>Pay 7 ₾</FlittCheckoutButton>
      </FlittProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Pay 7 ₾' }));
    // The payer message comes from its own chunk, which did load.
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/can’t accept payments right now/),
    );
    await user.click(screen.getByRole('button', { name: '↻' }));
    await waitFor(() => expect(calls).toBe(2));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
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
