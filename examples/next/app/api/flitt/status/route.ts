import { flitt } from '@/lib/flitt';

// GET {apiBase}/status?order_id= from the result page: the status the server asked Flitt for.
export const GET = flitt.status;
