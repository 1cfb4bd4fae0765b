// Types of ensure-services.mjs for the TypeScript tests that import it.
export declare function startServices(options?: { redisPort?: number; postgresPort?: number }): {
  redisUrl: string;
  postgresUrl: string;
  stop(): void;
};
