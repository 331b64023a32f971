import { z } from 'zod';

/**
 * The vault's state, for the UI to explain why passwords are asked for every time:
 * - ready: the keychain holds the vault key (the vault file may not exist yet);
 * - keychainUnavailable: no OS keychain (e.g. Linux without a Secret Service): nothing is stored;
 * - keyMismatch: a vault file exists but the keychain's vault key is missing or different, so the
 *   stored secrets cannot be read; the file is kept untouched until the user resets the vault.
 * - corrupt: the vault file cannot be decoded (kept aside on reset).
 */
export const vaultStateSchema = z.enum(['ready', 'keychainUnavailable', 'keyMismatch', 'corrupt']);
export type VaultState = z.infer<typeof vaultStateSchema>;

export const vaultStatusSchema = z.object({
  state: vaultStateSchema,
  message: z.string(),
  /** Number of stored secrets (passwords, passphrases, private keys) when readable. */
  secretCount: z.number().int().nullable(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const vaultStatusRequestSchema = z.object({}).strict();

/**
 * Starts a new, empty vault after the old one became unreadable. The old file is kept aside,
 * never deleted, so the secrets come back if the old keychain entry is restored.
 */
export const vaultResetRequestSchema = z
  .object({ confirm: z.literal(true, { error: 'confirm must be true: this discards the unreadable secrets' }) })
  .strict();
export const vaultResetResultSchema = z.object({ keptAs: z.string().nullable() });
