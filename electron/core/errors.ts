import { BurrowError, type BurrowErrorShape } from '../../shared/errors';
import { redact } from './redact';

/** Maps anything thrown inside the core to a coded, redacted error shape. */
export function toErrorShape(thrown: unknown): BurrowErrorShape {
  if (thrown instanceof BurrowError) {
    const shape = thrown.toShape();
    return { ...shape, message: redact(shape.message) };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'INTERNAL', message: redact(message || 'unexpected internal error') };
}
