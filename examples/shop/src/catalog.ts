import { formatAmount } from '@flitt-checkout/core/checkout';
import type { Locale } from '@flitt-checkout/react';

/** What the payer reads about a product, in one language. */
interface ProductText {
  readonly name: string;
  readonly description: string;
}

/**
 * The shop's products. Shared by the app (display) and the server (which alone decides prices,
 * and writes the order's description for Flitt's page in the payer's language).
 */
export interface Product extends ProductText {
  readonly sku: string;
  /** Price in tetri (1/100 GEL). */
  readonly price: number;
  /** Name and description in each of the shop's languages (`name` and `description`: English's). */
  readonly text: Readonly<Record<Locale, ProductText>>;
}

// The English and Georgian copy is the shop's own; the other seven are machine-assisted and
// unreviewed, like the shop's other texts in them.
const PRODUCTS: readonly Omit<Product, keyof ProductText>[] = [
  {
    sku: 'churchkhela',
    price: 450,
    text: {
      en: { name: 'Churchkhela', description: 'Walnuts in grape must, Kakheti' },
      ka: { name: 'ჩურჩხელა', description: 'ნიგოზი ყურძნის ტკბილში, კახეთი' },
      ru: { name: 'Чурчхела', description: 'Грецкие орехи в виноградном соке, Кахетия' },
      uk: { name: 'Чурчхела', description: 'Волоські горіхи у виноградному соку, Кахетія' },
      uz: { name: 'Churchxela', description: 'Uzum shirasidagi yongʻoq, Kaxetiya' },
      ro: { name: 'Churchkhela', description: 'Nuci în must de struguri, Kaheti' },
      hy: { name: 'Չուրչխելա', description: 'Ընկույզ խաղողի հյութի մեջ, Կախեթ' },
      kk: { name: 'Чурчхела', description: 'Жүзім шырынындағы грек жаңғағы, Кахетия' },
      az: { name: 'Çurçxela', description: 'Üzüm şirəsində qoz, Kaxetiya' },
    },
  },
  {
    sku: 'khachapuri',
    price: 1800,
    text: {
      en: { name: 'Adjarian khachapuri', description: 'Baked to order, with egg' },
      ka: { name: 'აჭარული ხაჭაპური', description: 'ვაცხობთ შეკვეთისთანავე, კვერცხით' },
      ru: { name: 'Хачапури по-аджарски', description: 'Выпекаем под заказ, с яйцом' },
      uk: { name: 'Хачапурі по-аджарськи', description: 'Випікаємо на замовлення, з яйцем' },
      uz: { name: 'Ajarcha xachapuri', description: 'Buyurtma boʻyicha pishiriladi, tuxum bilan' },
      ro: { name: 'Khachapuri adjar', description: 'Copt la comandă, cu ou' },
      hy: { name: 'Աջարական խաչապուրի', description: 'Թխվում է պատվերով, ձվով' },
      kk: { name: 'Аджарша хачапури', description: 'Тапсырыс бойынша пісіріледі, жұмыртқамен' },
      az: { name: 'Acarıstan xaçapurisi', description: 'Sifarişlə bişirilir, yumurta ilə' },
    },
  },
  {
    sku: 'tea',
    price: 700,
    text: {
      en: { name: 'Georgian black tea', description: '100 g, Guria' },
      ka: { name: 'ქართული შავი ჩაი', description: '100 გ, გურია' },
      ru: { name: 'Грузинский чёрный чай', description: '100 г, Гурия' },
      uk: { name: 'Грузинський чорний чай', description: '100 г, Гурія' },
      uz: { name: 'Gruzin qora choyi', description: '100 g, Guriya' },
      ro: { name: 'Ceai negru georgian', description: '100 g, Guria' },
      hy: { name: 'Վրացական սև թեյ', description: '100 գ, Գուրիա' },
      kk: { name: 'Грузин қара шайы', description: '100 г, Гурия' },
      az: { name: 'Gürcü qara çayı', description: '100 q, Quriya' },
    },
  },
  {
    sku: 'honey',
    price: 1850,
    text: {
      en: { name: 'Mountain honey', description: '250 g, Svaneti' },
      ka: { name: 'მთის თაფლი', description: '250 გ, სვანეთი' },
      ru: { name: 'Горный мёд', description: '250 г, Сванетия' },
      uk: { name: 'Гірський мед', description: '250 г, Сванетія' },
      uz: { name: 'Togʻ asali', description: '250 g, Svanetiya' },
      ro: { name: 'Miere de munte', description: '250 g, Svaneti' },
      hy: { name: 'Լեռնային մեղր', description: '250 գ, Սվանեթ' },
      kk: { name: 'Тау балы', description: '250 г, Сванетия' },
      az: { name: 'Dağ balı', description: '250 q, Svanetiya' },
    },
  },
  {
    sku: 'saperavi',
    price: 3500,
    text: {
      en: { name: 'Saperavi', description: 'Dry red, 0.75 l' },
      ka: { name: 'საფერავი', description: 'მშრალი წითელი, 0,75 ლ' },
      ru: { name: 'Саперави', description: 'Сухое красное, 0,75 л' },
      uk: { name: 'Сапераві', description: 'Сухе червоне, 0,75 л' },
      uz: { name: 'Saperavi', description: 'Quruq qizil vino, 0,75 l' },
      ro: { name: 'Saperavi', description: 'Vin roșu sec, 0,75 l' },
      hy: { name: 'Սափերավի', description: 'Չոր կարմիր գինի, 0,75 լ' },
      kk: { name: 'Саперави', description: 'Құрғақ қызыл шарап, 0,75 л' },
      az: { name: 'Saperavi', description: 'Quru qırmızı şərab, 0,75 l' },
    },
  },
];

