/** Flitt's retry schedule after a callback that did not get HTTP 200, in seconds. */
export const CALLBACK_RETRY_SECONDS: readonly number[] = [2, 60, 300, 600, 3600, 86400];

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

  send(url: string, body: Record<string, unknown>): void {
    this.track(this.attempt(url, body, 0));
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

  private async attempt(url: string, body: Record<string, unknown>, index: number): Promise<void> {
    let status = 0;
    let error: string | undefined;
    try {
      const response = await this.options.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) flitt-checkout-sandbox',
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
      orderId: String(body.order_id),
      orderStatus: String(body.order_status),
      attempt: index + 1,
      at: this.options.now(),
      status,
      ...(error === undefined ? {} : { error }),
      body,
    });
    const delay = CALLBACK_RETRY_SECONDS[index];
    this.options.log(
      `callback ${body.order_id} ${body.order_status} → ${url}: ${status || error}${status === 200 || delay === undefined ? '' : `, retry in ${delay} s`}`,
    );
    if (status === 200 || delay === undefined) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.track(this.attempt(url, body, index + 1));
      },
      delay * 1000 * this.options.timeScale,
    );
    this.timers.add(timer);
  }
}
