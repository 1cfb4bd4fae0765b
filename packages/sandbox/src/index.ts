export type { CallbackAttempt } from './callbacks.ts';
export { CALLBACK_RETRY_SECONDS } from './callbacks.ts';
export type { TestCard } from './cards.ts';
export { TEST_CARDS } from './cards.ts';
export type {
  FaultKind,
  Sandbox,
  SandboxControl,
  SandboxMerchant,
  SandboxOptions,
  SandboxOrderSummary,
  SandboxRequestInfo,
} from './createSandbox.ts';
export { createSandbox, SandboxConnectionReset, TEST_MERCHANT } from './createSandbox.ts';
