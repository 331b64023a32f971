import { BurrowError, type ErrorCode } from '../../../../shared/errors';

export function keyError(code: ErrorCode, message: string, detail?: Record<string, unknown>): BurrowError {
  return new BurrowError(code, message, detail);
}
