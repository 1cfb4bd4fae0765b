// Reading what reaches the handlers: bounded while streaming, in every encoding Flitt uses.

export const MAX_BODY = 64 * 1024;

/** A body over MAX_BODY: our refusal, not the merchant's words for the payer. */
export class PayloadTooLarge extends Error {}

export async function readBody(request: Request): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) throw new PayloadTooLarge();
  if (!request.body) return '';
  // Count bytes as they arrive: a body without content-length must not fill the memory.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw new PayloadTooLarge();
    }
    chunks.push(value);
  }
  return utf8Text(chunks);
}

const decoder = new TextDecoder();

/** UTF-8 bytes that came in chunks, as one text (joined first when there are several). */
export function utf8Text(chunks: readonly Uint8Array[]): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(bytes);
}

/** What Flitt (or the payer's browser) posted: JSON, form, or a protocol 2.0 envelope. */
export function parseFlittPost(text: string, type: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (type.includes('json') || trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      // A `{ response: … }` wrapper stays: client.verifyOrder unwraps it (core's unwrapResponse).
      return parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const form = Object.fromEntries(new URLSearchParams(text));
  return Object.keys(form).length > 0 ? form : undefined;
}
