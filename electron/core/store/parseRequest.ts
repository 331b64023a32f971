import type { z } from 'zod';
import { BurrowError } from '../../../shared/errors';

/**
 * Every store operation validates its own payload (the IPC dispatcher does too), so a direct
 * caller in the main process gets the same VALIDATION error, naming the field.
 */
export function parseRequest<S extends z.ZodType>(schema: S, payload: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(payload)';
  throw new BurrowError('VALIDATION', `${operation}: ${field}: ${issue?.message ?? 'invalid payload'}`, { field });
}
