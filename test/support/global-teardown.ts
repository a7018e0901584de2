import { HARNESS_STATE_KEY, type TestHarnessState } from './global-setup';

type HarnessGlobal = typeof globalThis & { [HARNESS_STATE_KEY]?: TestHarnessState };

/** Stops what globalSetup started, once the last project that used it is done. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as HarnessGlobal;
  const running = state[HARNESS_STATE_KEY];
  if (!running) return;
  running.users -= 1;
  if (running.users > 0) return;
  delete state[HARNESS_STATE_KEY];
  await running.stop();
}
