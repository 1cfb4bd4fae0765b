import { createSignature, type FlittParams } from '@flitt-checkout/core';
import { randomHex20 } from '../randomHex.ts';
import { doctorOrderId, isFlittHost, TEST_MERCHANTS } from './checkCredentials.ts';
import { type Finding, finding } from './findings.ts';
import { errorCodeOf, flittRequest } from './flittRequest.ts';
import {
  FLITT_CALLBACK_TIMEOUT_MS,
  httpUrl,
  isPrivateHost,
  type ProbeOptions,
  type ProbeResult,
  probe,
} from './probe.ts';

/** What the callback check needs; `credentialsValid` comes from the credentials check. */
export interface CallbackTarget {
  readonly callbackUrl: string;
  readonly merchantId: number;
  readonly secretKey: string;
  readonly baseUrl: string;
  readonly production: boolean;
  readonly credentialsValid: boolean;
  /** An order of this merchant whose signed status is posted as the genuine callback. */
  readonly orderId?: string;
  /** Currency of the unpaid order made for the genuine callback when there is no `orderId`. */
  readonly currency: string;
}

// The headers of Flitt's callbacks (docs.flitt.com/api/callbacks), as the sandbox sends them: a
// merchant that filters on them sees the doctor's callbacks as Flitt's.
const CALLBACK_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64; Twisted) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/63.0.3239.108 Safari/537.36',
};

const postCallback = (url: string, body: FlittParams, options: ProbeOptions) =>
  probe(url, { method: 'POST', headers: CALLBACK_HEADERS, body: JSON.stringify(body) }, options);

/** Answer first, work after: the fix for a callback that is slow or too slow. */
const ANSWER_FIRST =
  'Answer 200 as soon as the callback is verified and recorded; do slow work (e-mail, fulfilment) after answering or in a queue.';

/** A genuine callback answered after this long is reported: half the limit, at most 5 s. */
const slowCallbackMs = (timeoutMs: number) => Math.min(5000, timeoutMs / 2);

/** The same URL but for one trailing slash: what a framework's "canonical URL" redirect does. */
function onlySlashDiffers(url: URL, location: string): boolean {
  const target = httpUrl(new URL(location, url).href);
  if (!target || target.origin !== url.origin || target.search !== url.search) return false;
  const strip = (path: string) => path.replace(/\/+$/, '');
  return target.pathname !== url.pathname && strip(target.pathname) === strip(url.pathname);
}

/**
 * Checks the callback URL as Flitt uses it: https in production, an answer within the time limit
 * without a redirect, a forged callback refused, and a genuine signed one answered 200.
 *
 * The forged callback names an order that does not exist (`flitt-checkout-doctor-…`) and is
 * signed with a random key, so a merchant that checks signatures changes nothing. The genuine one
 * is the signed status of `orderId`, or (outside production) of an unpaid order made for it: the
 * same object Flitt would post, which a merchant's handler reads back from Flitt and accepts.
 */
