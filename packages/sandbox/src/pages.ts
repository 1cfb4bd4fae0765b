import { flittLang, formatAmount as formatMoney, resolveLocale } from '@flitt-checkout/core';
import { payerMessage } from '@flitt-checkout/core/messages';
import { maskCard, TEST_CARDS } from './cards.ts';

type Text = Record<
  | 'title'
  | 'merchant'
  | 'order'
  | 'cardNumber'
  | 'expiry'
  | 'expiryPlaceholder'
  | 'cvv'
  | 'pay'
  | 'testMode'
  | 'testCards'
  | 'cardNoThreeDs'
  | 'cardChallenge'
  | 'cardFrictionless'
  | 'cardApproved'
  | 'cardDeclined'
  | 'cardSandboxOnly'
  | 'cancel'
  | 'acsTitle'
  | 'acsBody'
  | 'confirm'
  | 'fail'
  | 'approved'
  | 'declined'
  | 'tryAgain'
  | 'backToShop'
  | 'redirecting'
  | 'continue'
  | 'notFound'
  | 'expired'
  | 'verifyTitle'
  | 'verifyBody'
  | 'verifyCode'
  | 'verifySubmit'
  | 'verifyWrong'
  | 'verifyHint'
  | 'verified',
  string
>;

/**
 * The languages the sandbox's pages speak: fewer than Flitt's, enough to test a shop's flow in
 * each of its texts' scripts.
 */
export type PageLocale = 'en' | 'ka' | 'ru' | 'uk';

