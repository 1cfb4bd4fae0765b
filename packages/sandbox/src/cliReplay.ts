import type { CallbackAttempt } from './callbacks.ts';
import type { Tamper } from './replay.ts';

/** What `flitt-sandbox replay` asks a running sandbox. */
interface ReplayOptions {
  readonly url: string;
  readonly orderId: string;
  readonly merchantId?: number;
  readonly tamper?: Tamper;
  readonly fetch?: typeof fetch;
}

/**
 * Asks a running sandbox's control API to redeliver an order's last callback; resolves the one
 * line to print: the merchant's answer (`ok`), or why there was no delivery.
 */
export async function replayOverHttp({
  url,
  orderId,
  merchantId,
  tamper,
  fetch: fetcher = fetch,
}: ReplayOptions): Promise<{ line: string; ok: boolean }> {
  let response: Response;
  try {
    response = await fetcher(`${url}/sandbox/control/redeliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        order_id: orderId,
        ...(merchantId === undefined ? {} : { merchant_id: merchantId }),
        ...(tamper ? { tamper } : {}),
      }),
    });
  } catch (error) {
    type Cause = { code?: string; message?: string; errors?: { code?: string }[] };
    const cause = (error as { cause?: Cause }).cause;
    const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? String(error);
    return {
      ok: false,
      line: `no sandbox answers at ${url} (${reason}): start one with flitt-sandbox, or pass --url`,
    };
  }
  const body = (await response.json().catch(() => ({}))) as {
    attempt?: CallbackAttempt;
    error?: string;
  };
  if (!response.ok || !body.attempt)
    return {
      ok: false,
      line: `the sandbox at ${url} refused (HTTP ${response.status}): ${body.error ?? 'no reason given'}`,
    };
  const a = body.attempt;
  const what = tamper
    ? `with ${tamper.field}=${JSON.stringify(tamper.value)} and the original signature`
    : 'as Flitt signed it';
  const answer = a.status === 0 ? `no answer (${a.error ?? 'network error'})` : `HTTP ${a.status}`;
  return {
    ok: true,
    line: `order ${a.orderId}: callback attempt ${a.attempt} (${a.orderStatus}) ${what} → ${a.url}: the merchant answered ${answer} in ${a.durationMs} ms`,
  };
}
