// Split payments (docs.flitt.com/api/split): `/api/settlement` divides a paid order between
// merchants, and a reverse with `receiver` gives back part of each one's share. Where Flitt's
// docs are silent, the choices are the sandbox's and the README lists them.
import type { Lifecycle } from './lifecycle.ts';
import {
  describeCode,
  type SandboxOrder,
  type SplitPart,
  type SplitRecord,
  signLikeFlitt,
} from './orders.ts';
import type { SandboxMerchant, SandboxState } from './state.ts';
import { FlittFailure, MESSAGES, type ParsedRequest } from './wire.ts';

/** What the settlement needs from the API module: its request checks and its order store. */
interface SettlementDeps {
  authenticate(parsed: ParsedRequest): Promise<SandboxMerchant>;
  requireParams(params: Record<string, unknown>, names: readonly string[]): void;
  checkRaw(params: Record<string, unknown>): void;
  validationFailure(
    params: Record<string, unknown>,
    protocol: '1.0' | '2.0',
  ): FlittFailure | undefined;
  storeOrder(
    merchant: SandboxMerchant,
    params: Record<string, unknown>,
    extra: { delayed?: 'N'; protocol?: '2.0' },
  ): SandboxOrder;
}

/** One receiver as a request names it. */
interface RequestedPart {
  readonly merchantId: number;
  readonly amount: number;
}

const DIGITS = /^\d{1,12}$/;

/** Flitt's words for a code, without the table's full stop (Flitt's messages have none). */
const said = (code: number) =>
  code === 1016 ? MESSAGES[1016] : describeCode(code).replace(/\.$/, '');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const incorrect = (name: string, why: string) =>
  new FlittFailure(1007, `${MESSAGES[1007](name)}: ${why}`);

/** What an order holds now: its captured (or paid) amount less what was refunded. */
function heldAmount(order: SandboxOrder): number {
  const taken =
    order.captureStatus === 'captured'
      ? (order.captureAmount ?? order.params.amount)
      : order.params.amount;
  return taken - order.reversalAmount;
}

