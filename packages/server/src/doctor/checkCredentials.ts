import { randomHex20 } from '../randomHex.ts';
import { type Finding, finding } from './findings.ts';
import { errorCodeOf, flittRequest } from './flittRequest.ts';
import { FLITT_BASE_URL, type ProbeOptions } from './probe.ts';

/** Flitt's public test merchants: 1549901 (key `test`) and the Fondy-era 1396424. */
export const TEST_MERCHANTS: ReadonlySet<number> = new Set([1549901, 1396424]);

/**
 * Whether `baseUrl` is Flitt's own host (flitt.com or a subdomain, any scheme, a trailing dot
 * ignored): where the doctor must make no order of its own for a live merchant. Fails closed: an
 * unparsable URL counts as Flitt.
 */
export function isFlittHost(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return true;
  }
  return host === 'flitt.com' || host.endsWith('.flitt.com');
}

/** What the credentials check needs: the merchant, its key, where Flitt is, and the environment. */
export interface CredentialsTarget {
  readonly merchantId: number;
  readonly secretKey: string;
  readonly baseUrl: string;
  readonly production: boolean;
}

/** The made-up order id a status request asks for: Flitt answers 1018 when the signature holds. */
export const doctorOrderId = () => `flitt-checkout-doctor-${randomHex20()}`;

/**
 * Checks the merchant id and secret key: test credentials in production, a key with stray
 * whitespace, and a signed status request for an order that does not exist (1018 = the id and key
 * belong together, 1014 = wrong key, 1016 = no such merchant). `valid` says whether the key works.
 */
export async function checkCredentials(
  target: CredentialsTarget,
  options: ProbeOptions,
): Promise<{ findings: Finding[]; valid: boolean }> {
  const { merchantId, secretKey, baseUrl, production } = target;
  const findings: Finding[] = [];
  const add = (id: string, severity: Finding['severity'], message: string, fix?: string) =>
    findings.push(finding('credentials', id, severity, message, fix));
  if (production && (!isFlittHost(baseUrl) || !baseUrl.startsWith('https://')))
    add(
      'not_flitt',
      'error',
      `${baseUrl} is not Flitt's ${FLITT_BASE_URL}, in a production environment: every check below asks it, not Flitt, so it proves nothing about the live setup.`,
      `Unset FLITT_BASE_URL (or pass --base-url ${FLITT_BASE_URL}) for the live check; a staging shop on a sandbox is checked without --production.`,
    );
  if (production && TEST_MERCHANTS.has(merchantId))
    add(
      'test_merchant',
      'error',
      `merchant ${merchantId} is Flitt's public test merchant, in a production environment: no payment taken here is real.`,
      'Set FLITT_MERCHANT_ID to your own merchant id from the Flitt portal, with its payment key.',
    );
  if (production && (secretKey === 'test' || secretKey === 'testcredit'))
    add(
      'test_key',
      'error',
      "the secret key is the test merchant's public key, in a production environment.",
      "Set FLITT_SECRET_KEY to your merchant's payment key from the Flitt portal (Merchant settings → Payment key).",
    );
  if (secretKey !== secretKey.trim())
    add(
      'key_whitespace',
      'warning',
      `the secret key ${/[\r\n]$/.test(secretKey) ? 'ends with a line break' : 'starts or ends with whitespace'}; Flitt's keys have none, so every signature made with it is refused (1014).`,
      "Trim the key where it is read (a file written by `echo` ends with a newline: use printf '%s' or .trim()).",
    );

  const reply = await flittRequest(
    baseUrl,
    '/api/status/order_id',
    { order_id: doctorOrderId(), merchant_id: merchantId },
    secretKey,
    options,
  );
  if (reply.kind === 'unreachable') {
    add(
      'unreachable',
      'error',
      `${baseUrl} could not be asked for an order's status: ${reply.reason}.`,
      `Check --base-url or FLITT_BASE_URL (default ${FLITT_BASE_URL}) and that this machine can reach it.`,
    );
    return { findings, valid: false };
  }
  const code = errorCodeOf(reply.response);
  const said = String(reply.response.error_message ?? '');
  if (code === 1018) {
    add(
      'valid',
      'ok',
      `merchant ${merchantId} and its secret key belong together: a signed status request for a made-up order got 1018 (order not found), not 1014.`,
    );
    return { findings, valid: true };
  }
  if (code === 1014)
    add(
      'wrong_key',
      'error',
      `Flitt refused the signature of a status request (1014): the secret key is not merchant ${merchantId}'s payment key.`,
      `Copy the payment key of merchant ${merchantId} from the Flitt portal (not the payout key, not another merchant's); the test merchant 1549901 uses "test".`,
    );
  else if (code === 1016)
    add(
      'unknown_merchant',
      'error',
      `Flitt knows no merchant ${merchantId} (1016).`,
      'Set FLITT_MERCHANT_ID to the merchant id the Flitt portal shows, digits only.',
    );
  else
    add(
      'unexpected',
      'warning',
      code === undefined
        ? `a status request for a made-up order did not fail as expected (response_status ${String(reply.response.response_status)}).`
        : `a status request for a made-up order got error ${code}${said ? ` (${said})` : ''}, not 1018.`,
      'Run the doctor again; if it stays, ask Flitt support with the request_id of the answer.',
    );
  return { findings, valid: false };
}
