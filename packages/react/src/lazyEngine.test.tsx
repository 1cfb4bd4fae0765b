// The engine chunk (order creation, transport, messages) loads right after the provider mounts.
// If it cannot load (offline, or the app was redeployed under the payer), a click fails with a
// retry instead of doing nothing, and the retry loads it again.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { API_BASE, setupFlittTestServer } from '../../../test/setup/flittTestServer.tsx';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittProvider } from './FlittProvider.tsx';

const loads = vi.hoisted(() => ({ count: 0, failFirst: 3 }));
vi.mock('./engine.ts', async (importActual) => {
  loads.count += 1;
  if (loads.count <= loads.failFirst)
    throw new Error('Failed to fetch dynamically imported module: /assets/engine.js');
  return importActual();
});

const { sandbox } = setupFlittTestServer();

describe('an engine chunk that fails to load', () => {
  it('turns a click into a retryable failure, and the retry loads it and pays', async () => {
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider apiBase={API_BASE} navigate={navigate}>
        <FlittCheckoutButton order={{ items: [{ sku: 'tea', qty: 1 }] }} />
      </FlittProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Payment could not be completed'); // the fallback text
    expect(screen.getByRole('button', { name: 'Pay' })).toBeEnabled();
    expect(sandbox.control.orders()).toHaveLength(0);
    // Loads so far: the provider's (and its react-query retries) and the click's; the next works.
    loads.failFirst = loads.count;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(sandbox.control.orders()).toHaveLength(1);
  });
});
