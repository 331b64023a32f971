import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fillRandom, poolPaddingOf } from '../../../electron/core/ssh/pooledPadding';

const require = createRequire(import.meta.url);
interface CipherInfo { keyLen: number; ivLen: number }
const sshCrypto = require('ssh2/lib/protocol/crypto.js') as {
  bindingAvailable: boolean;
  CIPHER_INFO: Record<string, CipherInfo>;
  MAC_INFO: Record<string, { len: number; actualLen: number }>;
  createCipher(config: object): { allocPacket(payloadLen: number): Buffer; encrypt(packet: Buffer): void };
  createDecipher(config: object): { decrypt(data: Buffer, p: number, len: number): number | undefined };
};

/** A real ssh2 cipher and the matching decipher, with random keys. */
function cipherPair(name: string, mac?: string) {
  const info = sshCrypto.CIPHER_INFO[name]!;
  const key = randomBytes(info.keyLen);
  const iv = randomBytes(info.ivLen);
  const macInfo = mac ? sshCrypto.MAC_INFO[mac] : undefined;
  const macKey = macInfo ? randomBytes(macInfo.len) : undefined;
  const written: Buffer[] = [];
  const payloads: Buffer[] = [];
  const cipher = sshCrypto.createCipher({
    outbound: { onWrite: (data: Buffer) => written.push(Buffer.from(data)), cipherInfo: info, cipherKey: Buffer.from(key), cipherIV: Buffer.from(iv), seqno: 0, macInfo, macKey },
  });
  const decipher = sshCrypto.createDecipher({
    inbound: { onPayload: (payload: Buffer) => void payloads.push(Buffer.from(payload)), decipherInfo: info, decipherKey: Buffer.from(key), decipherIV: Buffer.from(iv), seqno: 0, macInfo, macKey },
  });
  return { cipher, decipher, written, payloads };
}

const cases = [['aes128-gcm@openssh.com'], ['aes256-gcm@openssh.com'], ['chacha20-poly1305@openssh.com'], ['aes128-ctr', 'hmac-sha2-256-etm@openssh.com'], ['aes256-ctr', 'hmac-sha2-512']] as const;
// ssh2's own allocPacket of each cipher class, taken before any test patches the class.
const originals = new Map<object, (payloadLen: number) => Buffer>();
for (const [name, mac] of cases) {
  const prototype = Object.getPrototypeOf(cipherPair(name, mac).cipher) as { allocPacket(payloadLen: number): Buffer };
  if (!originals.has(prototype)) originals.set(prototype, prototype.allocPacket);
}

describe('pooled SSH packet padding', () => {
  it('uses the native binding here (the ciphers it patches)', () => {
    expect(sshCrypto.bindingAvailable).toBe(true);
  });

  for (const [name, mac] of cases) {
    it(`lays packets out as ssh2 does, and they decrypt: ${name}${mac ? ` + ${mac}` : ''}`, () => {
      const { cipher, decipher, written, payloads } = cipherPair(name, mac);
      const original = originals.get(Object.getPrototypeOf(cipher))!;
      expect(poolPaddingOf(cipher)).toBe(true);
      expect(Object.getPrototypeOf(cipher).allocPacket).not.toBe(original);
      for (let payloadLen = 0; payloadLen < 300; payloadLen++) {
        const ours = cipher.allocPacket(payloadLen);
        const theirs = original.call(cipher, payloadLen);
        // Same size, length field and padding length: only the random padding bytes differ.
        expect(ours.length).toBe(theirs.length);
        expect(ours.subarray(0, 5)).toEqual(theirs.subarray(0, 5));
      }
      const sent = [Buffer.from('SELECT 1'), randomBytes(1000), Buffer.alloc(0)];
      for (const payload of sent) {
        const packet = cipher.allocPacket(payload.length);
        payload.copy(packet, 5);
        cipher.encrypt(packet);
      }
      const wire = Buffer.concat(written);
      decipher.decrypt(wire, 0, wire.length);
      expect(payloads).toEqual(sent);
    });
  }

  it('leaves cipher classes it does not know alone', () => {
    class OtherCipher {
      allocPacket(): Buffer {
        return Buffer.alloc(0);
      }
    }
    const other = new OtherCipher();
    expect(poolPaddingOf(other)).toBe(false);
    expect(OtherCipher.prototype.allocPacket).toBe(other.allocPacket);
  });

  it('hands out fresh random bytes, never the same ones twice, across pool refills', () => {
    const seen = new Set<string>();
    const target = Buffer.alloc(64);
    // 2000 x 19 bytes is more than two pools' worth.
    for (let i = 0; i < 2000; i++) {
      target.fill(0);
      fillRandom(target, 20, 19);
      expect(target.subarray(0, 20).every((byte) => byte === 0)).toBe(true);
      expect(target.subarray(39).every((byte) => byte === 0)).toBe(true);
      seen.add(target.subarray(20, 39).toString('hex'));
    }
    expect(seen.size).toBe(2000);
    const big = Buffer.alloc(40_000);
    fillRandom(big, 0, big.length);
    expect(big.filter((byte) => byte === 0).length).toBeLessThan(400);
  });
});
