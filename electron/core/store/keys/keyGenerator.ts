import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { KeyType } from '../../../../shared/keys';
import { materialFromKeyObject, type SshKeyMaterial } from './keyMaterial';

const ecCurves: Record<number, string> = { 256: 'prime256v1', 384: 'secp384r1', 521: 'secp521r1' };

function generate(type: KeyType, bits: number | undefined): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, _public: KeyObject, privateKey: KeyObject) => (error ? reject(error) : resolve(privateKey));
    if (type === 'ed25519') generateKeyPair('ed25519', {}, done);
    else if (type === 'ecdsa') generateKeyPair('ec', { namedCurve: ecCurves[bits ?? 256] ?? 'prime256v1' }, done);
    else generateKeyPair('rsa', { modulusLength: bits ?? 3072, publicExponent: 0x10001 }, done);
  });
}

/** A new key pair made by Node's crypto (OpenSSL), off the main thread. */
export async function generateKeyMaterial(type: KeyType, bits: number | undefined, comment: string): Promise<SshKeyMaterial> {
  return materialFromKeyObject(await generate(type, bits), comment);
}