const TEXT: Record<PageLocale, Text> = {
  en: {
    title: 'Payment',
    merchant: 'Merchant',
    order: 'Order',
    cardNumber: 'Card number',
    expiry: 'Expiry date (MM/YY)',
    expiryPlaceholder: 'MM/YY',
    cvv: 'CVV',
    pay: 'Pay',
    testMode: 'Flitt sandbox: test mode, no money moves.',
    testCards: 'Test cards (any future expiry, any CVV)',
    cardNoThreeDs: 'no 3DS',
    // 3-D Secure with the bank's page, or decided without one (3DS2).
    cardChallenge: '3DS challenge',
    cardFrictionless: '3DS frictionless',
    cardApproved: 'approved',
    cardDeclined: 'declined',
    cardSandboxOnly: 'sandbox only',
    cancel: 'Cancel and return to the shop',
    acsTitle: '3-D Secure (test)',
    acsBody: 'Your bank asks you to confirm this payment.',
    confirm: 'Confirm',
    fail: 'Fail authentication',
    approved: 'Payment approved',
    declined: 'Payment declined',
    tryAgain: 'Try again',
    backToShop: 'Return to the shop',
    redirecting: 'Returning to the shop…',
    continue: 'Continue',
    notFound: 'This payment link is not valid.',
    expired: 'Payment time expired',
    verifyTitle: 'Confirm your card',
    verifyBody:
      'Your card statement shows this payment with a 4-digit code in its description. Enter the code to confirm the card.',
    verifyCode: 'Verification code',
    verifySubmit: 'Confirm card',
    verifyWrong:
      'That code is not right. Check the payment’s description in your card statement and try again.',
    verifyHint: 'Sandbox: the code in the statement is {code}.',
    verified: 'Card verified',
  },
  ka: {
    title: 'გადახდა',
    merchant: 'მაღაზია',
    order: 'შეკვეთა',
    cardNumber: 'ბარათის ნომერი',
    expiry: 'მოქმედების ვადა (თთ/წწ)',
    expiryPlaceholder: 'თთ/წწ',
    cvv: 'CVV',
    pay: 'გადახდა',
    testMode: 'Flitt-ის სატესტო გარემო: ფული არ ჩამოიჭრება.',
    testCards: 'სატესტო ბარათები (ნებისმიერი მომავალი ვადა, ნებისმიერი CVV)',
    cardNoThreeDs: '3DS-ის გარეშე',
    cardChallenge: '3DS, ბანკის გვერდით',
    cardFrictionless: '3DS, ბანკის გვერდის გარეშე',
    cardApproved: 'დადასტურდება',
    cardDeclined: 'უარყოფილი იქნება',
    cardSandboxOnly: 'მხოლოდ სატესტო გარემოში',
    cancel: 'გაუქმება და მაღაზიაში დაბრუნება',
    acsTitle: '3-D Secure (ტესტი)',
    acsBody: 'თქვენი ბანკი გთხოვთ, დაადასტუროთ ეს გადახდა.',
    confirm: 'დადასტურება',
    fail: 'დადასტურების ჩაშლა',
    approved: 'გადახდა დადასტურდა',
    declined: 'გადახდა უარყოფილია',
    tryAgain: 'ხელახლა ცდა',
    backToShop: 'მაღაზიაში დაბრუნება',
    redirecting: 'მაღაზიაში ბრუნდებით…',
    continue: 'გაგრძელება',
    notFound: 'გადახდის ბმული არასწორია.',
    expired: 'გადახდის დრო ამოიწურა',
    verifyTitle: 'ბარათის დადასტურება',
    verifyBody:
      'ბანკის ამონაწერში ამ გადახდის აღწერაში 4-ნიშნა კოდია. ბარათის დასადასტურებლად შეიყვანეთ ეს კოდი.',
    verifyCode: 'დადასტურების კოდი',
    verifySubmit: 'ბარათის დადასტურება',
    verifyWrong: 'კოდი არასწორია. შეამოწმეთ გადახდის აღწერა ბანკის ამონაწერში და სცადეთ ხელახლა.',
    verifyHint: 'სატესტო გარემო: ამონაწერში კოდია {code}.',
    verified: 'ბარათი დადასტურდა',
  },
  ru: {
    title: 'Оплата',
    merchant: 'Магазин',
    order: 'Заказ',
    cardNumber: 'Номер карты',
    expiry: 'Срок действия (ММ/ГГ)',
    expiryPlaceholder: 'ММ/ГГ',
    cvv: 'CVV',
    pay: 'Оплатить',
    testMode: 'Песочница Flitt: тестовый режим, деньги не списываются.',
    testCards: 'Тестовые карты (любой будущий срок, любой CVV)',
    cardNoThreeDs: 'без 3DS',
    cardChallenge: '3DS, со страницей банка',
    cardFrictionless: '3DS, без страницы банка',
    cardApproved: 'одобрено',
    cardDeclined: 'отклонено',
    cardSandboxOnly: 'только в песочнице',
    cancel: 'Отменить и вернуться в магазин',
    acsTitle: '3-D Secure (тест)',
    acsBody: 'Ваш банк просит подтвердить этот платёж.',
    confirm: 'Подтвердить',
    fail: 'Не пройти проверку',
    approved: 'Платёж одобрен',
    declined: 'Платёж отклонён',
    tryAgain: 'Попробовать снова',
    backToShop: 'Вернуться в магазин',
    redirecting: 'Возвращаемся в магазин…',
    continue: 'Продолжить',
    notFound: 'Ссылка на оплату недействительна.',
    expired: 'Время оплаты истекло',
    verifyTitle: 'Подтверждение карты',
    verifyBody:
      'В выписке по карте в описании этого платежа указан 4-значный код. Введите его, чтобы подтвердить карту.',
    verifyCode: 'Код подтверждения',
    verifySubmit: 'Подтвердить карту',
    verifyWrong: 'Неверный код. Проверьте описание платежа в выписке по карте и попробуйте снова.',
    verifyHint: 'Песочница: код в выписке — {code}.',
    verified: 'Карта подтверждена',
  },
  uk: {
    title: 'Оплата',
    merchant: 'Магазин',
    order: 'Замовлення',
    cardNumber: 'Номер картки',
    expiry: 'Термін дії (ММ/РР)',
    expiryPlaceholder: 'ММ/РР',
    cvv: 'CVV',
    pay: 'Сплатити',
    testMode: 'Пісочниця Flitt: тестовий режим, гроші не списуються.',
    testCards: 'Тестові картки (будь-який майбутній термін, будь-який CVV)',
    cardNoThreeDs: 'без 3DS',
    cardChallenge: '3DS, зі сторінкою банку',
    cardFrictionless: '3DS, без сторінки банку',
    cardApproved: 'схвалено',
    cardDeclined: 'відхилено',
    cardSandboxOnly: 'лише в пісочниці',
    cancel: 'Скасувати й повернутися до магазину',
    acsTitle: '3-D Secure (тест)',
    acsBody: 'Ваш банк просить підтвердити цей платіж.',
    confirm: 'Підтвердити',
    fail: 'Не пройти перевірку',
    approved: 'Платіж схвалено',
    declined: 'Платіж відхилено',
    tryAgain: 'Спробувати ще раз',
    backToShop: 'Повернутися до магазину',
    redirecting: 'Повертаємося до магазину…',
    continue: 'Продовжити',
    notFound: 'Посилання на оплату недійсне.',
    expired: 'Час оплати минув',
    verifyTitle: 'Підтвердження картки',
    verifyBody:
      'У виписці за карткою в описі цього платежу вказано 4-значний код. Введіть його, щоб підтвердити картку.',
    verifyCode: 'Код підтвердження',
    verifySubmit: 'Підтвердити картку',
    verifyWrong:
      'Неправильний код. Перевірте опис платежу у виписці за карткою та спробуйте ще раз.',
    verifyHint: 'Пісочниця: код у виписці — {code}.',
    verified: 'Картку підтверджено',
  },
};

