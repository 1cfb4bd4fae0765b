import { maskedSigningString, verifyProtocol2, verifySignature } from '@flitt-checkout/core';
import type { SandboxMerchant, SandboxState } from './state.ts';
import { FlittFailure, MESSAGES, type ParsedRequest } from './wire.ts';

/**
 * Finds the merchant and checks the request's signature with one of its keys (the payment key,
 * or the payout key for `/api/p2pcredit`), answering 1016 / 1014 like Flitt. A merchant without
 * that key (no payouts enabled) answers 1100, "API operation not allowed for merchant".
 */
export async function merchantAuth(
  state: SandboxState,
  parsed: ParsedRequest,
  key: 'secretKey' | 'creditKey',
): Promise<SandboxMerchant> {
  const { params } = parsed;
  if (params.merchant_id === undefined || params.merchant_id === null)
    throw new FlittFailure(1011, MESSAGES[1011]('merchant_id'));
  const merchant = /^\d{1,12}$/.test(String(params.merchant_id))
    ? state.merchants.get(Number(params.merchant_id))
    : undefined;
  if (!merchant) throw new FlittFailure(1016, MESSAGES[1016]);
  const secret = merchant[key];
  if (!secret) throw new FlittFailure(1100, 'API operation is not allowed for this merchant');
  if (parsed.envelope) {
    if (!(await verifyProtocol2(parsed.envelope, secret)))
      throw new FlittFailure(1014, MESSAGES[1014]);
    return merchant;
  }
  if (typeof params.signature !== 'string' || params.signature === '')
    throw new FlittFailure(1011, MESSAGES[1011]('signature'));
  if (!(await verifySignature(params, secret))) {
    const masked = maskedSigningString(params);
    throw new FlittFailure(1014, `${MESSAGES[1014]}; response_signature_string: ${masked}`, {
      response_signature_string: masked,
    });
  }
  return merchant;
}
