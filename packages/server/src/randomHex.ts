// Unguessable ids (order ids, saved-card ids) from the runtime's CSPRNG.

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
// Random bytes drawn 1 KiB at a time: one call into the CSPRNG per ~100 order ids, not per id.
let pool = new Uint8Array(0);
let drawn = 0;

/** 80 random bits as 20 hex characters, from the runtime's CSPRNG. */
export function randomHex20(): string {
  if (drawn + 10 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(1000));
    drawn = 0;
  }
  let hex = '';
  for (let i = drawn; i < drawn + 10; i++) hex += HEX[pool[i] as number];
  // Each byte is handed out once.
  pool.fill(0, drawn, drawn + 10);
  drawn += 10;
  return hex;
}
