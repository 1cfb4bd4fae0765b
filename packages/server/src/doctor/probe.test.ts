import { describe, expect, it } from 'vitest';
import { isPrivateHost } from './probe.ts';

describe('isPrivateHost', () => {
  it('knows the hosts Flitt cannot reach from the internet', () => {
    const privateHosts = [
      'http://localhost:3000',
      'http://shop.localhost',
      'http://127.0.0.1',
      'http://10.1.2.3',
      'http://172.16.0.1',
      'http://172.31.255.1',
      'http://192.168.1.10',
      'http://169.254.1.1',
      'http://[::1]:3000',
      'http://[fd12:3456::1]',
      'http://printer.local',
    ];
    const publicHosts = [
      'https://shop.example',
      'https://172.32.0.1',
      'https://8.8.8.8',
      'https://[2001:db8::1]',
    ];
    for (const url of privateHosts) expect(isPrivateHost(new URL(url)), url).toBe(true);
    for (const url of publicHosts) expect(isPrivateHost(new URL(url)), url).toBe(false);
  });
});
