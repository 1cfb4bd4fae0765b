// Apple Pay on the web works only on a domain Apple has verified: Flitt's support gives the
// merchant a domain-association file, every domain and subdomain serves it at one well-known
// path, and Flitt then asks Apple to activate the domain.
import { FlittConfigError } from '@flitt-checkout/core';
import { type Answer, type Incoming, textAnswer, type WebHandler, webHandler } from './incoming.ts';

/** Where Apple reads the file, on every domain the Apple Pay button is shown on. */
export const APPLE_DOMAIN_ASSOCIATION_PATH =
  '/.well-known/apple-developer-merchantid-domain-association';

/**
 * Serves the Apple Pay domain-association file Flitt's support sent you, as Apple asks: at
 * `APPLE_DOMAIN_ASSOCIATION_PATH`, with 200 and no redirect, as plain text. Mount it at that
 * path on every domain and subdomain that shows Apple Pay (its own URL decides nothing else), then
 * ask Flitt to activate each domain.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * export const GET = appleDomainAssociation(readFileSync('apple-developer-merchantid-domain-association', 'utf8'));
 */
export function appleDomainAssociation(file: string): WebHandler {
  if (typeof file !== 'string' || file.trim() === '')
    throw new FlittConfigError(
      'invalid_config',
      "[flitt-checkout] appleDomainAssociation needs the file's text from Flitt's support (apple-developer-merchantid-domain-association), e.g. readFileSync(path, 'utf8').",
    );
  // Served as received: Apple compares the bytes.
  const headers = { 'cache-control': 'public, max-age=3600' };
  const serve = async (request: Incoming): Promise<Answer> => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return textAnswer(405, 'Use GET', { allow: 'GET, HEAD' });
    // A HEAD answer's body is dropped on the way out (by Node and the Web runtimes).
    return textAnswer(200, file, headers);
  };
  return webHandler(serve);
}
