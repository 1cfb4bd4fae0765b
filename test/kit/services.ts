// Redis and PostgreSQL for the store tests. `npm test` starts them once (scripts/test-all.mjs) and
// passes their URLs; vitest run alone starts a private pair on free ports, and stops it after.
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { startServices } from '../../scripts/ensure-services.mjs';

export interface TestServices {
  readonly redisUrl: string;
  readonly postgresUrl: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The URLs from the environment, or a pair started now; throws saying why when neither works. */
async function testServices(): Promise<TestServices> {
  const failed = process.env.FLITT_TEST_SERVICES_ERROR;
  if (failed) throw new Error(`Redis / PostgreSQL for the store tests did not start: ${failed}`);
  const redisUrl = process.env.FLITT_TEST_REDIS_URL;
  const postgresUrl = process.env.FLITT_TEST_POSTGRES_URL;
  if (redisUrl && postgresUrl) return { redisUrl, postgresUrl, stop: () => {} };
  try {
    return startServices({ redisPort: await freePort(), postgresPort: await freePort() });
  } catch (error) {
    throw new Error(
      `The store tests need Redis and PostgreSQL. Set FLITT_TEST_REDIS_URL and FLITT_TEST_POSTGRES_URL, or let scripts/ensure-services.mjs start them: ${(error as Error).message}`,
    );
  }
}

/**
 * Gets the services in `beforeAll` and stops a pair it started in `afterAll`. The returned getter
 * throws why they are missing, so each test that needs them fails (a throwing beforeAll would only
 * mark the tests skipped).
 */
export function withTestServices(): () => TestServices {
  let services: TestServices | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      services = await testServices();
    } catch (error) {
      failure = error;
    }
  }, 120_000);
  afterAll(() => services?.stop());
  return () => {
    if (services) return services;
    throw failure ?? new Error('the store tests asked for Redis / PostgreSQL before beforeAll');
  };
}
