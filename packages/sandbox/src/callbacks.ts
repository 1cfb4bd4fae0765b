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
  /** How long the merchant took to answer (or to fail), in ms. */
  readonly durationMs: number;
  /** Set on a manual redelivery (control API, dashboard, `flitt-sandbox replay`). */
  readonly redelivery?: 'same' | { readonly field: string; readonly value: string };
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

  /**
   * Posts `body` once more, outside the retry schedule, as attempt number `attempt` (a redelivery
   * from the control API: the same signed callback, or one with a tampered field); resolves it.
   */
  async redeliver(
    url: string,
    body: Record<string, unknown>,
    order: CallbackSubject,
    attempt: number,
    redelivery: NonNullable<CallbackAttempt['redelivery']>,
  ): Promise<CallbackAttempt> {
    const run = this.post(url, body).then((answer) => {
      const record: CallbackAttempt = {
        url,
        ...order,
        attempt,
        at: this.options.now(),
        ...answer,
        body,
        redelivery,
      };
      this.attempts.push(record);
      this.options.log(
        `callback ${order.orderId} redelivered${redelivery === 'same' ? '' : ` with ${redelivery.field} tampered`} → ${url}: ${answer.status || answer.error}`,
      );
      return record;
    });
    this.track(run.then(() => {}));
    return run;
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
    const answer = await this.post(url, body);
    const { status, error } = answer;
    this.attempts.push({
      url,
      orderId: order.orderId,
      orderStatus: order.orderStatus,
      attempt: index + 1,
      at: this.options.now(),
      ...answer,
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

  /** One POST as Flitt makes it: its answer's status, or the error; and how long it took. */
  private async post(
    url: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; error?: string; durationMs: number }> {
    const started = performance.now();
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
    const durationMs = Math.round(performance.now() - started);
    return error === undefined ? { status, durationMs } : { status, error, durationMs };
  }
}
