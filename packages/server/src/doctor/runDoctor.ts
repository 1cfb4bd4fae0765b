import { checkAppleDomain } from './checkAppleDomain.ts';
import { checkCallback } from './checkCallback.ts';
import { checkCredentials } from './checkCredentials.ts';
import { checkReturnUrl } from './checkReturnUrl.ts';
import { type DoctorExitCode, exitCodeOf, type Finding } from './findings.ts';
import { FLITT_BASE_URL, FLITT_CALLBACK_TIMEOUT_MS } from './probe.ts';

/** What to check, and how to reach the network. */
export interface DoctorOptions {
  readonly merchantId: number;
  readonly secretKey: string;
  /** Flitt, or a sandbox the deployment talks to. Default https://pay.flitt.com. */
  readonly baseUrl?: string;
  /** A production environment: test credentials and plain http are errors. */
  readonly production?: boolean;
  readonly callbackUrl?: string;
  readonly returnUrl?: string;
  /** The origin showing the Apple Pay button, e.g. `https://shop.example`. */
  readonly applePayDomain?: string;
  /** The domain-association file Flitt's support sent, to compare with what is served. */
  readonly appleFile?: string;
  /** An order of this merchant whose signed status is posted as the genuine callback. */
  readonly orderId?: string;
  /** Default GEL. */
  readonly currency?: string;
  /** Per request; default Flitt's 30 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The findings of one run, in the order checked, and the exit code they make. */
export interface DoctorReport {
  readonly findings: readonly Finding[];
  readonly exitCode: DoctorExitCode;
}

/**
 * Checks a running deployment: the credentials first (the genuine callback needs them), then the
 * callback URL, the return URL and the Apple Pay domain file, each only when given.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const probeOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? FLITT_CALLBACK_TIMEOUT_MS,
  };
  const baseUrl = options.baseUrl ?? FLITT_BASE_URL;
  const production = options.production ?? false;
  const { merchantId, secretKey } = options;
  const credentials = await checkCredentials(
    { merchantId, secretKey, baseUrl, production },
    probeOptions,
  );
  const findings = [...credentials.findings];
  if (options.callbackUrl !== undefined)
    findings.push(
      ...(await checkCallback(
        {
          callbackUrl: options.callbackUrl,
          merchantId,
          secretKey,
          baseUrl,
          production,
          credentialsValid: credentials.valid,
          currency: options.currency ?? 'GEL',
          ...(options.orderId === undefined ? {} : { orderId: options.orderId }),
        },
        probeOptions,
      )),
    );
  if (options.returnUrl !== undefined)
    findings.push(...(await checkReturnUrl(options.returnUrl, production, probeOptions)));
  if (options.applePayDomain !== undefined)
    findings.push(
      ...(await checkAppleDomain(
        options.applePayDomain,
        options.appleFile,
        production,
        probeOptions,
      )),
    );
  return { findings, exitCode: exitCodeOf(findings) };
}
