import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Whether ssh2 loaded its native crypto binding (AES-GCM / ChaCha20-Poly1305 in C). Without it
 * ssh2 falls back to JS ciphers and tunnel throughput drops to about 0.6x of OpenSSH.
 */
export function sshNativeCryptoLoaded(): boolean {
  try {
    const crypto = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: boolean };
    return crypto.bindingAvailable === true;
  } catch {
    return false;
  }
}
