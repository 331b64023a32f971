import { createHash } from 'node:crypto';

/** OpenSSH's SHA256 fingerprint of a public key blob: `SHA256:<base64 without padding>`. */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the start of an SSH public key blob (`ssh-ed25519`, ...). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  if (length > blob.length - 4 || length > 64) return 'unknown';
  return blob.subarray(4, 4 + length).toString('latin1');
}
