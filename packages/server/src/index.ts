// Everything that touches the secret payment key lives in this package. The signing code itself
// is isomorphic (Web Crypto) and kept in core so the sandbox can sign like Flitt; it is re-exported
// here because this is where merchants should reach for it.
export type {
  CreateOrderParams,
  FlittOrder,
  FlittParams,
  FlittResult,
  OrderStatus,
  Protocol2Envelope,
} from '@flitt-checkout/core';
export {
  createSignature,
  decodeProtocol2,
  FlittError,
  FlittValidationError,
  maskedSigningString,
  parseFlittResponse,
  signProtocol2,
  validateOrder,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
