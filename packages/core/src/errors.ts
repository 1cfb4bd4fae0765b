/** Stable, machine-readable codes carried by every error this library throws. */
export type FlittErrorCode =
  | 'invalid_order'
  | 'invalid_response'
  | 'invalid_signature_input'
  | 'invalid_config'
  | (string & {});

/**
 * Base class of every error thrown by flitt-checkout; `code` is stable across versions, `message`
 * says what happened, what was expected and what to do.
 *
 * @example
 * try { assertValidOrder(params); } catch (e) { if (e instanceof FlittError) console.log(e.code); }
 */
export class FlittError extends Error {
  override name = 'FlittError';
  readonly code: FlittErrorCode;

  constructor(code: FlittErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What kind of rule a parameter broke; `flittCode` is what Flitt would answer for it. */
export type ValidationIssueKind =
  | 'missing'
  | 'empty'
  | 'type'
  | 'format'
  | 'too_long'
  | 'range'
  | 'separator'
  | 'surrogate'
  | 'unknown'
  | 'conflict';

/** One broken rule, naming the parameter and how to fix it. */
export interface ValidationIssue {
  readonly param: string;
  readonly kind: ValidationIssueKind;
  readonly message: string;
  /** The `error_code` Flitt answers for this mistake (1007, 1009, 1011, 1023, 1034 …). */
  readonly flittCode: number;
}

/**
 * Thrown (or returned) when order parameters break Flitt's rules; `issues` lists every problem,
 * each naming its parameter, so one round of fixes is enough.
 *
 * @example
 * const r = validateOrder(params); if (!r.ok) r.error.issues.forEach((i) => console.log(i.param, i.message));
 */
export class FlittValidationError extends FlittError {
  override name = 'FlittValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], what = 'order parameters') {
    const list = issues.map((i) => `  - ${i.param}: ${i.message}`).join('\n');
    super(
      'invalid_order',
      `[flitt-checkout] ${issues.length} problem${issues.length === 1 ? '' : 's'} in the ${what}; nothing was sent to Flitt:\n${list}`,
    );
    this.issues = issues;
  }
}

/**
 * Thrown when something that claims to come from Flitt has a shape Flitt never sends.
 *
 * @example
 * try { parseFlittResponse(body); } catch (e) { if (e instanceof FlittResponseError) log(e.message); }
 */
export class FlittResponseError extends FlittError {
  override name = 'FlittResponseError';
}

/**
 * Thrown at creation time when the configuration cannot work (missing key, bad merchant id …).
 *
 * @example
 * new FlittConfigError('missing_secret_key', '[flitt-checkout] secretKey is empty: pass the payment key.');
 */
export class FlittConfigError extends FlittError {
  override name = 'FlittConfigError';
}