/**
 * The page language: the order's `lang` (or the widget's) as Flitt would take it (`flittLang`:
 * Armenian, Kazakh and Uzbek become Russian), when the sandbox speaks it, else English.
 */
export function pageLocale(lang: unknown): PageLocale {
  const locale = resolveLocale(flittLang(typeof lang === 'string' ? lang : 'en'));
  return Object.hasOwn(TEXT, locale) ? (locale as PageLocale) : 'en';
}

export function text(locale: PageLocale): Text {
  return TEXT[locale];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `₾23.50` (`23,50 ₾` in Georgian and Russian), in the page's language: core's formatAmount, as
 * the shop and the React components write money; a currency Intl does not know as its code.
 */
export function formatAmount(amount: number, currency: string, locale: PageLocale): string {
  try {
    return formatMoney(amount, currency, locale);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}

type Period = 'day' | 'week' | 'month';

/** A plan in words, per language: abbreviations after numbers, so no plural rules are needed. */
const PLAN: Record<
  PageLocale,
  {
    label: string;
    every: Record<Period, string>;
    everyN: (n: number, p: Period) => string;
    trial: (n: number, p: Period) => string;
  }
> = {
  en: {
    label: 'Subscription',
    every: { day: 'every day', week: 'every week', month: 'every month' },
    everyN: (n, p) => `every ${n} ${p}s`,
    trial: (n, p) => `the first ${n} ${p}${n === 1 ? '' : 's'} free`,
  },
  ka: {
    label: 'გამოწერა',
    every: { day: 'ყოველდღე', week: 'ყოველკვირა', month: 'ყოველთვე' },
    everyN: (n, p) => `ყოველ ${n} ${{ day: 'დღეში', week: 'კვირაში', month: 'თვეში' }[p]}`,
    trial: (n, p) => `პირველი ${n} ${{ day: 'დღე', week: 'კვირა', month: 'თვე' }[p]} უფასოდ`,
  },
  ru: {
    label: 'Подписка',
    every: { day: 'каждый день', week: 'каждую неделю', month: 'каждый месяц' },
    everyN: (n, p) => `раз в ${n} ${{ day: 'дн.', week: 'нед.', month: 'мес.' }[p]}`,
    trial: (n, p) => `первые ${n} ${{ day: 'дн.', week: 'нед.', month: 'мес.' }[p]} бесплатно`,
  },
  uk: {
    label: 'Підписка',
    every: { day: 'щодня', week: 'щотижня', month: 'щомісяця' },
    everyN: (n, p) => `раз на ${n} ${{ day: 'дн.', week: 'тиж.', month: 'міс.' }[p]}`,
    trial: (n, p) => `перші ${n} ${{ day: 'дн.', week: 'тиж.', month: 'міс.' }[p]} безкоштовно`,
  },
};

const PERIODS: readonly unknown[] = ['day', 'week', 'month'];

/**
 * A subscription's plan as the payer reads it on the hosted page or the widget
 * ("Subscription: GEL 15.00 every month, the first 14 days free"); '' when `recurring_data` is
 * not a plan the sandbox could charge.
 */
export function planText(recurring: unknown, currency: string, locale: PageLocale): string {
  const plan = (typeof recurring === 'object' && recurring !== null ? recurring : {}) as Record<
    string,
    unknown
  >;
  const every = Number(plan.every);
  if (!PERIODS.includes(plan.period) || !Number.isSafeInteger(every) || every < 1) return '';
  const words = PLAN[locale];
  const period = plan.period as Period;
  const parts = [
    `${words.label}: ${formatAmount(Number(plan.amount), currency, locale)} ${
      every === 1 ? words.every[period] : words.everyN(every, period)
    }`,
  ];
  const trial = Number(plan.trial_quantity);
  if (PERIODS.includes(plan.trial_period) && Number.isSafeInteger(trial) && trial > 0)
    parts.push(words.trial(trial, plan.trial_period as Period));
  return parts.join(', ');
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
body{margin:0;background:#f2f4f7;color:#1d2433}
main{max-width:420px;margin:32px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 12px #0001}
h1{font-size:1.3rem;margin:0 0 12px}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 16px}
dt{color:#5b6475}dd{margin:0}
.amount{font-size:1.6rem;font-weight:600;margin:8px 0 16px}
label{display:block;margin:10px 0 4px;font-weight:500}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #767f90;border-radius:8px;font-size:1rem}
.row{display:flex;gap:12px}.row>div{flex:1}
button{margin-top:16px;width:100%;padding:12px;border:0;border-radius:8px;background:#1a56db;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#e4e7ec;color:#1d2433}
.banner{background:#fff4ce;border:1px solid #f0d36b;border-radius:8px;padding:8px 12px;font-size:.9rem;margin-bottom:16px}
.error{background:#fde8e8;border:1px solid #f5a3a3;border-radius:8px;padding:10px 12px;margin:12px 0}
.ok{background:#e6f6ea;border:1px solid #8fd19e;border-radius:8px;padding:10px 12px;margin:12px 0}
details{margin-top:16px;font-size:.85rem}table{border-collapse:collapse;width:100%}td{padding:2px 4px;border-top:1px solid #eee;font-family:ui-monospace,monospace}
a{color:#1a56db}
`;

/** A complete HTML document in the given language. */
function page(locale: PageLocale, title: string, body: string): Response {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return new Response(html, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

function testCardTable(t: Text): string {
  const rows = TEST_CARDS.map(
    (c) =>
      `<tr><td>${c.number}</td><td>${c.brand}</td><td>${escapeHtml(c.threeDs === 'none' ? t.cardNoThreeDs : c.threeDs === 'challenge' ? t.cardChallenge : t.cardFrictionless)}</td><td>${escapeHtml(c.result === 'approved' ? t.cardApproved : t.cardDeclined)}${c.declineCode ? ` (${c.declineCode})` : ''}${c.sandboxOnly ? ' *' : ''}</td></tr>`,
  ).join('');
  return `<details><summary>${escapeHtml(t.testCards)}</summary><table>${rows}</table><p>* ${escapeHtml(t.cardSandboxOnly)}</p></details>`;
}

/** What the hosted page needs to know about an order. */
export interface PageOrder {
  readonly token: string;
  readonly merchantName: string;
  readonly orderId: string;
  readonly orderDesc: string;
  readonly amount: number;
  readonly currency: string;
  readonly cancelUrl?: string;
  /** A subscription's plan in words (`planText`), shown under the amount; none when empty. */
  readonly plan?: string;
}

/** The hosted checkout page with its card form (and an error from the last attempt, if any). */
export function checkoutPage(
  locale: PageLocale,
  order: PageOrder,
  error?: { code: number; field?: string },
  /** What the payer typed last time (never the CVV), so a refused card does not clear the form. */
  typed: Readonly<Record<string, unknown>> = {},
): Response {
  const t = text(locale);
  const amount = formatAmount(order.amount, order.currency, locale);
  const alert = error
    ? `<div class="error" id="pay-error" role="alert">${escapeHtml(payerMessage(error.code, locale))}</div>`
    : '';
  // The refused field says why (the alert) and takes the focus; the others keep what was typed.
  const invalid = (field: string) =>
    `${typeof typed[field] === 'string' ? ` value="${escapeHtml(typed[field])}"` : ''}${
      error?.field === field ? ' aria-invalid="true" aria-describedby="pay-error" autofocus' : ''
    }`;
  const cancel = order.cancelUrl
    ? `<p><a href="${escapeHtml(order.cancelUrl)}">${escapeHtml(t.cancel)}</a></p>`
    : '';
  return page(
    locale,
    `${t.title} — ${order.merchantName}`,
    `<div class="banner">${escapeHtml(t.testMode)}</div>
<h1>${escapeHtml(t.title)}</h1>
<dl><dt>${escapeHtml(t.merchant)}</dt><dd data-testid="merchant">${escapeHtml(order.merchantName)}</dd>
<dt>${escapeHtml(t.order)}</dt><dd data-testid="order-desc">${escapeHtml(order.orderDesc)}</dd></dl>
<div class="amount" data-testid="amount">${escapeHtml(amount)}</div>
${order.plan ? `<p data-testid="plan">${escapeHtml(order.plan)}</p>` : ''}${alert}
<form method="post" action="/sandbox/pay" autocomplete="on">
<input type="hidden" name="token" value="${escapeHtml(order.token)}">
<label for="card_number">${escapeHtml(t.cardNumber)}</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required${invalid('card_number')}>
<div class="row"><div><label for="expiry_date">${escapeHtml(t.expiry)}</label>
<input id="expiry_date" name="expiry_date" placeholder="${escapeHtml(t.expiryPlaceholder)}" autocomplete="cc-exp" required${invalid('expiry_date')}></div>
<div><label for="cvv2">${escapeHtml(t.cvv)}</label>
<input id="cvv2" name="cvv2" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required${
      error?.field === 'cvv2' ? ' aria-invalid="true" aria-describedby="pay-error" autofocus' : ''
    }></div></div>
<button type="submit">${escapeHtml(`${t.pay} ${amount}`)}</button>
</form>
${cancel}
${testCardTable(t)}`,
  );
}

/** The simulated issuer page (ACS) for 3-D Secure cards. */
export function acsPage(
  locale: PageLocale,
  id: string,
  card: string,
  amount: string,
  mode: 'page' | 'frame',
): Response {
  const t = text(locale);
  const form = (result: 'confirm' | 'fail', label: string, cls = '') =>
    `<form method="post" action="/sandbox/3ds/${escapeHtml(id)}?mode=${mode}"><input type="hidden" name="result" value="${result}"><button type="submit"${cls}>${escapeHtml(label)}</button></form>`;
  return page(
    locale,
    t.acsTitle,
    `<div class="banner">${escapeHtml(t.testMode)}</div><h1>${escapeHtml(t.acsTitle)}</h1>
<p>${escapeHtml(t.acsBody)}</p><p class="amount">${escapeHtml(amount)}</p><p>${escapeHtml(maskCard(card))}</p>
${form('confirm', t.confirm)}${form('fail', t.fail, ' class="secondary"')}${
  // In checkout.js's dialog, Escape abandons the check, as closing a bank's popup does. There the
  // page is the dialog: no margin, backdrop or shadow of its own, and it tells checkout.js its
  // height, so the frame is as tall as the page (no empty band under it), up to the window's.
  mode === 'frame'
    ? `<style>body{background:#fff}main{margin:0;max-width:none;border-radius:0;box-shadow:none}</style><script>addEventListener('keydown',function(e){if(e.key==='Escape'){e.preventDefault();document.forms[1].submit()}})
var m=document.querySelector('main');function s(){parent.postMessage(JSON.stringify({source:'flitt-sandbox',type:'3ds-size',height:Math.ceil(m.getBoundingClientRect().height)}),'*')}
if(window.ResizeObserver)new ResizeObserver(s).observe(m);s()</script>`
    : ''
}`,
  );
}

/**
 * The code step of `verification_type=code`: the card is held and the payer types the code from
 * the statement (shown in the sandbox's banner, since there is no statement to read); `wrong`
 * after a code that was not it, which the field and the alert both say.
 */
export function verifyPage(
  locale: PageLocale,
  order: PageOrder,
  code: string,
  wrong: boolean,
): Response {
  const t = text(locale);
  const amount = formatAmount(order.amount, order.currency, locale);
  const alert = wrong
    ? `<div class="error" id="verify-error" role="alert">${escapeHtml(t.verifyWrong)}</div>`
    : '';
  const cancel = order.cancelUrl
    ? `<p><a href="${escapeHtml(order.cancelUrl)}">${escapeHtml(t.cancel)}</a></p>`
    : '';
  return page(
    locale,
    `${t.verifyTitle} — ${order.merchantName}`,
    `<div class="banner">${escapeHtml(t.testMode)}</div>
<h1>${escapeHtml(t.verifyTitle)}</h1>
<dl><dt>${escapeHtml(t.merchant)}</dt><dd data-testid="merchant">${escapeHtml(order.merchantName)}</dd>
<dt>${escapeHtml(t.order)}</dt><dd data-testid="order-desc">${escapeHtml(order.orderDesc)}</dd></dl>
<div class="amount" data-testid="amount">${escapeHtml(amount)}</div>
<p id="verify-help">${escapeHtml(t.verifyBody)}</p>
<p class="banner" data-testid="verification-code">${escapeHtml(t.verifyHint.replace('{code}', code))}</p>${alert}
<form method="post" action="/sandbox/verify" autocomplete="off">
<input type="hidden" name="token" value="${escapeHtml(order.token)}">
<label for="verification_code">${escapeHtml(t.verifyCode)}</label>
<input id="verification_code" name="verification_code" inputmode="numeric" autocomplete="one-time-code" maxlength="4" required autofocus aria-describedby="verify-help${wrong ? ' verify-error' : ''}"${wrong ? ' aria-invalid="true"' : ''}>
<button type="submit">${escapeHtml(t.verifySubmit)}</button>
</form>
${cancel}`,
  );
}

/** The auto-submitted form POST that takes the payer back to `response_url` with the signed order. */
export function returnPage(
  locale: PageLocale,
  url: string,
  order: Record<string, unknown>,
): Response {
  const t = text(locale);
  const inputs = Object.entries(order)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return page(
    locale,
    t.redirecting,
    `<p>${escapeHtml(t.redirecting)}</p><form id="flitt-return" method="post" action="${escapeHtml(url)}">${inputs}<noscript><button type="submit">${escapeHtml(t.continue)}</button></noscript></form><script>document.getElementById('flitt-return').submit()</script>`,
  );
}

/**
 * Where the payer ends without a `response_url`: the outcome in their language. A verified card
 * (`verification=Y`, reversed at once) is a success too.
 */
export function resultPage(
  locale: PageLocale,
  status: string,
  code: number | '',
  verified = false,
): Response {
  const t = text(locale);
  const approved = status === 'approved' || verified;
  const message =
    status === 'expired'
      ? payerMessage(1052, locale)
      : approved
        ? ''
        : payerMessage(code || 1000, locale);
  const title = verified
    ? t.verified
    : approved
      ? t.approved
      : status === 'expired'
        ? t.expired
        : t.declined;
  return page(
    locale,
    title,
    `<h1>${escapeHtml(title)}</h1>${message ? `<div class="${approved ? 'ok' : 'error'}" role="${approved ? 'status' : 'alert'}">${escapeHtml(message)}</div>` : ''}`,
  );
}

/** An error page (bad token, expired order) in the payer's language. */
export function messagePage(
  locale: PageLocale,
  title: string,
  message: string,
  status = 200,
): Response {
  const response = page(
    locale,
    title,
    `<h1>${escapeHtml(title)}</h1><div class="error" role="alert">${escapeHtml(message)}</div>`,
  );
  return new Response(response.body, { status, headers: response.headers });
}
