import { flitt } from '@/lib/flitt';

// Flitt's server_callback_url: verified, confirmed with Flitt, then onEvent; 200, or 400 if forged.
export const POST = flitt.callback;
