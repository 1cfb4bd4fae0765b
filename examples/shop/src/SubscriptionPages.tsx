// The tea club: subscribe (the plan in the payer's words, then Flitt's hosted page), and the page
// that lists the shop's subscriptions with their charges and stops or starts them.
import { payerMessage } from '@flitt-checkout/core/messages';
import {
  FlittCheckoutButton,
  FlittEmbeddedCheckout,
  FlittPlanSummary,
  FlittSubscriptionManager,
  type Locale,
  type SubscriptionText,
} from '@flitt-checkout/react';
import { azSubscription } from '@flitt-checkout/react/locales/az';
import { enSubscription } from '@flitt-checkout/react/locales/en';
import { hySubscription } from '@flitt-checkout/react/locales/hy';
import { kaSubscription } from '@flitt-checkout/react/locales/ka';
import { kkSubscription } from '@flitt-checkout/react/locales/kk';
import { roSubscription } from '@flitt-checkout/react/locales/ro';
import { ruSubscription } from '@flitt-checkout/react/locales/ru';
import { ukSubscription } from '@flitt-checkout/react/locales/uk';
import { uzSubscription } from '@flitt-checkout/react/locales/uz';
import { useCallback, useEffect, useState } from 'react';
import { formatGel, type Subscription, TEA_CLUB } from './catalog.ts';
import type { ShopText } from './i18n.ts';

const SUBSCRIPTION_TEXTS: Record<Locale, SubscriptionText> = {
  en: enSubscription,
  ka: kaSubscription,
  ru: ruSubscription,
  uk: ukSubscription,
  uz: uzSubscription,
  ro: roSubscription,
  hy: hySubscription,
  kk: kkSubscription,
  az: azSubscription,
};

export function SubscribePage(props: { locale: Locale; t: ShopText; go: (to: string) => void }) {
  const { locale, t, go } = props;
  const [flow, setFlow] = useState<'redirect' | 'embedded'>('redirect');
  const order = { subscribe: TEA_CLUB.sku, lang: locale };
  const label = `${t.subscribe} ${formatGel(TEA_CLUB.firstPayment, locale)}`;
  return (
    <section aria-labelledby="subscribe-title">
      <h1 id="subscribe-title" tabIndex={-1}>
        {TEA_CLUB.text[locale].name}
      </h1>
      <p>{TEA_CLUB.text[locale].description}</p>
      <FlittPlanSummary
        plan={TEA_CLUB.plan}
        currency="GEL"
        firstPayment={TEA_CLUB.firstPayment}
        texts={SUBSCRIPTION_TEXTS[locale]}
      />
      <fieldset className="flow">
        <legend>{t.how}</legend>
        {(['redirect', 'embedded'] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="subscribe-flow"
              checked={flow === choice}
              onChange={() => setFlow(choice)}
            />{' '}
            {t[choice]}
          </label>
        ))}
      </fieldset>
      {flow === 'redirect' ? (
        <FlittCheckoutButton order={order}>{label}</FlittCheckoutButton>
      ) : (
        // The same plan reference: the server turns it into recurring_data; the form shows the
        // plan Flitt has, read-only.
        <FlittEmbeddedCheckout
          order={order}
          options={{ subscription: { type: 'shown_readonly' } }}
          submitLabel={label}
          onApproved={(s) => go(`/result?order_id=${encodeURIComponent(s.orderId)}`)}
        />
      )}
    </section>
  );
}

export function SubscriptionsPage(props: { locale: Locale; t: ShopText; sandbox: boolean }) {
  const { locale, t, sandbox } = props;
  const [list, setList] = useState<Subscription[] | null>(null);
  const [advanced, setAdvanced] = useState(0);
  const load = useCallback(() => {
    fetch('/api/shop/subscriptions')
      .then((r) => r.json() as Promise<Subscription[]>)
      .then(setList, () => {});
  }, []);
  // Charges arrive by callback, a moment after the sandbox's clock moves: the page keeps looking.
  useEffect(() => {
    load();
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, [load]);
  const advance = async () => {
    await fetch('/api/shop/sandbox/advance-month', { method: 'POST' });
    setAdvanced((n) => n + 1);
    load();
  };
  return (
    <section aria-labelledby="subscriptions-title">
      <h1 id="subscriptions-title" tabIndex={-1}>
        {t.subscriptions}
      </h1>
      {list === null ? <p>…</p> : list.length === 0 ? <p>{t.noSubscriptions}</p> : null}
      {list?.map((s) => (
        <FlittSubscriptionManager
          key={s.orderId}
          orderId={s.orderId}
          status={s.status}
          texts={SUBSCRIPTION_TEXTS[locale]}
          onChange={load}
        >
          <p>
            {TEA_CLUB.text[locale].name} · <code>{s.orderId}</code>
          </p>
          <h3>{t.charges}</h3>
          {s.charges.length === 0 ? (
            <p>{t.noCharges}</p>
          ) : (
            <ul className="lines" aria-label={t.charges}>
              {s.charges.map((c) => (
                <li key={c.orderId} data-status={c.status}>
                  <span>
                    {c.status === 'approved' ? t.charged : t.chargeDeclined}:{' '}
                    {formatGel(c.amount, locale)}
                  </span>
                  {c.status === 'declined' ? (
                    <span>{payerMessage(c.responseCode ?? undefined, locale)}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </FlittSubscriptionManager>
      ))}
      {sandbox ? (
        <aside className="cards" aria-labelledby="sandbox-clock">
          <h2 id="sandbox-clock">{t.sandboxOnly}</h2>
          <button type="button" onClick={() => void advance()}>
            {t.advanceMonth}
          </button>
          <p role="status">{advanced > 0 ? `${t.advancedBy} ${advanced}` : ''}</p>
        </aside>
      ) : null}
    </section>
  );
}
