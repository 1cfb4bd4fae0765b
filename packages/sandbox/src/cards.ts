/** How a card behaves in the sandbox: Flitt's documented test cards plus a few sandbox-only ones. */
export interface TestCard {
  readonly number: string;
  readonly brand: 'VISA' | 'MasterCard' | 'Humo' | 'UzCard';
  /** `none`: no 3-D Secure; `challenge`: the payer sees the simulated ACS page; `frictionless`: 3DS2 without a page. */
  readonly threeDs: 'none' | 'challenge' | 'frictionless';
  readonly result: 'approved' | 'declined';
  /** `response_code` of a decline. */
  readonly declineCode?: number;
  /** How later charges by its token (a subscription's, a saved card's) end, when not like the first payment. */
  readonly laterCharges?: { readonly result: 'declined'; readonly declineCode: number };
  /** True for cards that only exist in this sandbox (not in Flitt's test mode). */
  readonly sandboxOnly?: boolean;
  readonly note?: string;
}

// Flitt's documented test cards (api-reference §5). Flitt does not document which response_code a
// declined test card gets; the sandbox answers 1004 (do not honour), the most common decline.
// biome-ignore format: a table reads better
const FLITT_CARDS: readonly TestCard[] = [
  { number: '4444555566661111', brand: 'VISA', threeDs: 'challenge', result: 'approved' },
  { number: '4444111166665555', brand: 'VISA', threeDs: 'challenge', result: 'declined', declineCode: 1004 },
  { number: '4444555511116666', brand: 'VISA', threeDs: 'none', result: 'approved' },
  { number: '4444111155556666', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1004 },
  { number: '5555666644441111', brand: 'MasterCard', threeDs: 'challenge', result: 'approved' },
  { number: '6666444455551111', brand: 'MasterCard', threeDs: 'challenge', result: 'approved' },
  { number: '4444555566669999', brand: 'VISA', threeDs: 'frictionless', result: 'approved' },
  { number: '4444666655559999', brand: 'VISA', threeDs: 'challenge', result: 'approved' },
  { number: '4444999966665555', brand: 'VISA', threeDs: 'frictionless', result: 'declined', declineCode: 1004 },
  { number: '4444666699995555', brand: 'VISA', threeDs: 'challenge', result: 'declined', declineCode: 1004 },
  { number: '2222555566663333', brand: 'MasterCard', threeDs: 'challenge', result: 'declined', declineCode: 1004 },
  { number: '4444777799991111', brand: 'VISA', threeDs: 'none', result: 'approved', note: 'driven by reservation_data at Flitt; always approved here' },
  { number: '9860010099998881', brand: 'Humo', threeDs: 'challenge', result: 'approved' },
  { number: '8600202020202023', brand: 'UzCard', threeDs: 'challenge', result: 'approved' },
  { number: '9860010088889992', brand: 'Humo', threeDs: 'challenge', result: 'approved', note: 'OTP 111111' },
];

// Sandbox-only cards (Luhn-valid, no 3-D Secure) so every decline a payer can meet is reachable.
// biome-ignore format: a table reads better
const SANDBOX_CARDS: readonly TestCard[] = [
  { number: '4000001037000007', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1037, sandboxOnly: true, note: 'insufficient funds' },
  { number: '4000001051000008', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1051, sandboxOnly: true, note: 'antifraud' },
  { number: '4000001040000002', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1040, sandboxOnly: true, note: 'card limit' },
  { number: '4000001003000007', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1003, sandboxOnly: true, note: 'wrong CVV' },
  { number: '4000001099000002', brand: 'VISA', threeDs: 'none', result: 'approved', laterCharges: { result: 'declined', declineCode: 1037 }, sandboxOnly: true, note: 'first payment approved, later charges by its token (subscription, saved card) declined 1037' },
  { number: '4000001041000001', brand: 'VISA', threeDs: 'none', result: 'declined', declineCode: 1041, sandboxOnly: true, note: 'card blacklisted' },
];

/** Every card the sandbox knows, documented ones first. */
export const TEST_CARDS: readonly TestCard[] = [...FLITT_CARDS, ...SANDBOX_CARDS];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card]));

/** Luhn check: Flitt refuses numbers that fail it with 1015. */
function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A problem with the entered card data, answered like Flitt's checkout. */
export interface CardProblem {
  readonly field: 'card_number' | 'expiry_date' | 'cvv2';
  readonly code: number;
}

/** Normalised card data: number digits, expiry month/year, CVV. */
export interface CardInput {
  readonly number: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly cvv: string;
}

/**
 * Checks card fields the way Flitt's form does (MM/YY, MMYY, MM/YYYY, MMYYYY expiry; 3-digit CVV,
 * 4 for American Express ranges) and returns the card or the first problem with Flitt's code.
 */
export function readCard(
  raw: { card_number?: unknown; expiry_date?: unknown; cvv2?: unknown },
  now: Date,
): CardInput | CardProblem {
  const number = String(raw.card_number ?? '').replace(/[\s-]/g, '');
  if (!luhnValid(number)) return { field: 'card_number', code: 1015 };
  const expiry = String(raw.expiry_date ?? '').replace(/\s/g, '');
  const match = /^(\d{2})\/?(\d{2}|\d{4})$/.exec(expiry);
  const month = Number(match?.[1]);
  const year = match?.[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match?.[2]);
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (!match || month < 1 || month > 12 || year * 12 + month - 1 < thisMonth) {
    return { field: 'expiry_date', code: 1025 };
  }
  const cvv = String(raw.cvv2 ?? '');
  const cvvLength = /^3[347]/.test(number) ? 4 : 3;
  if (!new RegExp(`^\\d{${cvvLength}}$`).test(cvv)) return { field: 'cvv2', code: 1003 };
  return { number, expiryMonth: month, expiryYear: year, cvv };
}

/** What paying with a (valid) card number does; unknown numbers decline like a real issuer would. */
export function cardBehaviour(number: string): TestCard {
  return (
    BY_NUMBER.get(number) ?? {
      number,
      brand: number.startsWith('5') || number.startsWith('2') ? 'MasterCard' : 'VISA',
      threeDs: 'none',
      result: 'declined',
      // A real card number in test mode: the issuer never sees it, Flitt declines it.
      declineCode: 1004,
    }
  );
}

/** `444455XXXXXX1111`: first six and last four digits, as Flitt masks. */
export function maskCard(number: string): string {
  return `${number.slice(0, 6)}${'X'.repeat(number.length - 10)}${number.slice(-4)}`;
}
