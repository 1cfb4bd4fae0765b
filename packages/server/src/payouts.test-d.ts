// Type-level tests, checked by `tsc -b`: a payout names exactly one receiver, and what it comes
// to is a union on `status`.
import { expectTypeOf } from 'vitest';
import type { FlittEvent } from './events.ts';
import type { Payout, PayoutInput } from './payouts.ts';

const base = { orderId: 'p-1', amount: 2010, currency: 'GEL', description: 'Payout' } as const;

expectTypeOf({ ...base, receiverRectoken: 't' }).toExtend<PayoutInput>();
expectTypeOf({ ...base, externalRectoken: 't' }).toExtend<PayoutInput>();
// @ts-expect-error both tokens: Flitt pays out to one
const both: PayoutInput = { ...base, receiverRectoken: 't', externalRectoken: 'u' };
// @ts-expect-error no token: a card number is not a receiver (1074)
const none: PayoutInput = { ...base };
void both;
void none;

declare const payout: Payout;
if (payout.status === 'declined') expectTypeOf(payout.responseCode).toEqualTypeOf<number>();
// @ts-expect-error only a declined payout has a code
if (payout.status === 'approved') void payout.responseCode;

declare const event: FlittEvent;
if (event.type === 'payout.declined') expectTypeOf(event.responseCode).toEqualTypeOf<number>();
if (event.type === 'payment.chargeback')
  expectTypeOf(event.chargebackAmount).toEqualTypeOf<number>();
