import { createSignature, type FlittParams } from '@flitt-checkout/core';
import { type ProbeOptions, probe } from './probe.ts';

/** What Flitt (or the sandbox) answered: its `response` object, or why there is none. */
export type FlittReply =
  | { readonly kind: 'response'; readonly response: Record<string, unknown> }
  | { readonly kind: 'unreachable'; readonly reason: string };

/**
 * A signed protocol 1.0 JSON call, as the client makes it but keeping the raw `response`: the
 * doctor needs Flitt's own error codes and the signed order exactly as Flitt sent it.
 */
export async function flittRequest(
  baseUrl: string,
  path: string,
  params: FlittParams,
  secretKey: string,
  options: ProbeOptions,
): Promise<FlittReply> {
  const request = { ...params, signature: await createSignature(params, secretKey) };
  const result = await probe(
    new URL(path, baseUrl).href,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ request }),
    },
    options,
  );
  if (result.kind === 'timeout')
    return { kind: 'unreachable', reason: `no answer within ${result.ms} ms` };
  if (result.kind === 'unreachable') return result;
  try {
    const { response } = JSON.parse(result.body) as { response?: unknown };
    if (typeof response === 'object' && response !== null && !Array.isArray(response))
      return { kind: 'response', response: response as Record<string, unknown> };
  } catch {
    // not JSON: said below
  }
  return {
    kind: 'unreachable',
    reason: `HTTP ${result.status} without a Flitt {"response": …} body`,
  };
}

/** Flitt's error code of a reply (a number or a numeric string), or undefined. */
export function errorCodeOf(response: Record<string, unknown>): number | undefined {
  if (response.response_status !== 'failure') return undefined;
  const code = Number(response.error_code);
  return Number.isSafeInteger(code) ? code : undefined;
}
