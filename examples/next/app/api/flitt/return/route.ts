import { flitt } from '@/lib/flitt';

// Flitt's response_url: the payer's browser comes back (a form POST or a GET), 303 to /result.
export const GET = flitt.paymentReturn;
export const POST = flitt.paymentReturn;