export async function checkCallback(
  target: CallbackTarget,
  options: ProbeOptions,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (id: string, severity: Finding['severity'], message: string, fix?: string) =>
    findings.push(finding('callback', id, severity, message, fix));
  const url = httpUrl(target.callbackUrl);
  if (!url) {
    add(
      'url_invalid',
      'error',
      `${JSON.stringify(target.callbackUrl)} is not an absolute http(s) URL.`,
      'Pass the full URL Flitt posts to, e.g. --callback-url https://shop.example/api/flitt/callback.',
    );
    return findings;
  }
  const shown = url.href;
  if (url.protocol === 'http:')
    add(
      'http',
      target.production ? 'error' : 'info',
      `${shown} is plain http${target.production ? ' in a production environment: the order data and its signature travel unencrypted' : ' (fine for a test on this machine only)'}.`,
      'Serve the callback route over https and pass the https URL as callbackUrl.',
    );

  if (target.production && isPrivateHost(url))
    add(
      'not_public',
      'error',
      `${url.host} is reachable from this machine or network only: Flitt posts callbacks from the internet (54.154.216.60, 3.75.125.89) and cannot reach it.`,
      "Pass the shop's public https URL as callbackUrl (behind a proxy: the public host, not the app's local address).",
    );

  // A --timeout other than Flitt's own is the limit given, not Flitt's.
  const seconds = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
  const flitt = seconds(FLITT_CALLBACK_TIMEOUT_MS);
  const limit =
    options.timeoutMs === FLITT_CALLBACK_TIMEOUT_MS
      ? `Flitt's ${flitt}`
      : `the ${seconds(options.timeoutMs)} limit given (Flitt waits ${flitt})`;

  /** Findings every kind of answer shares; true when the answer is one to judge further. */
  const reached = (
    result: ProbeResult,
    what: string,
  ): result is ProbeResult & { kind: 'answer' } => {
    if (result.kind === 'unreachable') {
      add(
        'unreachable',
        'error',
        `${shown} could not be reached (${result.reason}): Flitt cannot deliver callbacks, so your shop never hears of a payment.`,
        'Check the host name, the port and the TLS certificate, and that the route is public (Flitt posts from 54.154.216.60 and 3.75.125.89).',
      );
      return false;
    }
    if (result.kind === 'timeout') {
      add(
        'timeout',
        'error',
        `${shown} did not answer ${what} within ${limit}: Flitt counts a callback not answered in time as failed and retries it.`,
        ANSWER_FIRST,
      );
      return false;
    }
    if (result.status >= 300 && result.status < 400) {
      const location = result.location ?? '(no Location)';
      if (result.location && onlySlashDiffers(url, result.location))
        add(
          'trailing_slash',
          'error',
          `${shown} answers ${result.status} to ${new URL(result.location, url).href}, the same path with${url.pathname.endsWith('/') ? 'out' : ''} a trailing slash: Flitt follows no redirect, so every callback fails.`,
          `Use ${new URL(result.location, url).href} as callbackUrl, or serve the route without the redirect.`,
        );
      else
        add(
          'redirect',
          'error',
          `${shown} answers ${result.status} (redirect to ${location}): Flitt follows no redirect, so every callback fails.`,
          'Pass the final URL as callbackUrl (the https one, the right host name) and keep redirects off this route.',
        );
      return false;
    }
    return true;
  };

  // 1. A forged callback: the merchant must refuse it.
  const forgedId = doctorOrderId();
  const forged: Record<string, string | number> = {
    order_id: forgedId,
    merchant_id: target.merchantId,
    amount: 100,
    currency: target.currency,
    actual_amount: 100,
    actual_currency: target.currency,
    order_status: 'approved',
    response_status: 'success',
    tran_type: 'purchase',
    payment_system: 'card',
    masked_card: '444455XXXXXX1111',
  };
  // Signed with a random key: well-formed, and wrong.
  forged.signature = await createSignature(forged, randomHex20());
  const first = await postCallback(shown, forged, options);
  if (!reached(first, 'a callback')) return findings;
  if (first.status === 404 || first.status === 405) {
    add(
      'not_found',
      'error',
      `${shown} answered ${first.status} to a POST: there is no callback route here, so every callback Flitt sends fails.`,
      "Mount the callback handler (createFlittHandlers' callback) for POST at exactly this URL, and pass that URL as callbackUrl.",
    );
    return findings;
  }
  if (first.status >= 200 && first.status < 300)
    add(
      'forged_accepted',
      'error',
      `${shown} answered ${first.status} to a forged callback (order ${forgedId}, approved, wrong signature): anyone can tell your shop that an order is paid.`,
      `Verify the signature with your secret key and answer 400 when it fails (createFlittHandlers' callback does, and reads the order back from Flitt); check that nothing was fulfilled for ${forgedId}.`,
    );
  else if (first.status >= 500)
    add(
      'forged_server_error',
      'warning',
      `${shown} answered ${first.status} to a forged callback: a callback it cannot verify should get 400, not a server error (Flitt retries errors).`,
      "Look in the server's log for the error; verify the signature first and answer 400 when it fails.",
    );
  else
    add(
      'forged_rejected',
      'ok',
      `${shown} refused a forged callback with ${first.status} (${first.ms} ms).`,
    );

  // 2. A genuine signed callback: the merchant must answer 200.
  const skip = (why: string, fix: string) => add('genuine_skipped', 'info', why, fix);
  if (!target.credentialsValid) {
    skip(
      'no genuine callback was sent: the credentials do not work (see credentials.*).',
      'Fix the credentials and run the doctor again.',
    );
    return findings;
  }
  let orderId = target.orderId;
  if (orderId === undefined) {
    // An unpaid order of its own only where it harms nobody: a sandbox, or Flitt's test merchant.
    const onFlitt = isFlittHost(target.baseUrl);
    if (target.production || (onFlitt && !TEST_MERCHANTS.has(target.merchantId))) {
      skip(
        `no genuine callback was sent: ${target.production ? 'in production' : "with a live merchant on Flitt's host"} the doctor makes no order of its own.`,
        'Pass --order-id with an order of this merchant (a test payment you made) to post its signed status as a callback.',
      );
      return findings;
    }
    orderId = doctorOrderId();
    const created = await flittRequest(
      target.baseUrl,
      '/api/checkout/url',
      {
        order_id: orderId,
        merchant_id: target.merchantId,
        order_desc: 'flitt-checkout doctor: a test order, never paid',
        amount: 100,
        currency: target.currency,
      },
      target.secretKey,
      options,
    );
    if (created.kind !== 'response' || errorCodeOf(created.response) !== undefined) {
      skip(
        `no genuine callback was sent: ${target.baseUrl} did not create a test order (${created.kind === 'response' ? `error ${String(created.response.error_code)}` : created.reason}).`,
        'Pass --order-id with an order of this merchant to post its signed status as a callback.',
      );
      return findings;
    }
  }
  const status = await flittRequest(
    target.baseUrl,
    '/api/status/order_id',
    { order_id: orderId, merchant_id: target.merchantId },
    target.secretKey,
    options,
  );
  if (status.kind !== 'response' || errorCodeOf(status.response) !== undefined) {
    const code = status.kind === 'response' ? errorCodeOf(status.response) : undefined;
    if (code === 1018)
      add(
        'order_unknown',
        'error',
        `Flitt knows no order ${orderId} of merchant ${target.merchantId} (1018), so no genuine callback was sent.`,
        'Pass --order-id with an order id this merchant created.',
      );
    else
      skip(
        `no genuine callback was sent: the status of ${orderId} could not be read (${status.kind === 'response' ? `error ${String(status.response.error_code)}` : status.reason}).`,
        'Run the doctor again; pass --order-id with an order of this merchant.',
      );
    return findings;
  }
  const genuine = status.response as FlittParams;
  const second = await postCallback(shown, genuine, options);
  if (!reached(second, 'a genuine callback')) return findings;
  const about = `order ${orderId}, ${String(genuine.order_status)}, signed with merchant ${target.merchantId}'s key`;
  if (second.status === 200) {
    add(
      'genuine_accepted',
      'ok',
      `${shown} answered 200 to a genuine callback (${about}) in ${second.ms} ms.`,
    );
    if (second.ms > slowCallbackMs(options.timeoutMs))
      add(
        'genuine_slow',
        'warning',
        `${shown} took ${second.ms} ms to answer a genuine callback: within ${limit}, but a handler this slow passes it on a busy day (a slow database or mail server), and Flitt then counts the callback as failed and retries it.`,
        ANSWER_FIRST,
      );
  } else
    add(
      'genuine_rejected',
      'error',
      `${shown} answered ${second.status} to a genuine callback (${about}): Flitt counts only 200, retries and then gives up, so your shop never hears of the payment.`,
      second.status >= 500
        ? "Look in the server's log for this order's error; answer 200 once the callback is verified and recorded."
        : 'Check that the server signs with this merchant id and key (no trailing newline in FLITT_SECRET_KEY), talks to the same Flitt as the doctor (--base-url or FLITT_BASE_URL), and reads JSON and form bodies.',
    );
  return findings;
}
