import { decodeProtocol2, signProtocol2 } from '@flitt-checkout/core';

/** How a request arrived, so the answer goes back the same way (Flitt: "response format follows request format"). */
export type WireFormat = 'json' | 'form' | 'json2';

/** A parsed API request: flat parameters, plus the 2.0 envelope when there was one. */
export interface ParsedRequest {
  readonly format: WireFormat;
  readonly params: Record<string, unknown>;
  readonly envelope?: { data: string; signature: unknown };
}

/** What the sandbox knows of a request beyond the request itself (`Sandbox.handle`'s second argument). */
export interface SandboxRequestInfo {
  /** The caller's IP address, checked against `SandboxMerchant.payoutIps`; unknown under msw unless given. */
  readonly clientAddress?: string | undefined;
}

/** A Flitt-style refusal: `response_status: failure` with HTTP 200. */
export class FlittFailure extends Error {
  constructor(
    /** A number, except where Flitt's docs show a string (create order's "1008"). */
    readonly errorCode: number | string,
    readonly errorMessage: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(errorMessage);
  }
}

export const MESSAGES = {
  1002: 'Application error',
  1009: (name: string) => `Parameter \`${name}\` is empty`,
  1010: 'Empty request',
  1011: (name: string) => `Parameter \`${name}\` is missing`,
  1007: (name: string) => `Parameter \`${name}\` is incorrect`,
  1012: 'Currency is not allowed for this merchant',
  1013: 'Duplicate order_id for merchant',
  1014: 'Invalid signature',
  1016: 'Merchant not found',
  1018: 'Order not found',
  1019: 'Order already completed',
  1021: 'Unsupported Content-Type',
  1023: 'Invalid amount',
  1034: 'Do not use symbol | in parameters',
  1035: 'Token not found or expired',
  1059: 'Rectoken transactions are not allowed for this merchant',
  1060: 'Recurring payments are not allowed for this merchant',
  1082: 'Token expired',
  1046: 'Non UTF-8 symbol in request',
} as const;

/** Reads an API request body in any of Flitt's formats; throws `FlittFailure` like Flitt would. */
export async function parseApiRequest(request: Request): Promise<ParsedRequest> {
  // The official node SDK sends the header's own name inside its value ("Content-type:
  // application/json; charset=utf-8") and has run against live Flitt since 2019, so Flitt reads
  // past it.
  const type = (request.headers.get('content-type') ?? '')
    .replace(/^\s*content-type\s*:/i, '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await request.arrayBuffer());
  } catch {
    throw new FlittFailure(1046, MESSAGES[1046]);
  }
  if (type === 'application/x-www-form-urlencoded') {
    const params = Object.fromEntries(new URLSearchParams(text));
    if (Object.keys(params).length === 0) throw new FlittFailure(1010, MESSAGES[1010]);
    return { format: 'form', params };
  }
  if (type !== 'application/json') throw new FlittFailure(1021, MESSAGES[1021]);
  if (text.trim() === '') throw new FlittFailure(1010, MESSAGES[1010]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FlittFailure(1007, `${MESSAGES[1007]('request')}: body is not valid JSON`);
  }
  if (typeof body === 'object' && body !== null && Object.keys(body).length === 0) {
    throw new FlittFailure(1010, MESSAGES[1010]);
  }
  const inner = (body as { request?: unknown } | null)?.request;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw new FlittFailure(1011, MESSAGES[1011]('request'));
  }
  const params = inner as Record<string, unknown>;
  if (params.version === '2.0') {
    if (typeof params.data !== 'string' || params.data === '') {
      throw new FlittFailure(1011, MESSAGES[1011]('data'));
    }
    let order: Record<string, unknown>;
    try {
      order = decodeProtocol2(params.data);
    } catch {
      throw new FlittFailure(1007, MESSAGES[1007]('data'));
    }
    return {
      format: 'json2',
      params: order,
      envelope: { data: params.data, signature: params.signature },
    };
  }
  if (Object.keys(params).length === 0) throw new FlittFailure(1010, MESSAGES[1010]);
  // Protocol 1.0 carries strings and numbers only (nested data is what 2.0 is for). Flitt answers
  // a JS boolean or an object with HTTP 200 and a failure body (issue 15's probe); its docs do not
  // name the code, so the sandbox names the parameter with 1007.
  for (const [name, value] of Object.entries(params))
    if (typeof value === 'boolean' || (typeof value === 'object' && value !== null))
      throw new FlittFailure(1007, MESSAGES[1007](name));
  return { format: 'json', params };
}

/** Thirteen characters, like Flitt's `request_id`. */
function requestId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(13));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function stringify(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : String(value);
}

/** Answers in the request's format, always HTTP 200 like Flitt. */
export async function apiResponse(
  format: WireFormat,
  body: Record<string, unknown>,
  secretKey?: string,
): Promise<Response> {
  if (format === 'form') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) form.append(key, stringify(value));
    return new Response(form.toString(), {
      status: 200,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
  }
  let response: Record<string, unknown> = body;
  if (format === 'json2' && secretKey && body.response_status === 'success') {
    const { signature: _flat, response_signature_string: _masked, ...order } = body;
    response = { ...(await signProtocol2(order, secretKey)), response_status: 'success' };
  }
  return Response.json({ response }, { status: 200 });
}

/** The failure body Flitt sends. */
export function failureBody(failure: FlittFailure): Record<string, unknown> {
  return {
    response_status: 'failure',
    error_code: failure.errorCode,
    error_message: failure.errorMessage,
    request_id: requestId(),
    ...failure.extra,
  };
}
