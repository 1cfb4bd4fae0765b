import { flitt } from '@/lib/flitt';

// POST {apiBase}/checkout from the React provider: { flow, order } → { checkoutUrl | token, orderId }.
export const POST = flitt.createCheckout;
