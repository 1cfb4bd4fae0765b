/** How bad a finding is: `error` breaks payments, `warning` may, `info` and `ok` do not. */
export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** Which part of the deployment a finding is about. */
export type DoctorCheck = 'callback' | 'return' | 'credentials' | 'apple';

/** One result of `flitt-checkout doctor`: what was found and, unless it is fine, what to do. */
export interface Finding {
  /** Stable id for CI filters, e.g. `callback.redirect`. */
  readonly id: string;
  readonly check: DoctorCheck;
  readonly severity: Severity;
  /** What was found, with the URL or value it is about (never the secret key). */
  readonly message: string;
  /** What to do about it; absent for `ok`. */
  readonly fix?: string;
}

/** The exit code of a run: 0 nothing wrong, 1 warnings, 2 errors (3 is a command line it cannot run). */
export type DoctorExitCode = 0 | 1 | 2;

/** The exit code for `findings`: the worst severity decides. */
export function exitCodeOf(findings: readonly Finding[]): DoctorExitCode {
  if (findings.some((f) => f.severity === 'error')) return 2;
  if (findings.some((f) => f.severity === 'warning')) return 1;
  return 0;
}

/** A finding of `check`, its id prefixed with the check's name (`callback.redirect`). */
export const finding = (
  check: DoctorCheck,
  id: string,
  severity: Severity,
  message: string,
  fix?: string,
): Finding =>
  fix === undefined
    ? { id: `${check}.${id}`, check, severity, message }
    : { id: `${check}.${id}`, check, severity, message, fix };
