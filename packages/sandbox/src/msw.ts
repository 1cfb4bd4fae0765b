import { HttpResponse, http, type RequestHandler } from 'msw';
import { type Sandbox, SandboxConnectionReset } from './createSandbox.ts';

/** Options of `sandboxHandlers`. */
export interface SandboxHandlersOptions {
  /**
   * The address the requests come from, as the sandbox's payout allow-list sees it
   * (`SandboxMerchant.payoutIps`): msw cannot know it. Unknown (refused by an allow-list) by default.
   */
  clientAddress?: string;
}

/**
 * msw handlers that answer every request to the sandbox's base URL with the sandbox engine, for
 * unit tests (msw/node) and Storybook (msw/browser). A `reset` fault becomes a network error.
 *
 * @example
 * import { setupServer } from 'msw/node';
 *
 * const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com' });
 * const server = setupServer(...sandboxHandlers(sandbox));
 */
export function sandboxHandlers(
  sandbox: Sandbox,
  options: SandboxHandlersOptions = {},
): RequestHandler[] {
  const info = { clientAddress: options.clientAddress };
  return [
    http.all(`${sandbox.baseUrl}/*`, async ({ request }) => {
      try {
        return await sandbox.handle(request, info);
      } catch (error) {
        if (error instanceof SandboxConnectionReset) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
