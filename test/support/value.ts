import type { Result } from '../../shared/errors';

/** Unwraps an ok envelope, or fails the test with the error's code and message. */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
