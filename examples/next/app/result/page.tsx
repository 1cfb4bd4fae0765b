'use client';

import { FlittPaymentResult } from '@flitt-checkout/react';
import { enResult } from '@flitt-checkout/react/locales/en';

/** Where the return handler sends the payer (`resultUrl`): the verdict comes from /api/flitt/status. */
export default function ResultPage() {
  return (
    <main>
      <FlittPaymentResult texts={enResult} headingLevel={1} shopHref="/" />
    </main>
  );
}
