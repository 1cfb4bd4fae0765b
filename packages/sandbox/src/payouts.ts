// Payouts (docs.flitt.com/api/withdrawal): `/api/p2pcredit` sends money to a card by its token,
// signed with the merchant's payout ("credit") key, never the payment key. Where Flitt's docs are
// silent (the balance, the allow-list under msw, declines) the choices are the sandbox's and the
// README lists them.
import { merchantAuth } from './merchantAuth.ts';
import { describeCode, orderObject, type SandboxOrder, signLikeFlitt } from './orders.ts';
import type { SandboxMerchant, SandboxState } from './state.ts';
import { apiResponse, FlittFailure, MESSAGES, type ParsedRequest } from './wire.ts';

/** What a merchant may pay out before `control.setPayoutBalance`: 1 000 000.00 in minor units. */
const DEFAULT_PAYOUT_BALANCE = 100_000_000;

/** What the payouts need from the API module: its request checks and its order store. */
export interface PayoutDeps {
  requireParams(params: Record<string, unknown>, names: readonly string[]): void;
  checkRaw(params: Record<string, unknown>): void;
  amountParam(params: Record<string, unknown>): number;
  validationFailure(
    params: Record<string, unknown>,
    protocol: '1.0' | '2.0',
  ): FlittFailure | undefined;
  storeOrder(merchant: SandboxMerchant, params: Record<string, unknown>): SandboxOrder;
}

/** The reply fields Flitt documents for a payout (api-reference §1.5 vector 5), plus the decline's. */
const PAYOUT_FIELDS = [
  'order_id',
  'merchant_id',
  'amount',
  'currency',
  'order_status',
  'response_status',
  'tran_type',
  'masked_card',
  'card_bin',
  'card_type',
  'order_time',
  'payment_id',
  'payment_system',
  'response_code',
  'response_description',
  'merchant_data',
  'product_id',
  'additional_info',
] as const;

/** The payout's order object as Flitt answers and posts it, signed with the payout key. */
async function signedPayout(
  order: SandboxOrder,
  merchant: SandboxMerchant,
): Promise<Record<string, unknown>> {
  const full = orderObject(order);
  const body = Object.fromEntries(PAYOUT_FIELDS.map((name) => [name, full[name]]));
  return signLikeFlitt(body, merchant.creditKey ?? '');
}

/** An IPv4 address as Node reports it on a dual-stack socket (`::ffff:127.0.0.1`), plain. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.)/i, '');

/** The current payout balance of a merchant, in minor units. */
export function payoutBalance(state: SandboxState, merchant: SandboxMerchant): number {
  return (
    state.payoutBalances.get(merchant.merchantId) ??
    merchant.payoutBalance ??
    DEFAULT_PAYOUT_BALANCE
  );
}

/** `/api/p2pcredit` over the sandbox's state. */
export function createPayouts(state: SandboxState, deps: PayoutDeps) {
  /**
   * A payout: the checks Flitt documents (the payout key 1014, a token and never a card 1074,
   * the IP allow-list 1099, the balance 1081), then an approved (or, after
   * `control.declineNextPayout`, declined) `p2p credit` order, its callback and its reply, both
   * signed with the payout key. `clientAddress` is the caller's IP, where the sandbox knows it.
   */
  async function p2pcredit(parsed: ParsedRequest, clientAddress: string | undefined) {
    const { params } = parsed;
    deps.checkRaw(params);
    deps.requireParams(params, ['order_id', 'order_desc', 'amount', 'currency']);
    const merchant = await merchantAuth(state, parsed, 'creditKey');
    // The allow-list first: Flitt refuses a payout from elsewhere before reading what it asks.
    if (merchant.payoutIps) {
      const address = clientAddress === undefined ? undefined : plainAddress(clientAddress);
      if (address === undefined || !merchant.payoutIps.includes(address)) {
        state.log(
          `p2pcredit refused: ${address ?? 'an unknown address (msw: pass sandboxHandlers(sandbox, { clientAddress }))'} is not in payoutIps`,
        );
        throw new FlittFailure(1099, describeCode(1099));
      }
    }
    // The legacy card-number payout of the official node SDK: Flitt pays out by token only.
    if (params.receiver_card_number !== undefined || params.card_number !== undefined)
      throw new FlittFailure(1074, describeCode(1074));
    const receiver = params.receiver_rectoken;
    const external = params.external_rectoken;
    if (receiver !== undefined && external !== undefined)
      throw new FlittFailure(
        1007,
        `${MESSAGES[1007]('external_rectoken')}: send receiver_rectoken or external_rectoken, not both`,
      );
    if (receiver === undefined && external === undefined)
      throw new FlittFailure(1011, MESSAGES[1011]('receiver_rectoken'));
    deps.requireParams(params, [
      receiver !== undefined ? 'receiver_rectoken' : 'external_rectoken',
    ]);
    const amount = deps.amountParam(params);
    const { receiver_rectoken: _r, external_rectoken: _e, signature: _s, ...orderParams } = params;
    const invalid = deps.validationFailure(orderParams, parsed.envelope ? '2.0' : '1.0');
    if (invalid) throw invalid;
    // A receiver_rectoken is one Flitt issued (to this merchant); an external_rectoken is UFC's,
    // which the sandbox cannot look up: any non-empty one is taken.
    const saved = receiver === undefined ? undefined : state.rectokens.get(String(receiver));
    if (receiver !== undefined && (!saved || saved.merchantId !== merchant.merchantId))
      throw new FlittFailure(1035, MESSAGES[1035]);
    if (saved && state.now() >= saved.expiresAt) throw new FlittFailure(1082, MESSAGES[1082]);
    const balance = payoutBalance(state, merchant);
    if (amount > balance) throw new FlittFailure(1081, describeCode(1081));
    const order = deps.storeOrder(merchant, orderParams);
    order.tranType = 'p2p credit';
    order.attempts = 1;
    if (saved?.card) order.card = saved.card;
    const decline = state.payoutDeclines.shift();
    if (decline === undefined) {
      order.status = 'approved';
      state.payoutBalances.set(merchant.merchantId, balance - amount);
    } else {
      order.status = 'declined';
      order.responseCode = decline;
      order.responseDescription = describeCode(decline);
    }
    const signed = await signedPayout(order, merchant);
    const url = params.server_callback_url;
    if (typeof url === 'string' && url !== '')
      state.callbacks.send(url, signed, { orderId: order.orderId, orderStatus: order.status });
    // A 2.0 request is answered in 2.0, signed with the same payout key.
    return apiResponse(parsed.format, signed, merchant.creditKey);
  }

  return { p2pcredit };
}