export const CATALOG: readonly Product[] = PRODUCTS.map((p) => ({ ...p, ...p.text.en }));

/** The shop's subscription: a monthly box of tea after a free trial. The server alone prices it. */
export const TEA_CLUB = {
  sku: 'tea-club',
  /** Its name, description and the order's description on Flitt's page (`order_desc`). */
  // biome-ignore format: a table reads better
  text: {
    en: { name: 'Tea club', description: 'A box of Georgian tea every month; the first 14 days free', order: 'Tea club, monthly' },
    ka: { name: 'ჩაის კლუბი', description: 'ქართული ჩაის ყუთი ყოველთვე; პირველი 14 დღე უფასოდ', order: 'ჩაის კლუბი, ყოველთვიური' },
    ru: { name: 'Чайный клуб', description: 'Коробка грузинского чая каждый месяц; первые 14 дней бесплатно', order: 'Чайный клуб, ежемесячно' },
    uk: { name: 'Чайний клуб', description: 'Коробка грузинського чаю щомісяця; перші 14 днів безкоштовно', order: 'Чайний клуб, щомісяця' },
    uz: { name: 'Choy klubi', description: 'Har oy bir quti gruzin choyi; dastlabki 14 kun bepul', order: 'Choy klubi, har oy' },
    ro: { name: 'Clubul de ceai', description: 'O cutie de ceai georgian în fiecare lună; primele 14 zile gratuit', order: 'Clubul de ceai, lunar' },
    hy: { name: 'Թեյի ակումբ', description: 'Վրացական թեյի տուփ ամեն ամիս, առաջին 14 օրն՝ անվճար', order: 'Թեյի ակումբ, ամսական' },
    kk: { name: 'Шай клубы', description: 'Ай сайын бір қорап грузин шайы; алғашқы 14 күн тегін', order: 'Шай клубы, ай сайын' },
    az: { name: 'Çay klubu', description: 'Hər ay bir qutu gürcü çayı; ilk 14 gün pulsuz', order: 'Çay klubu, aylıq' },
  } satisfies Record<Locale, ProductText & { order: string }>,
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

/** The shop's language for a tag the browser sent (`lang`), English for any other. */
export function shopLocale(lang: unknown): Locale {
  // The tea club's table has each of the nine, as every table here does.
  return typeof lang === 'string' && Object.hasOwn(TEA_CLUB.text, lang) ? (lang as Locale) : 'en';
}

/** A product by its sku, with its name and description in the payer's language. */
export function productOf(
  sku: string,
  locale: Locale,
): (ProductText & { readonly sku: string; readonly price: number }) | undefined {
  const product = CATALOG.find((p) => p.sku === sku);
  return product && { sku, price: product.price, ...product.text[locale] };
}

/** GEL from tetri, for the payer's locale (the admin page, English, passes none). */
export function formatGel(tetri: number, locale = 'en'): string {
  // The library's one rule (core's formatAmount, as FlittPlanSummary and the sandbox's pages
  // write money): Intl's narrow sign, ₾ for GEL, Russian's conventions where the browser has no
  // data for the language (Chrome: no Georgian or Armenian; Debian's Chromium: no Uzbek, Kazakh
  // or Azerbaijani either).
  return formatAmount(tetri, 'GEL', locale);
}

/**
 * A sandbox test card as the shop lists it: what a payment with it does, which the page writes in
 * the payer's language.
 */
export interface ShopTestCard {
  readonly number: string;
  readonly result: 'approved' | 'declined';
  readonly declineCode?: number;
  readonly threeDs: boolean;
  /** The decline of later charges by its token (a subscription's, a saved card's). */
  readonly laterDeclineCode?: number;
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
