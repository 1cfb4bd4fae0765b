// The shop's admin page (for the merchant, in English): its orders as Flitt has them, capture a
// held order, refund in part or in full. The server checks every amount against Flitt's order.
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { formatGel } from './catalog.ts';

interface AdminOrder {
  orderId: string;
  status: string;
  amount: number;
  capture: { status: string; amount: number } | null;
  refunded: number;
  capturable: number;
  refundable: number;
}

type Said = { kind: 'status' | 'alert'; text: string } | undefined;

async function post(path: string, body: unknown) {
  const answer = await fetch(`/api/shop/admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
  if (!answer.ok)
    throw new Error(
      String((json.error as { message?: string } | undefined)?.message ?? answer.statusText),
    );
  return json;
}

/** A fresh id per refund click: the server passes it to Flitt as the refund's reverse_id. */
const requestId = () =>
  `admin-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function AdminPage() {
  const [admin, setAdmin] = useState<boolean>();
  const [hold, setHold] = useState(false);
  const [orders, setOrders] = useState<AdminOrder[]>();
  const [said, setSaid] = useState<Said>();
  const [busy, setBusy] = useState(false);
  const passwordId = useId();

  const load = useCallback(async () => {
    try {
      setOrders(((await post('orders', {})) as { orders: AdminOrder[] }).orders);
    } catch (error) {
      setSaid({ kind: 'alert', text: (error as Error).message });
    }
  }, []);
  useEffect(() => {
    fetch('/api/shop/admin/me')
      .then((r) => r.json() as Promise<{ admin?: boolean; holdNewOrders?: boolean }>)
      .then(
        (me) => {
          setAdmin(me.admin === true);
          setHold(me.holdNewOrders === true);
        },
        () => setAdmin(false),
      );
  }, []);
  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setSaid(undefined);
    try {
      await what();
      setSaid({ kind: 'status', text: done });
      await load();
    } catch (error) {
      setSaid({ kind: 'alert', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    try {
      const me = (await post('sign-in', { password })) as { holdNewOrders?: boolean };
      setHold(me.holdNewOrders === true);
      setSaid(undefined);
      setAdmin(true);
    } catch (error) {
      setSaid({ kind: 'alert', text: (error as Error).message });
    }
  };

  return (
    <section aria-labelledby="admin-title" className="admin">
      <h1 id="admin-title" tabIndex={-1}>
        Orders (admin)
      </h1>
      {admin === false ? (
        <form onSubmit={(e) => void signIn(e)} className="admin-sign-in">
          <label htmlFor={passwordId}>Admin password</label>
          <input id={passwordId} name="password" type="password" autoComplete="current-password" />
          <button type="submit">Sign in as admin</button>
        </form>
      ) : null}
      {admin ? (
        <>
          <label className="admin-hold">
            <input
              type="checkbox"
              checked={hold}
              onChange={(e) => {
                const next = e.target.checked;
                // Shown at once; the server's answer then says what holds.
                setHold(next);
                void act(
                  async () => {
                    setHold(
                      ((await post('hold', { hold: next })) as { holdNewOrders: boolean })
                        .holdNewOrders,
                    );
                  },
                  next
                    ? 'New orders are held until you capture them.'
                    : 'New orders are charged at once.',
                );
              }}
            />{' '}
            Hold new orders, capture on dispatch (pre-authorise)
          </label>
          <button type="button" className="link" onClick={() => void load()}>
            Refresh
          </button>
          {orders && orders.length === 0 ? <p>No orders yet.</p> : null}
          {orders && orders.length > 0 ? (
            <table className="admin-orders">
              <caption>Latest orders, as Flitt has them</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Status</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Captured</th>
                  <th scope="col">Refunded</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <OrderRow key={o.orderId} order={o} busy={busy} act={act} />
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
      {said?.kind === 'alert' ? (
        <p role="alert" className="admin-said">
          {said.text}
        </p>
      ) : null}
      <p role="status" className="admin-said">
        {said?.kind === 'status' ? said.text : ''}
      </p>
    </section>
  );
}

function OrderRow(props: {
  order: AdminOrder;
  busy: boolean;
  act: (what: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const { order: o, busy, act } = props;
  const [amount, setAmount] = useState('');
  const amountId = useId();
  return (
    <tr data-order={o.orderId}>
      <th scope="row">{o.orderId}</th>
      <td>{o.capture?.status === 'hold' && o.status === 'approved' ? 'held' : o.status}</td>
      <td>{formatGel(o.amount)}</td>
      <td>
        {o.capture
          ? o.capture.status === 'captured'
            ? formatGel(o.capture.amount)
            : '—'
          : 'at once'}
      </td>
      <td>{formatGel(o.refunded)}</td>
      <td className="admin-actions">
        {o.capturable > 0 ? (
          <button
            type="button"
            aria-disabled={busy}
            onClick={() =>
              void act(
                () => post('capture', { orderId: o.orderId }),
                `Captured ${formatGel(o.capturable)} of ${o.orderId}.`,
              )
            }
          >
            Capture {formatGel(o.capturable)}
          </button>
        ) : null}
        {o.refundable > 0 ? (
          <>
            <label htmlFor={amountId} className="visually-hidden">
              Refund amount for {o.orderId}
            </label>
            <input
              id={amountId}
              inputMode="decimal"
              placeholder="5.00"
              size={7}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
            <button
              type="button"
              aria-disabled={busy || amount.trim() === ''}
              onClick={() => {
                if (amount.trim() === '') return;
                void act(
                  () =>
                    post('refund', {
                      orderId: o.orderId,
                      amount: amount.trim(),
                      requestId: requestId(),
                    }),
                  `Refunded ${formatGel(Math.round(Number(amount.trim()) * 100))} of ${o.orderId}.`,
                ).then(() => setAmount(''));
              }}
            >
              Refund
            </button>
            <button
              type="button"
              aria-disabled={busy}
              onClick={() =>
                void act(
                  () => post('refund', { orderId: o.orderId, requestId: requestId() }),
                  `Refunded ${formatGel(o.refundable)} of ${o.orderId}.`,
                )
              }
            >
              Refund all {formatGel(o.refundable)}
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
