// An engine chunk that never arrives (a stalled request) must not leave the button spinning: the
// click fails with `timeout` after the provider's timeoutMs, with a retry.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { API_BASE, setupFlittTestServer } from '../../../test/setup/flittTestServer.tsx';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittProvider } from './FlittProvider.tsx';

vi.mock('./engine.ts', () => new Promise(() => {}));

const { sandbox } = setupFlittTestServer();

describe('an engine chunk that never loads', () => {
  it('fails the click with a timeout after timeoutMs and stops the spinner', async () => {
    const onError = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider apiBase={API_BASE} navigate={vi.fn()} timeoutMs={300}>
        <FlittCheckoutButton order={{ cartId: 1 }} onError={onError} />
      </FlittProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Pay' }));
    expect(screen.getByRole('button', { name: 'Pay' })).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findByRole('alert', {}, { timeout: 2000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pay' })).toHaveAttribute('aria-busy', 'false');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(sandbox.control.orders()).toHaveLength(0);
  });
});
