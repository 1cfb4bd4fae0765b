/** Origins of Flitt's hosted checkout; only these are navigated to unless more are configured. */
export const FLITT_CHECKOUT_ORIGINS: readonly string[] = ['https://pay.flitt.com'];

/**
 * True when `url` is an https URL on Flitt's checkout host (or on one of `extraOrigins`, such as
 * the local sandbox), with no credentials: what a browser may safely navigate to. Rejects
 * `javascript:`, `data:`, plain http and look-alike hosts.
 *
 * @example
 * isSafeCheckoutUrl('https://pay.flitt.com/merchants/x/default/index.html?token=…'); // true
 * isSafeCheckoutUrl('https://pay.flitt.com.evil.example/'); // false
 */
export function isSafeCheckoutUrl(url: unknown, extraOrigins: readonly string[] = []): boolean {
  if (typeof url !== 'string' || url.length > 4096) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  // data:, blob:, javascript: … have the opaque origin "null", which a bad configuration could list.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  const allowed = [...FLITT_CHECKOUT_ORIGINS, ...extraOrigins];
  if (!allowed.includes(parsed.origin)) return false;
  // Only configured origins may be http (the sandbox on 127.0.0.1); Flitt itself is https only.
  return parsed.protocol === 'https:' || extraOrigins.includes(parsed.origin);
}

/**
 * True for a Flitt payment token: 40 hexadecimal characters (`/api/checkout/token`).
 *
 * @example
 * isFlittToken('0b0c3d3f7c5e1c2a9f8e7d6c5b4a39281706f5e4'); // true
 */
export function isFlittToken(token: unknown): token is string {
  return typeof token === 'string' && /^[0-9a-f]{40}$/i.test(token);
}
