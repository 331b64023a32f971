import { createPublicKey } from 'node:crypto';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { decryptOpenSshInWorker } from '../../../electron/core/store/keys/opensshDecryptWorker';

/** An OpenSSH key encrypted by ssh2 itself (bcrypt, 2 rounds: the unit test is about the worker, not the KDF). */
function encryptedOpenSshKey(passphrase: string): { block: string; publicSsh: Buffer } {
  // About 1 in 200 keys ssh2's generator encrypts cannot be decrypted, by ssh2 or by `ssh-keygen -y`
  // ("Malformed OpenSSH private key" / "error in libcrypto"): a fault of this test-only generator,
  // so such a key is made again. Burrow's own generator (node:crypto) is not involved.
  let last: Error | null = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { passphrase, rounds: 2, cipher: 'aes256-ctr', comment: 'worker@test' });
    const parsed = ssh2.utils.parseKey(pair.private, passphrase);
    if (parsed instanceof Error) {
      last = parsed;
      continue;
    }
    return { block: pair.private, publicSsh: (Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH() };
  }
  throw last ?? new Error('no usable key');
}

describe('OpenSSH key decryption in a worker thread', () => {
  it('returns the private key as PEM with its comment, for the right passphrase', async () => {
    const { block, publicSsh } = encryptedOpenSshKey('right');
    const answer = await decryptOpenSshInWorker(block, 'right');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.comment).toBe('worker@test');
    // The ed25519 public key is the blob's last 32 bytes.
    const raw = Buffer.from(createPublicKey(answer.pem).export({ format: 'jwk' }).x!, 'base64url');
    expect(raw.equals(publicSsh.subarray(publicSsh.length - 32))).toBe(true);
  });

  it("reports ssh2's reason for a wrong passphrase, as a verdict on the key (not as an unavailable worker)", async () => {
    const { block } = encryptedOpenSshKey('right');
    const answer = await decryptOpenSshInWorker(block, 'wrong');
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.unavailable).toBeFalsy();
    expect(!answer.ok && answer.message).toMatch(/integrity check failed|bad decrypt/i);
  });

  it('says it is unavailable when the key parser cannot be loaded, so the caller can decrypt by itself', async () => {
    const { block } = encryptedOpenSshKey('right');
    const answer = await decryptOpenSshInWorker(block, 'right', '/nonexistent/keyParser.js');
    expect(answer).toMatchObject({ ok: false, unavailable: true });
    expect(!answer.ok && answer.message).toMatch(/Cannot find module/);
  });

  it('has a key pair generator for this test that really encrypts', () => {
    const { block } = encryptedOpenSshKey('right');
    expect(ssh2.utils.parseKey(block)).toBeInstanceOf(Error);
  });
});