/** The split payments and split refunds of one sandbox. */
export function createSettlement(
  state: SandboxState,
  lifecycle: Pick<Lifecycle, 'settle' | 'signedOrder' | 'notify'>,
  deps: SettlementDeps,
) {
  /**
   * `receiver` read into parts: `[{ type: 'merchant', requisites: { merchant_id, amount, … } }]`.
   * A settlement's receivers also need `settlement_description`; a split refund's do not (Flitt's
   * refund example names only amount and merchant_id).
   */
  function partsOf(receiver: unknown, settlement: boolean): RequestedPart[] {
    if (!Array.isArray(receiver) || receiver.length === 0)
      throw incorrect('receiver', 'a non-empty array of { type, requisites }');
    const parts = receiver.map((entry): RequestedPart => {
      if (!isRecord(entry) || !isRecord(entry.requisites))
        throw incorrect('receiver', 'each receiver is { type: "merchant", requisites: { … } }');
      // Flitt also takes bank details; the sandbox splits between Flitt merchants only.
      if (entry.type !== 'merchant') throw incorrect('type', 'the sandbox knows type "merchant"');
      const requisites = entry.requisites;
      deps.checkRaw(requisites);
      deps.requireParams(requisites, [
        'merchant_id',
        'amount',
        ...(settlement ? ['settlement_description'] : []),
      ]);
      if (
        !DIGITS.test(String(requisites.merchant_id)) ||
        typeof requisites.merchant_id === 'object'
      )
        throw new FlittFailure(1007, MESSAGES[1007]('merchant_id'));
      const amount = Number(requisites.amount);
      if (!DIGITS.test(String(requisites.amount)) || amount <= 0)
        throw new FlittFailure(1023, MESSAGES[1023]);
      if (settlement) {
        const description = requisites.settlement_description;
        if (typeof description !== 'string' || description.length > 1024)
          throw new FlittFailure(1007, MESSAGES[1007]('settlement_description'));
        const fee = requisites.fee_partner_amount;
        // Flitt's own example has a fee above the part (102 of 100): only its form is checked.
        if (fee !== undefined && fee !== '' && !DIGITS.test(String(fee)))
          throw new FlittFailure(1007, MESSAGES[1007]('fee_partner_amount'));
      }
      return { merchantId: Number(requisites.merchant_id), amount };
    });
    const ids = parts.map((p) => p.merchantId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw incorrect('receiver', `merchant ${twice} is named twice`);
    return parts;
  }

  /** `/api/settlement`: splits a paid order (`operation_id`) between the receivers. */
  async function create(parsed: ParsedRequest): Promise<Record<string, unknown>> {
    const { params } = parsed;
    // Nested receivers cannot be signed in protocol 1.0; Flitt takes settlements in 2.0 only.
    if (!parsed.envelope) throw incorrect('version', '/api/settlement takes protocol 2.0 only');
    deps.checkRaw(params);
    deps.requireParams(params, [
      'order_type',
      'order_id',
      'operation_id',
      'order_desc',
      'amount',
      'currency',
      'receiver',
    ]);
    const merchant = await deps.authenticate(parsed);
    if (merchant.split === false) throw new FlittFailure(1106, said(1106));
    if (params.order_type !== 'settlement')
      throw incorrect('order_type', 'a split is order_type "settlement"');
    const { receiver, operation_id: operationId, order_type: _type, ...orderParams } = params;
    const invalid = deps.validationFailure(orderParams, '2.0');
    if (invalid) throw invalid;
    const operation = state.orders.get(state.keyOf(merchant.merchantId, String(operationId)));
    if (!operation) throw new FlittFailure(1018, MESSAGES[1018]);
    lifecycle.settle(operation);
    if (operation.tranType === 'settlement')
      throw incorrect('operation_id', 'it is a settlement; name the paid order');
    if (operation.status !== 'approved')
      throw incorrect('operation_id', `order is ${operation.status}, only approved orders split`);
    if (operation.captureStatus === 'hold') throw new FlittFailure(1114, said(1114));
    if (params.currency !== operation.params.currency)
      throw new FlittFailure(1007, MESSAGES[1007]('currency'));
    const parts = partsOf(receiver, true);
    // The sandbox's stand-in for "the same company": a merchant it knows (built in, options,
    // --merchant, control.addMerchant). Any other merchant id is another company's.
    if (parts.some((p) => !state.merchants.has(p.merchantId)))
      throw new FlittFailure(1107, said(1107));
    const amount = Number(params.amount);
    const sum = parts.reduce((total, p) => total + p.amount, 0);
    // The parts must add up to the amount, and the amount be what the order holds (captured, less
    // refunds): an order is split once, in full.
    const held = operation.split ? 0 : heldAmount(operation);
    if (sum !== amount || amount !== held) {
      state.log(
        `settlement refused (1120): parts ${sum}, amount ${amount}, ${operation.orderId} holds ${held}`,
      );
      throw new FlittFailure(1120, said(1120));
    }
    const order = deps.storeOrder(merchant, params, { delayed: 'N', protocol: '2.0' });
    order.tranType = 'settlement';
    order.status = 'approved';
    const record: SplitRecord = {
      settlementOrderId: order.orderId,
      operationId: operation.orderId,
      parts: parts.map((p): SplitPart => ({ ...p, reversed: 0 })),
    };
    order.split = record;
    operation.split = record;
    await lifecycle.notify(order);
    return lifecycle.signedOrder(order);
  }

  /**
   * A reverse's `receiver`: checks each part against the order's split and applies it, or gives
   * the response code of a refusal (1016 unknown receiver, 1108 not among the split's receivers,
   * 1120 parts that do not add up to `amount` or exceed a receiver's share). A split order
   * reversed without `receiver` is refused: whose share goes back would be a guess.
   */
  function refund(order: SandboxOrder, receiver: unknown, amount: number): number | undefined {
    // The split itself is not refunded: its paid order is, with `receiver`.
    if (order.tranType === 'settlement')
      throw incorrect('order_id', `a settlement; refund ${order.split?.operationId} with receiver`);
    if (receiver === undefined || receiver === '') {
      if (order.split) throw new FlittFailure(1011, MESSAGES[1011]('receiver'));
      return undefined;
    }
    const parts = partsOf(receiver, false);
    const shares: SplitPart[] = [];
    for (const part of parts) {
      if (!state.merchants.has(part.merchantId)) return 1016;
      const share = order.split?.parts.find((p) => p.merchantId === part.merchantId);
      if (!share) return 1108;
      if (part.amount > share.amount - share.reversed) return 1120;
      shares.push(share);
    }
    if (parts.reduce((total, p) => total + p.amount, 0) !== amount) return 1120;
    parts.forEach((part, i) => {
      (shares[i] as SplitPart).reversed += part.amount;
    });
    return undefined;
  }

  /** The reply to a refused split refund: a declined reverse, as Flitt's split docs show it. */
  function declined(
    order: SandboxOrder,
    merchant: SandboxMerchant,
    reverseId: string,
    code: number,
  ): Promise<Record<string, unknown>> {
    state.log(`split refund of ${order.orderId} declined: ${code} ${said(code)}`);
    return signLikeFlitt(
      {
        response_status: 'success',
        reverse_status: 'declined',
        reversal_amount: String(order.reversalAmount),
        reverse_id: reverseId,
        order_id: order.orderId,
        merchant_id: merchant.merchantId,
        response_code: code,
        response_description: said(code),
      },
      merchant.secretKey,
    );
  }

  return { create, refund, declined };
}
