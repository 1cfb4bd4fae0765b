import type { Locale } from '@flitt-checkout/react';

const TEXT = {
  en: { shop: 'Tbilisi Pantry', add: 'Add to cart', cart: 'Cart', empty: 'Your cart is empty.', total: 'Total', remove: 'Remove', how: 'How would you like to pay?', redirect: 'On Flitt’s secure page', embedded: 'With a card, here', pay: 'Pay', back: 'Continue shopping', testCards: 'Sandbox test cards (any future expiry, any CVV)', products: 'Products', result: 'Your payment', language: 'Language', subscribe: 'Subscribe for', subscriptions: 'Your subscriptions', noSubscriptions: 'No subscriptions yet.', charges: 'Charges', noCharges: 'No charges yet.', charged: 'Charged', chargeDeclined: 'Charge declined', sandboxOnly: 'Sandbox only: testing tools', advanceMonth: 'Advance the sandbox clock one month', advancedBy: 'Sandbox clock moved, months:', club: 'Tea club subscription', signIn: 'Sign in as Nino (test customer)', signedInAs: 'Signed in as', signOut: 'Sign out', newCard: 'Or pay with a new card' },
  ka: { shop: 'თბილისის სარდაფი', add: 'კალათაში დამატება', cart: 'კალათა', empty: 'კალათა ცარიელია.', total: 'სულ', remove: 'წაშლა', how: 'როგორ გსურთ გადახდა?', redirect: 'Flitt-ის დაცულ გვერდზე', embedded: 'ბარათით, აქვე', pay: 'გადახდა', back: 'შოპინგის გაგრძელება', testCards: 'სატესტო ბარათები (ნებისმიერი მომავალი ვადა, ნებისმიერი CVV)', products: 'პროდუქტები', result: 'თქვენი გადახდა', language: 'ენა', subscribe: 'გამოწერა', subscriptions: 'თქვენი გამოწერები', noSubscriptions: 'გამოწერები ჯერ არ არის.', charges: 'ჩამოჭრები', noCharges: 'ჩამოჭრები ჯერ არ ყოფილა.', charged: 'ჩამოიჭრა', chargeDeclined: 'ჩამოჭრა უარყოფილია', sandboxOnly: 'მხოლოდ სენდბოქსი: სატესტო ხელსაწყოები', advanceMonth: 'სენდბოქსის საათის ერთი თვით წაწევა', advancedBy: 'სენდბოქსის საათი წაიწია, თვე:', club: 'ჩაის კლუბის გამოწერა', signIn: 'შესვლა როგორც ნინო (სატესტო მომხმარებელი)', signedInAs: 'შესული ხართ როგორც', signOut: 'გასვლა', newCard: 'ან გადაიხადეთ ახალი ბარათით' },
  ru: { shop: 'Тбилисская кладовая', add: 'В корзину', cart: 'Корзина', empty: 'Корзина пуста.', total: 'Итого', remove: 'Удалить', how: 'Как вы хотите оплатить?', redirect: 'На защищённой странице Flitt', embedded: 'Картой, здесь', pay: 'Оплатить', back: 'Продолжить покупки', testCards: 'Тестовые карты (любой будущий срок, любой CVV)', products: 'Товары', result: 'Ваш платёж', language: 'Язык', subscribe: 'Подписаться за', subscriptions: 'Ваши подписки', noSubscriptions: 'Подписок пока нет.', charges: 'Списания', noCharges: 'Списаний пока не было.', charged: 'Списано', chargeDeclined: 'Списание отклонено', sandboxOnly: 'Только песочница: инструменты для тестов', advanceMonth: 'Перевести часы песочницы на месяц вперёд', advancedBy: 'Часы песочницы переведены, месяцев:', club: 'Подписка на чайный клуб', signIn: 'Войти как Нино (тестовый покупатель)', signedInAs: 'Вы вошли как', signOut: 'Выйти', newCard: 'Или оплатите новой картой' },
  uk: { shop: 'Тбіліська комора', add: 'До кошика', cart: 'Кошик', empty: 'Кошик порожній.', total: 'Разом', remove: 'Видалити', how: 'Як ви хочете сплатити?', redirect: 'На захищеній сторінці Flitt', embedded: 'Карткою, тут', pay: 'Сплатити', back: 'Продовжити покупки', testCards: 'Тестові картки (будь-який майбутній термін, будь-який CVV)', products: 'Товари', result: 'Ваш платіж', language: 'Мова', subscribe: 'Підписатися за', subscriptions: 'Ваші підписки', noSubscriptions: 'Підписок поки немає.', charges: 'Списання', noCharges: 'Списань поки не було.', charged: 'Списано', chargeDeclined: 'Списання відхилено', sandboxOnly: 'Лише пісочниця: інструменти для тестів', advanceMonth: 'Перевести годинник пісочниці на місяць уперед', advancedBy: 'Годинник пісочниці переведено, місяців:', club: 'Підписка на чайний клуб', signIn: 'Увійти як Ніно (тестовий покупець)', signedInAs: 'Ви увійшли як', signOut: 'Вийти', newCard: 'Або сплатіть новою карткою' },
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
