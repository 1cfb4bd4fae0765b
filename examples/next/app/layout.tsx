import '@flitt-checkout/react/styles.css';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from './Providers';

export const metadata: Metadata = { title: 'Tea shop' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: FLITT_BASE_URL is the deployment's setting, not the build's.
  await connection();
  const baseUrl = process.env.FLITT_BASE_URL;
  return (
    <html lang="en">
      <body>
        <Providers sandboxOrigin={baseUrl ? new URL(baseUrl).origin : undefined}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
