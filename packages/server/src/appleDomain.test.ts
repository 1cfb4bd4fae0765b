import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { APPLE_DOMAIN_ASSOCIATION_PATH, appleDomainAssociation } from './appleDomain.ts';
import { toNodeHandler } from './node.ts';

// The file as Flitt's support sends it: served byte for byte, at Apple's path, without redirects.
const FILE = '7B227073704964223A2246463735453444383141433233453946383041433134\n';

describe('appleDomainAssociation', () => {
  it('serves the file as it came, as plain text, 200 with no redirect', async () => {
    const serve = appleDomainAssociation(FILE);
    const response = await serve(
      new Request(`https://shop.example${APPLE_DOMAIN_ASSOCIATION_PATH}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toBe(FILE);
    expect(APPLE_DOMAIN_ASSOCIATION_PATH).toBe(
      '/.well-known/apple-developer-merchantid-domain-association',
    );
  });

  it('answers HEAD without a body over Node, and refuses other methods', async () => {
    const server = createServer(toNodeHandler(appleDomainAssociation(FILE)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}${APPLE_DOMAIN_ASSOCIATION_PATH}`;
      const got = await fetch(url);
      expect(await got.text()).toBe(FILE);
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      const post = await fetch(url, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses to start without the file, naming what to pass', () => {
    expect(() => appleDomainAssociation('')).toThrow(/file's text from Flitt's support/);
    expect(() => appleDomainAssociation(undefined as never)).toThrow(/readFileSync/);
  });
});
