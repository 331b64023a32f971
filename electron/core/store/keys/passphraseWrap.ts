import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { open, seal } from '../vault/vaultCipher';

/**
 * A key that had a passphrase stays protected by it inside the vault: scrypt turns the passphrase
 * into an AES-256-GCM key, so the vault key alone does not unlock it, and a wrong passphrase is
 * detected by the GCM tag.
 */
const AAD = 'burrow-private-key:1';
const PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;

export const wrappedSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type Wrapped = z.infer<typeof wrappedSchema>;

function deriveKey(passphrase: string, salt: Buffer, parameters: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...parameters, maxmem: 256 * parameters.N * parameters.r };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function wrapWithPassphrase(plaintext: string, passphrase: string): Promise<Wrapped> {
  const salt = randomBytes(16);
  const key = await deriveKey(passphrase, salt, PARAMETERS);
  return { kdf: 'scrypt', ...PARAMETERS, salt: salt.toString('base64'), ...seal(key, Buffer.from(plaintext, 'utf8'), AAD) };
}

/** Null when the passphrase is wrong. */
export async function unwrapWithPassphrase(wrapped: Wrapped, passphrase: string): Promise<string | null> {
  if (wrapped.N > 2 ** 20 || wrapped.r > 32 || wrapped.p > 16) return null;
  const key = await deriveKey(passphrase, Buffer.from(wrapped.salt, 'base64'), wrapped);
  const plaintext = open(key, wrapped, AAD);
  return plaintext === null ? null : plaintext.toString('utf8');
}
