/** Flitt's retry schedule after a callback that did not get HTTP 200, in seconds. */
export const CALLBACK_RETRY_SECONDS: readonly number[] = [2, 60, 300, 600, 3600, 86400];

/** The User-Agent of Flitt's callbacks, as its docs print it (docs.flitt.com/api/callbacks). */
const FLITT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64; Twisted) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/63.0.3239.108 Safari/537.36';

/** The order a callback is about. */
interface CallbackSubject {
  readonly orderId: string;
  readonly orderStatus: string;
}

/** One delivery attempt of a server-to-server callback. */
export interface CallbackAttempt {
  readonly url: string;
  readonly orderId: string;
  readonly orderStatus: string;
  readonly attempt: number;
  readonly at: number;
  /** HTTP status received, or 0 for a network error or timeout. */
  readonly status: number;
  readonly error?: string;
  /** What was posted: the flat signed order, or `{ response: { version: '2.0', data, signature } }`. */
  readonly body: Record<string, unknown>;
}

/** Options of the callback dispatcher. */
export interface CallbackOptions {
  readonly fetch: typeof fetch;
  /** Multiplies Flitt's schedule: 1 is real time, 0.001 turns seconds into milliseconds. */
  readonly timeScale: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

/**
 * Delivers callbacks the way Flitt does: JSON POST of the signed order, success only on HTTP 200,
 * redirects not followed, retried on Flitt's schedule, 30 s timeout per attempt.
 */
export class CallbackDispatcher {
  readonly attempts: CallbackAttempt[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: CallbackOptions) {}

  /**
   * Posts `body` (the flat signed order, or a protocol 2.0 envelope) to `url`; `order` names what
   * it carries, since an envelope's order is inside its base64.
   */
  send(url: string, body: Record<string, unknown>, order: CallbackSubject): void {
    this.track(this.attempt(url, body, order, 0));
  }

  /** Resolves when no delivery is running (scheduled retries excluded). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Number of retries waiting for their time. */
  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private track(promise: Promise<void>) {
    this.inFlight.add(promise);
    promise.finally(() => this.inFlight.delete(promise));
  }

  private async attempt(
    url: string,
    body: Record<string, unknown>,
    order: CallbackSubject,
    index: number,
  ): Promise<void> {
    let status = 0;
    let error: string | undefined;
    try {
      const response = await this.options.fetch(url, {
        method: 'POST',
        // Flitt's documented headers (docs.flitt.com/api/callbacks): a merchant that filters on
        // them meets the same values here.
        headers: {
          'content-type': 'application/json; charset=UTF-8',
          'user-agent': FLITT_USER_AGENT,
        },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    this.attempts.push({
      url,
      orderId: order.orderId,
      orderStatus: order.orderStatus,
      attempt: index + 1,
      at: this.options.now(),
      status,
      ...(error === undefined ? {} : { error }),
      body,
    });
    const delay = CALLBACK_RETRY_SECONDS[index];
    this.options.log(
      `callback ${order.orderId} ${order.orderStatus} → ${url}: ${status || error}${status === 200 || delay === undefined ? '' : `, retry in ${delay} s`}`,
    );
    if (status === 200 || delay === undefined) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.track(this.attempt(url, body, order, index + 1));
      },
      delay * 1000 * this.options.timeScale,
    );
    this.timers.add(timer);
  }
}
