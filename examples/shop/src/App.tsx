import { formatAmount } from '@flitt-checkout/core/checkout';
import {
  createMerchantApi,
  FlittAddCard,
  FlittCheckoutButton,
  FlittEmbeddedCheckout,
  FlittPaymentResult,
  FlittProvider,
  FlittSaveCardCheckbox,
  FlittSavedCards,
  FlittWalletButtons,
  type Locale,
  type ResultText,
  type SavedCardsText,
} from '@flitt-checkout/react';
import { az, azResult, azSavedCards } from '@flitt-checkout/react/locales/az';
import { en, enResult, enSavedCards } from '@flitt-checkout/react/locales/en';
import { hy, hyResult, hySavedCards } from '@flitt-checkout/react/locales/hy';
import { ka, kaResult, kaSavedCards } from '@flitt-checkout/react/locales/ka';
import { kk, kkResult, kkSavedCards } from '@flitt-checkout/react/locales/kk';
import { ro, roResult, roSavedCards } from '@flitt-checkout/react/locales/ro';
import { ru, ruResult, ruSavedCards } from '@flitt-checkout/react/locales/ru';
import { uk, ukResult, ukSavedCards } from '@flitt-checkout/react/locales/uk';
import { uz, uzResult, uzSavedCards } from '@flitt-checkout/react/locales/uz';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AdminPage } from './AdminPage.tsx';
import {
  CATALOG,
  formatGel,
  productOf,
  type ShopTestCard,
  shopLocale,
  TEA_CLUB,
} from './catalog.ts';
import { LANGUAGE_NAMES, type ShopText, shopText } from './i18n.ts';
import { forgetCartOrders, isCartOrder, linesOfOrder, rememberOrder } from './orders.ts';
import { ProductArt } from './ProductArt.tsx';
import { SubscribePage, SubscriptionsPage } from './SubscriptionPages.tsx';

type Cart = Record<string, number>;
interface ShopConfig {
  mode: 'sandbox' | 'live';
  sandboxUrl?: string;
  testCards?: ShopTestCard[];
}

// The shop lets the payer switch language, so it imports all nine; a shop in one language
// imports one, and its pages carry no other.
const TEXTS = { en, ka, ru, uk, uz, ro, hy, kk, az } satisfies Record<Locale, unknown>;
const RESULT_TEXTS: Record<Locale, ResultText> = {
  en: enResult,
  ka: kaResult,
  ru: ruResult,
  uk: ukResult,
  uz: uzResult,
  ro: roResult,
  hy: hyResult,
  kk: kkResult,
  az: azResult,
};
const SAVED_CARD_TEXTS: Record<Locale, SavedCardsText> = {
  en: enSavedCards,
  ka: kaSavedCards,
  ru: ruSavedCards,
  uk: ukSavedCards,
  uz: uzSavedCards,
  ro: roSavedCards,
  hy: hySavedCards,
  kk: kkSavedCards,
  az: azSavedCards,
};
const LOCALES = Object.keys(TEXTS) as Locale[];

function usePath(): [string, (to: string) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((to: string) => {
    window.history.pushState({}, '', to);
    setPath(new URL(to, window.location.href).pathname);
  }, []);
  return [path, go];
}

function useStored<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      localStorage.setItem(key, JSON.stringify(next));
    },
    [key],
  );
  return [value, set];
}

