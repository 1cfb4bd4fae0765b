import type { Locale } from '@flitt-checkout/react';

const TEXT = {
  en: { shop: 'Tbilisi Pantry', add: 'Add to cart', cart: 'Cart', empty: 'Your cart is empty.', total: 'Total', remove: 'Remove', how: 'How would you like to pay?', redirect: 'On Flitt’s secure page', embedded: 'With a card, here', pay: 'Pay', back: 'Continue shopping', testCards: 'Sandbox test cards (any future expiry, any CVV)', products: 'Products', result: 'Your payment', language: 'Language' },
  ka: { shop: 'თბილისის სარდაფი', add: 'კალათაში დამატება', cart: 'კალათა', empty: 'კალათა ცარიელია.', total: 'სულ', remove: 'წაშლა', how: 'როგორ გსურთ გადახდა?', redirect: 'Flitt-ის დაცულ გვერდზე', embedded: 'ბარათით, აქვე', pay: 'გადახდა', back: 'შოპინგის გაგრძელება', testCards: 'სატესტო ბარათები (ნებისმიერი მომავალი ვადა, ნებისმიერი CVV)', products: 'პროდუქტები', result: 'თქვენი გადახდა', language: 'ენა' },
  ru: { shop: 'Тбилисская кладовая', add: 'В корзину', cart: 'Корзина', empty: 'Корзина пуста.', total: 'Итого', remove: 'Удалить', how: 'Как вы хотите оплатить?', redirect: 'На защищённой странице Flitt', embedded: 'Картой, здесь', pay: 'Оплатить', back: 'Продолжить покупки', testCards: 'Тестовые карты (любой будущий срок, любой CVV)', products: 'Товары', result: 'Ваш платёж', language: 'Язык' },
  uk: { shop: 'Тбіліська комора', add: 'До кошика', cart: 'Кошик', empty: 'Кошик порожній.', total: 'Разом', remove: 'Видалити', how: 'Як ви хочете сплатити?', redirect: 'На захищеній сторінці Flitt', embedded: 'Карткою, тут', pay: 'Сплатити', back: 'Продовжити покупки', testCards: 'Тестові картки (будь-який майбутній термін, будь-який CVV)', products: 'Товари', result: 'Ваш платіж', language: 'Мова' },
} satisfies Record<Locale, Record<string, string>>; // biome-ignore format: a table reads better

export type ShopText = (typeof TEXT)['en'];

/** Each language in its own words, for the language menu (with `lang`, so it is read right). */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  ka: 'ქართული',
  ru: 'Русский',
  uk: 'Українська',
};

export function shopText(locale: Locale): ShopText {
  return TEXT[locale];
}
