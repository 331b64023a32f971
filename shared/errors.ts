/**
 * The closed set of error codes that can cross the IPC boundary, and the result envelope every
 * call returns. Handlers never throw across IPC: they resolve to `Result<T>`.
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CANCELLED',
  'TIMEOUT',
  'INTERNAL',
  'UNSUPPORTED',
  'KEYCHAIN_UNAVAILABLE',
  'SSH_DNS_FAILED',
  'SSH_CONNECT_FAILED',
  'SSH_HANDSHAKE_FAILED',
  'SSH_HOST_KEY_UNKNOWN',
  'SSH_HOST_KEY_MISMATCH',
  'SSH_HOST_KEY_REVOKED',
  'SSH_AUTH_FAILED',
  'SSH_CHANNEL_REFUSED',
  'TUNNEL_CLOSED',
  'DB_CONNECT_FAILED',
  'DB_AUTH_FAILED',
  'DB_TLS_FAILED',
  'DB_PROTOCOL_MISMATCH',
  'QUERY_FAILED',
  'STORE_CORRUPT',
  'STORE_IO',
  'KEY_PASSPHRASE_REQUIRED',
  'KEY_PASSPHRASE_WRONG',
  'KEY_INVALID',
  'KEY_UNSUPPORTED',
  'KEY_IN_USE',
  'CONFLICT',
  'SSH_CONFIG_UNSAFE',
  'VAULT_KEY_MISMATCH',
  'DB_NOT_FOUND',
  'DB_CONNECTION_LOST',
  'RESULT_TOO_WIDE',
  'EXPORT_FAILED',
  'IMPORT_FAILED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface BurrowErrorShape {
  code: ErrorCode;
  message: string;
  detail?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BurrowErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  message: string,
  detail?: Record<string, unknown>,
): { ok: false; error: BurrowErrorShape } => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** An error raised inside the core that already knows its code; the dispatcher keeps it as is. */
export class BurrowError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'BurrowError';
    this.code = code;
    this.detail = detail;
  }

  toShape(): BurrowErrorShape {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}