export function App() {
  const [path, go] = usePath();
  const [stored, setLocale] = useStored<Locale>('shop.locale', 'en');
  // A language the shop does not speak (an old or edited value) is English.
  const locale = shopLocale(stored);
  const [cart, storeCart] = useStored<Cart>('shop.cart', {});
  // A changed cart is a new order: the orders checked out before are no longer its.
  const setCart = useCallback(
    (next: Cart) => {
      forgetCartOrders();
      storeCart(next);
    },
    [storeCart],
  );
  // The fetch transport, each checkout's lines remembered under its order id as it is created:
  // the result page lists that order's lines, and empties the cart only for its own order.
  const api = useMemo(() => {
    const base = createMerchantApi({ apiBase: '/api/flitt', locale });
    return {
      ...base,
      createCheckout: async (...args: Parameters<typeof base.createCheckout>) => {
        const answer = await base.createCheckout(...args);
        rememberOrder(answer.orderId, args[0].order);
        return answer;
      },
    };
  }, [locale]);
  const [flow, setFlow] = useState<'redirect' | 'embedded' | 'wallet'>('redirect');
  const [config, setConfig] = useState<ShopConfig | null>(null);
  // The signed-in test customer's name (the server's session says so), or null.
  const [customer, setCustomer] = useState<string | null>(null);
  const [saveCard, setSaveCard] = useState(false);
  // `?prefetch=none` turns prefetching off, so `npm run bench` can measure the click without it.
  const [prefetch] = useState<'none' | 'intent'>(() =>
    new URLSearchParams(window.location.search).get('prefetch') === 'none' ? 'none' : 'intent',
  );
  const t = shopText(locale);

  // The page says which language it shows, and what it is: read right, and told apart in tabs
  // and history.
  const view =
    path === '/result'
      ? t.result
      : path === '/cart'
        ? t.cart
        : path === '/subscribe'
          ? TEA_CLUB.text[locale].name
          : path === '/subscriptions'
            ? t.subscriptions
            : path === '/cards'
              ? t.yourCards
              : path === '/admin'
                ? 'Orders (admin)'
                : t.products;
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${view} — ${t.shop}`;
  }, [locale, view, t.shop]);
  // A new view is announced: the focus moves to its heading (not on the first page load).
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);

  useEffect(() => {
    fetch('/api/shop/config')
      .then((r) => r.json())
      .then(setConfig, () => setConfig({ mode: 'live' }));
    fetch('/api/shop/me')
      .then((r) => r.json() as Promise<{ customer: string | null }>)
      .then(
        (me) => setCustomer(me.customer),
        () => {},
      );
  }, []);
  const signInOrOut = async () => {
    const answer = await fetch(customer ? '/api/shop/sign-out' : '/api/shop/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    setCustomer(((await answer.json()) as { customer: string | null }).customer);
    setSaveCard(false);
  };

  const items = useMemo(
    () =>
      Object.entries(cart)
        .filter(([, qty]) => qty > 0)
        .map(([sku, qty]) => ({ sku, qty })),
    [cart],
  );
  const total = items.reduce(
    (sum, i) => sum + (CATALOG.find((p) => p.sku === i.sku)?.price ?? 0) * i.qty,
    0,
  );
  const count = items.reduce((n, i) => n + i.qty, 0);
  const order = useMemo(() => ({ items, lang: locale }), [items, locale]);
  const add = (sku: string, delta: number) =>
    setCart({ ...cart, [sku]: Math.max(0, (cart[sku] ?? 0) + delta) });
  // What "Add to cart" last did, for the products page's polite status line.
  const [added, setAdded] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the view changes
  useEffect(() => setAdded(null), [path]);

  if (!config) return <p className="loading">…</p>;

  return (
    <FlittProvider
      api={api}
      locale={TEXTS[locale]}
      {...(config.sandboxUrl ? { sandboxOrigin: config.sandboxUrl } : {})}
    >
      <header className="bar">
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            go('/');
          }}
          className="brand"
        >
          {t.shop}
        </a>
        <nav>
          <a
            href="/cart"
            onClick={(e) => {
              e.preventDefault();
              go('/cart');
            }}
          >
            {t.cart} ({count})
          </a>
          <a
            href="/subscriptions"
            onClick={(e) => {
              e.preventDefault();
              go('/subscriptions');
            }}
          >
            {t.subscriptions}
          </a>
          {customer ? (
            <a
              href="/cards"
              onClick={(e) => {
                e.preventDefault();
                go('/cards');
              }}
            >
              {t.yourCards}
            </a>
          ) : null}
          {customer ? (
            <span className="who">
              {t.signedInAs} {customer}
            </span>
          ) : null}
          <button type="button" className="link" onClick={() => void signInOrOut()}>
            {customer ? t.signOut : t.signIn}
          </button>
          <label>
            <span className="visually-hidden">{t.language}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </header>
      <main>
        {path === '/subscribe' ? (
          <>
            <SubscribePage locale={locale} t={t} go={go} />
            <TestCards config={config} t={t} />
          </>
        ) : path === '/subscriptions' ? (
          <SubscriptionsPage locale={locale} t={t} sandbox={config.mode === 'sandbox'} />
        ) : path === '/admin' ? (
          <AdminPage />
        ) : path === '/cards' ? (
          <>
            <CardsPage locale={locale} t={t} customer={customer} />
            <TestCards config={config} t={t} />
          </>
        ) : path === '/result' ? (
          <ResultPage
            texts={RESULT_TEXTS[locale]}
            t={t}
            locale={locale}
            onApproved={(orderId) => {
              if (isCartOrder(orderId)) setCart({});
            }}
            go={go}
          />
        ) : path === '/cart' ? (
          <section aria-labelledby="cart-title">
            <h1 id="cart-title" tabIndex={-1}>
              {t.cart}
            </h1>
            {items.length === 0 ? (
              <p>{t.empty}</p>
            ) : (
              <>
                <ul className="lines">
                  {items.map((i) => (
                    <OrderLine key={i.sku} line={i} locale={locale}>
                      <button type="button" className="link" onClick={() => add(i.sku, -i.qty)}>
                        {t.remove}
                      </button>
                    </OrderLine>
                  ))}
                </ul>
                <p className="total">
                  {t.total}: <strong data-testid="cart-total">{formatGel(total, locale)}</strong>
                </p>
                {customer ? (
                  <>
                    <FlittSavedCards
                      key={JSON.stringify(order)}
                      order={order}
                      texts={SAVED_CARD_TEXTS[locale]}
                      onApproved={(a) => {
                        rememberOrder(a.orderId, order);
                        go(`/result?order_id=${encodeURIComponent(a.orderId)}`);
                      }}
                    />
                    <h2 className="new-card">{t.newCard}</h2>
                  </>
                ) : null}
                <fieldset className="flow">
                  <legend>{t.how}</legend>
                  <label>
                    <input
                      type="radio"
                      name="flow"
                      checked={flow === 'redirect'}
                      onChange={() => setFlow('redirect')}
                    />{' '}
                    {t.redirect}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name="flow"
                      checked={flow === 'embedded'}
                      onChange={() => setFlow('embedded')}
                    />{' '}
                    {t.embedded}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name="flow"
                      checked={flow === 'wallet'}
                      onChange={() => setFlow('wallet')}
                    />{' '}
                    {t.walletFlow}
                  </label>
                </fieldset>
                {customer && flow !== 'wallet' ? (
                  <FlittSaveCardCheckbox
                    checked={saveCard}
                    onChange={setSaveCard}
                    texts={SAVED_CARD_TEXTS[locale]}
                  />
                ) : null}
                {flow === 'redirect' ? (
                  <FlittCheckoutButton
                    order={order}
                    prefetch={prefetch}
                    saveCard={customer !== null && saveCard}
                  >
                    {t.pay} {formatGel(total, locale)}
                  </FlittCheckoutButton>
                ) : flow === 'wallet' ? (
                  // Made only when chosen: the buttons create their order as they mount.
                  <FlittWalletButtons
                    key={JSON.stringify(order)}
                    order={order}
                    fallback={<p className="note">{t.noWallet}</p>}
                    onApproved={(s) => go(`/result?order_id=${encodeURIComponent(s.orderId)}`)}
                  />
                ) : (
                  <FlittEmbeddedCheckout
                    key={`${JSON.stringify(order)}${saveCard}`}
                    order={order}
                    saveCard={customer !== null && saveCard}
                    submitLabel={`${t.pay} ${formatGel(total, locale)}`}
                    onApproved={(s) => go(`/result?order_id=${encodeURIComponent(s.orderId)}`)}
                  />
                )}
                <TestCards config={config} t={t} />
              </>
            )}
          </section>
        ) : (
          <section aria-labelledby="products-title">
            <h1 id="products-title" tabIndex={-1}>
              {t.products}
            </h1>
            <ul className="grid">
              {CATALOG.map((p) => (
                <li key={p.sku} className="card">
                  <ProductArt sku={p.sku} />
                  <h2>{p.text[locale].name}</h2>
                  <p>{p.text[locale].description}</p>
                  <p className="price">{formatGel(p.price, locale)}</p>
                  <button
                    type="button"
                    onClick={() => {
                      add(p.sku, 1);
                      setAdded(p.sku);
                    }}
                    aria-label={`${t.add}: ${p.text[locale].name}`}
                  >
                    {t.add}
                  </button>
                </li>
              ))}
            </ul>
            {/* Present before the first add, so the change is announced. */}
            <p role="status" className="added">
              {added ? `${t.added}: ${productOf(added, locale)?.name}` : ''}
            </p>
            {/* Apart from the product list: a plan, not something for the cart. */}
            <aside className="card club" aria-labelledby="club-title">
              <ProductArt sku={TEA_CLUB.sku} className="thumb" />
              <h2 id="club-title">{TEA_CLUB.text[locale].name}</h2>
              <p>{TEA_CLUB.text[locale].description}</p>
              <p className="price">{formatGel(TEA_CLUB.plan.amount, locale)}</p>
              <a
                href="/subscribe"
                className="button"
                onClick={(e) => {
                  e.preventDefault();
                  go('/subscribe');
                }}
              >
                {t.club}
              </a>
            </aside>
          </section>
        )}
      </main>
    </FlittProvider>
  );
}

/** A line of a cart or an order: its picture, name × quantity and price, and any action. */
function OrderLine(props: {
  line: { readonly sku: string; readonly qty: number };
  locale: Locale;
  children?: React.ReactNode;
}) {
  const { line, locale } = props;
  const product = productOf(line.sku, locale);
  return (
    <li>
      <ProductArt sku={line.sku} className="thumb" />
      <span className="item">
        {product?.name} × {line.qty}
      </span>
      <span>{formatGel((product?.price ?? 0) * line.qty, locale)}</span>
      {props.children}
    </li>
  );
}

/** The signed-in customer's saved cards: remove one, or add one with a card check (1.00 ₾, given back). */
function CardsPage(props: {
  locale: Locale;
  t: ReturnType<typeof shopText>;
  customer: string | null;
}) {
  const { locale, t, customer } = props;
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState(false);
  const texts = SAVED_CARD_TEXTS[locale];
  return (
    <section aria-labelledby="cards-title">
      <h1 id="cards-title" tabIndex={-1}>
        {t.yourCards}
      </h1>
      <FlittSavedCards
        texts={texts}
        headingLevel={2}
        {...(customer ? { customer } : {})}
        onAddCard={
          adding
            ? undefined
            : () => {
                setAdded(false);
                setAdding(true);
              }
        }
      />
      {adding ? (
        <>
          {/* Stays after the check, saying the card was saved; the list above shows it. */}
          <FlittAddCard texts={texts} onApproved={() => setAdded(true)} />
          <button type="button" className="link close" onClick={() => setAdding(false)}>
            {added ? t.cardAddedDone : t.closeAddCard}
          </button>
        </>
      ) : null}
    </section>
  );
}

/** What a test card does, in the payer's words: "declined (1004)", "approved, 3-D Secure". */
function cardNote(card: ShopTestCard, t: ShopText): string {
  return [
    `${card.result === 'approved' ? t.cardApproved : t.cardDeclined}${card.declineCode ? ` (${card.declineCode})` : ''}`,
    ...(card.threeDs ? ['3-D Secure'] : []),
    ...(card.laterDeclineCode ? [`${t.cardLaterDeclined} (${card.laterDeclineCode})`] : []),
  ].join(', ');
}

function TestCards(props: { config: ShopConfig; t: ReturnType<typeof shopText> }) {
  const { config, t } = props;
  if (config.mode !== 'sandbox' || !config.testCards) return null;
  return (
    <aside className="cards" aria-label={t.testCards}>
      <h2>{t.testCards}</h2>
      <ul>
        {config.testCards.map((c) => (
          <li key={c.number}>
            <code>{c.number}</code> — {cardNote(c, t)}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function ResultPage(props: {
  texts: ResultText;
  t: ShopText;
  locale: Locale;
  /** An approval of this order: the shop empties the cart if it was checked out as it. */
  onApproved: (orderId: string) => void;
  go: (to: string) => void;
}) {
  const { onApproved, t, locale, go } = props;
  const link = (to: string, text: string, className?: string) => (
    <a
      href={to}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        go(to);
      }}
    >
      {text}
    </a>
  );
  return (
    <FlittPaymentResult
      texts={props.texts}
      headingLevel={1}
      actions={(state) => {
        const orderId = 'result' in state ? state.result.orderId : '';
        if (state.status === 'approved') queueMicrotask(() => onApproved(orderId));
        // The lines checked out as this order (remembered by its id), else none.
        const items = orderId ? linesOfOrder(orderId) : [];
        // After a decline or an expiry the cart still holds the items: paying again starts there.
        const retry = state.status === 'declined' || state.status === 'expired';
        return (
          <>
            {'result' in state && !state.result.cardCheck ? (
              <section className="order" aria-labelledby="order-title">
                <h2 id="order-title">{t.yourOrder}</h2>
                {/* This order's lines, when this tab checked it out; else the number and amount alone. */}
                {items.length > 0 ? (
                  <ul className="lines">
                    {items.map((i) => (
                      <OrderLine key={i.sku} line={i} locale={locale} />
                    ))}
                  </ul>
                ) : null}
                <dl className="summary">
                  <dt>{t.orderNumber}</dt>
                  <dd>
                    <code>{state.result.orderId}</code>
                  </dd>
                  <dt>{t.amount}</dt>
                  <dd>{formatAmount(state.result.amount, state.result.currency, locale)}</dd>
                </dl>
              </section>
            ) : null}
            <p className="actions">
              {retry ? link('/cart', t.tryAgain, 'button') : null}
              {link('/', t.back)}
            </p>
          </>
        );
      }}
    />
  );
}
