// What a browser bundle gets for @flitt-checkout/server. The package holds your secret payment key,
// so this import must fail: the self-import below names the mistake in the bundler's error, and
// the throw stops any bundler that lets a missing import through.
import '@flitt-checkout/server/server-only--never-import-this-package-in-browser-code';

throw new Error(
  '[flitt-checkout] @flitt-checkout/server was bundled for a browser. It holds your Flitt secret key: import it only in server code (API routes, route handlers, server actions).',
);
