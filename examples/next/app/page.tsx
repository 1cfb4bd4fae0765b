'use client';

import { FlittCheckoutButton } from '@flitt-checkout/react';
import { useMemo, useState } from 'react';
import { formatGel, PRODUCTS } from '@/lib/catalog';

/** The cart: the payer picks quantities; the server prices them again when the button is pressed. */
export default function CartPage() {
  const [quantities, setQuantities] = useState<Record<string, number>>({ tea: 1 });
  const total = PRODUCTS.reduce((sum, p) => sum + p.price * (quantities[p.sku] ?? 0), 0);
  // What to pay for, never how much: the server prices it (lib/flitt.ts).
  const order = useMemo(
    () => ({
      items: PRODUCTS.filter((p) => (quantities[p.sku] ?? 0) > 0).map((p) => ({
        sku: p.sku,
        qty: quantities[p.sku] ?? 0,
      })),
    }),
    [quantities],
  );

  return (
    <main>
      <h1>Cart</h1>
      <ul>
        {PRODUCTS.map((p) => (
          <li key={p.sku}>
            <label>
              {p.name} ({formatGel(p.price)}){' '}
              <input
                type="number"
                min={0}
                max={9}
                value={quantities[p.sku] ?? 0}
                onChange={(e) => setQuantities({ ...quantities, [p.sku]: Number(e.target.value) })}
              />
            </label>
          </li>
        ))}
      </ul>
      {total > 0 ? (
        <FlittCheckoutButton order={order}>Pay {formatGel(total)}</FlittCheckoutButton>
      ) : (
        <p>Your cart is empty.</p>
      )}
    </main>
  );
}
