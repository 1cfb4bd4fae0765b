'use client';

import { FlittProvider } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import type { ReactNode } from 'react';

/** The payments provider around every page: the handlers under /api/flitt, English texts. */
export function Providers({
  sandboxOrigin,
  children,
}: {
  /** The local sandbox's origin, which the button may send the payer to besides Flitt's. */
  sandboxOrigin: string | undefined;
  children: ReactNode;
}) {
  return (
    <FlittProvider apiBase="/api/flitt" locale={en} {...(sandboxOrigin ? { sandboxOrigin } : {})}>
      {children}
    </FlittProvider>
  );
}
