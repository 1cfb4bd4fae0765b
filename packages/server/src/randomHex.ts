// Unguessable ids (order ids, saved-card ids) from the runtime's CSPRNG.

// The character codes of '0'–'9' and 'a'–'f'.
const HEX = Array.from({ length: 16 }, (_, d) => d.toString(16).charCodeAt(0));
// The 20 codes of one id, turned into its string at once (not 10 concatenations).
const codes = new Uint8Array(20);
// Random bytes drawn 1 KiB at a time: one call into the CSPRNG per ~100 order ids, not per id.
let pool = new Uint8Array(0);
let drawn = 0;

/** 80 random bits as 20 hex characters, from the runtime's CSPRNG. */
export function randomHex20(): string {
  if (drawn + 10 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(1000));
    drawn = 0;
  }
  for (let i = 0; i < 10; i++) {
    const byte = pool[drawn + i] as number;
    codes[2 * i] = HEX[byte >> 4] as number;
    codes[2 * i + 1] = HEX[byte & 15] as number;
  }
  const hex = String.fromCharCode.apply(null, codes as unknown as number[]);
  // Each byte is handed out once.
  pool.fill(0, drawn, drawn + 10);
  drawn += 10;
  return hex;
}
