import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const VAULT_KEY_BYTES = 32;
const IV_BYTES = 12;

export interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

/** AES-256-GCM with a fresh random 96-bit IV per seal; `aad` binds the box to its file format. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Returns null when the box was not sealed with this key and aad, or was altered. */
export function open(key: Buffer, box: SealedBox, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * A short tag derived from the key, stored beside the ciphertext, so that "this is not the key
 * the vault was written with" can be told apart from "the file is damaged".
 */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('burrow vault key check').digest('base64').slice(0, 16);
}

export function keyCheckMatches(key: Buffer, stored: string): boolean {
  const expected = Buffer.from(keyCheck(key));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
