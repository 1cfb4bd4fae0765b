/** The shop's products. Shared by the app (display) and the server (which alone decides prices). */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  /** Price in tetri (1/100 GEL). */
  readonly price: number;
}

export const CATALOG: readonly Product[] = [
  {
    sku: 'churchkhela',
    name: 'Churchkhela',
    description: 'Walnuts in grape must, Kakheti',
    price: 450,
  },
  {
    sku: 'khachapuri',
    name: 'Adjarian khachapuri',
    description: 'Baked to order, with egg',
    price: 1800,
  },
  { sku: 'tea', name: 'Georgian black tea', description: '100 g, Guria', price: 700 },
  { sku: 'honey', name: 'Mountain honey', description: '250 g, Svaneti', price: 1850 },
  { sku: 'saperavi', name: 'Saperavi', description: 'Dry red, 0.75 l', price: 3500 },
];

/** The shop's subscription: a monthly box of tea after a free trial. The server alone prices it. */
export const TEA_CLUB = {
  sku: 'tea-club',
  name: 'Tea club',
  description: 'A box of Georgian tea every month; the first 14 days free',
  /** Taken when the payer subscribes: a card check that starts the plan. */
  firstPayment: 100,
  plan: {
    every: 1,
    period: 'month',
    amount: 1500,
    trial_period: 'day',
    trial_quantity: 14,
  },
} as const;

/**
 * An amount in minor units (tetri for GEL) as the payer's locale writes it (`₾23.50` in English,
 * `23,50 ₾` in Georgian and Russian): the one way the shop writes money, the same as the plan
 * summary. Intl's narrow symbol, and the lari's sign ₾ for GEL wherever Intl writes it otherwise.
 */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  // Chrome's ICU has no Georgian or Armenian: Russian's data writes Georgia's conventions, as
  // FlittPlanSummary does, rather than the browser's English. Russian's data still has ლ, the
  // lari's sign before 2014.
  const known = Intl.NumberFormat.supportedLocalesOf(locale).length > 0;
  return new Intl.NumberFormat(known ? locale : 'ru', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  })
    .formatToParts(minor / 100)
    .map((part) => (part.type === 'currency' && currency === 'GEL' ? '₾' : part.value))
    .join('');
}

/** GEL from tetri, for the payer's locale (the admin page, English, passes none). */
export function formatGel(tetri: number, locale?: string): string {
  return formatMoney(tetri, 'GEL', locale);
}

/** One scheduled charge of a subscription, as its callback told the shop. */
interface Charge {
  orderId: string;
  status: 'approved' | 'declined';
  amount: number;
  responseCode: number | null;
}

/** A subscription the shop sold: its first order, its status and its charges so far. */
export interface Subscription {
  orderId: string;
  status: 'active' | 'disabled';
  charges: Charge[];
}
