import { APPLE_DOMAIN_ASSOCIATION_PATH } from '../appleDomain.ts';
import { type Finding, finding } from './findings.ts';
import { httpUrl, type ProbeOptions, probe } from './probe.ts';

/** Content types a plain file can come with; anything else is worth a look. */
const FILE_TYPES = /^(text\/plain|application\/octet-stream)\b/i;

/**
 * Checks that `domain` (an origin such as `https://shop.example`) serves the Apple Pay
 * domain-association file as Apple reads it: https, 200 without a redirect, the file itself (not
 * an HTML page), and, when `expected` is given, byte for byte the file Flitt's support sent.
 */
export async function checkAppleDomain(
  domain: string,
  expected: string | undefined,
  production: boolean,
  options: ProbeOptions,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (id: string, severity: Finding['severity'], message: string, fix?: string) =>
    findings.push(finding('apple', id, severity, message, fix));
  const origin = httpUrl(/^[a-z][a-z\d+.-]*:\/\//i.test(domain) ? domain : `https://${domain}`);
  if (!origin) {
    add(
      'url_invalid',
      'error',
      `${JSON.stringify(domain)} is not a domain or an http(s) origin.`,
      'Pass the origin that shows the Apple Pay button, e.g. --apple-pay-domain https://shop.example.',
    );
    return findings;
  }
  const url = new URL(APPLE_DOMAIN_ASSOCIATION_PATH, origin).href;
  if (origin.protocol === 'http:')
    add(
      'http',
      production ? 'error' : 'warning',
      `${origin.origin} is plain http: Apple Pay works only on https pages, and Apple reads the file over https.`,
      'Serve the shop over https.',
    );
  const result = await probe(url, { method: 'GET' }, options);
  if (result.kind !== 'answer') {
    add(
      'unreachable',
      'error',
      `${url} ${result.kind === 'timeout' ? `did not answer within ${options.timeoutMs} ms` : `could not be reached (${result.reason})`}.`,
      'Check the host name and the TLS certificate; Apple must be able to read the file.',
    );
    return findings;
  }
  if (result.status >= 300 && result.status < 400) {
    add(
      'redirect',
      'error',
      `${url} answers ${result.status} (redirect to ${result.location ?? '(no Location)'}): Apple follows no redirect, so the domain is not verified.`,
      'Serve the file at exactly this path on this domain, with 200 (appleDomainAssociation does).',
    );
    return findings;
  }
  if (result.status !== 200) {
    add(
      result.status >= 500 ? 'server_error' : 'missing',
      'error',
      `${url} answered ${result.status}: Apple cannot read the domain-association file, so Apple Pay does not show on ${origin.host}.`,
      `Mount appleDomainAssociation(file) at ${APPLE_DOMAIN_ASSOCIATION_PATH} with the file Flitt's support sent, then ask Flitt to activate the domain.`,
    );
    return findings;
  }
  const contentType = result.contentType.split(';')[0]?.trim() ?? '';
  if (/^text\/html$/i.test(contentType) || /^\s*<(!doctype|html)/i.test(result.body)) {
    add(
      'html',
      'error',
      `${url} answers 200 with an HTML page (${contentType || 'no content type'}), not the file: most likely the app's fallback page for unknown paths.`,
      `Route ${APPLE_DOMAIN_ASSOCIATION_PATH} to the file before the app's fallback (appleDomainAssociation serves it as text/plain).`,
    );
    return findings;
  }
  if (result.body.trim() === '') {
    add('empty', 'error', `${url} answers 200 with an empty body.`, "Serve the file's text.");
    return findings;
  }
  if (!FILE_TYPES.test(contentType))
    add(
      'content_type',
      'warning',
      `${url} is served as ${contentType || 'no content type'}, not text/plain.`,
      'Serve it as text/plain (appleDomainAssociation does), as Apple expects a plain file.',
    );
  if (expected !== undefined && result.body !== expected)
    add(
      'mismatch',
      'error',
      `${url} serves a different file (${result.body.length} characters) from the one given (${expected.length}): Apple compares the bytes.`,
      "Serve the file exactly as Flitt's support sent it (no added newline, no other domain's file).",
    );
  else if (FILE_TYPES.test(contentType))
    add('served', 'ok', `${url} serves the domain-association file with 200.`);
  return findings;
}
