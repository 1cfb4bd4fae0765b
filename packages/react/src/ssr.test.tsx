// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
import { FlittPaymentResult } from './FlittPaymentResult.tsx';
import { FlittPlanSummary } from './FlittPlanSummary.tsx';
import { FlittProvider } from './FlittProvider.tsx';
import { FlittSaveCardCheckbox } from './FlittSaveCardCheckbox.tsx';
import { FlittSavedCards } from './FlittSavedCards.tsx';
import { FlittSubscriptionManager } from './FlittSubscriptionManager.tsx';
import { en, enResult } from './locales/en.ts';
import { ka, kaResult, kaSavedCards, kaSubscription } from './locales/ka.ts';

describe('server rendering', () => {
  it('runs with no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders the button, the embedded placeholder and the result view without touching the DOM', () => {
    const html = renderToString(
      <FlittProvider locale={en} apiBase="/api/flitt" theme="dark">
        <FlittCheckoutButton order={{ cartId: 1 }} />
        <FlittEmbeddedCheckout order={{ cartId: 1 }} />
        <FlittPaymentResult texts={enResult} orderId="o-1" />
      </FlittProvider>,
    );
    expect(html).toContain('>Pay</button>');
    expect(html).toContain('data-flitt-theme="dark"');
    expect(html).toContain('class="flitt-embedded__form"');
    expect(html).toContain('Checking your payment…');
  });

  it('renders the plan summary and the subscription manage view', () => {
    const html = renderToString(
      <FlittProvider locale={ka}>
        <FlittPlanSummary
          plan={{ every: 1, period: 'month', amount: 990, trial_period: 'day', trial_quantity: 14 }}
          currency="GEL"
          texts={kaSubscription}
          now={Date.UTC(2026, 0, 1)}
          timeZone="UTC"
        />
        <FlittSubscriptionManager orderId="o-1" status="active" texts={kaSubscription} />
      </FlittProvider>,
    );
    expect(html).toContain('ყოველთვე');
    expect(html).toContain('2026');
    expect(html).toContain('>გამოწერის შეჩერება</button>');
  });

  it('renders the saved cards (loading, its live region already there) and the save-card checkbox', () => {
    const html = renderToString(
      <FlittProvider locale={ka}>
        <FlittSavedCards order={{ cartId: 1 }} texts={kaSavedCards} onUseNewCard={() => {}} />
        <FlittSaveCardCheckbox checked={false} onChange={() => {}} texts={kaSavedCards} />
      </FlittProvider>,
    );
    expect(html).toContain('>შენახული ბარათები</h2>');
    expect(html).toContain('role="status">შენახული ბარათები იტვირთება…</p>');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('ბარათის შენახვა შემდეგი გადახდებისთვის');
  });

  it('renders another language on the server when its texts are passed in', () => {
    const html = renderToString(
      <FlittProvider locale={ka}>
        <FlittCheckoutButton order={{ cartId: 1 }} />
      </FlittProvider>,
    );
    expect(html).toContain('>გადახდა</button>');
  });

  it('renders the merchant’s own label, and no text of another language', () => {
    const html = renderToString(
      <FlittProvider locale={ka}>
        <FlittCheckoutButton order={{ cartId: 1 }}>Pay 23.50 ₾</FlittCheckoutButton>
        <FlittPaymentResult texts={kaResult} orderId="o-1" />
      </FlittProvider>,
    );
    expect(html).toContain('>Pay 23.50 ₾</button>');
    expect(html).toContain(kaResult.checkingStatus);
    expect(html).not.toContain(enResult.checkingStatus);
  });
});
