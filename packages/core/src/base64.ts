const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes text as base64 of its UTF-8 bytes (works where `Buffer` does not exist).
 *
 * @example
 * encodeBase64Utf8('გადახდა'); // '4YOS4YOQ4YOT4YOQ4YOu4YOT4YOQ'
 */
export function encodeBase64Utf8(text: string): string {
  const bytes = encoder.encode(text);
  let binary = '';
  // Chunked so long texts do not overflow the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes base64 into UTF-8 text; throws a `TypeError` on bad base64 or bytes that are not UTF-8.
 *
 * @example
 * decodeBase64Utf8('4YOS4YOQ4YOT4YOQ4YOu4YOT4YOQ'); // 'გადახდა'
 */
export function decodeBase64Utf8(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decoder.decode(bytes);
}
