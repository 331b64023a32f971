import type { BurrowApi } from '../../../shared/bridge';

/** The only module that touches `window.burrow` (exposed by the preload or the test host shim). */
export function burrow(): BurrowApi {
  const api = (globalThis as { burrow?: BurrowApi }).burrow;
  if (!api) throw new Error('window.burrow is missing: the preload did not run');
  return api;
}
