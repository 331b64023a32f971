import { createHash, createPrivateKey, createPublicKey, randomBytes, randomInt, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { KeyType } from '../../../../shared/keys';
import { keyError } from './keyErrors';
import { leftPad, SshWriter } from './sshWire';

/** A usable private key, whatever file it came from, with its OpenSSH identity. */
export interface SshKeyMaterial {
  type: KeyType;
  /** ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa */
  algorithm: string;
  bits: number;
  publicBlob: Buffer;
  privateKey: KeyObject;
  comment: string;
}

const curves: Record<string, { ssh: string; jwk: string; bits: number; size: number }> = {
  prime256v1: { ssh: 'nistp256', jwk: 'P-256', bits: 256, size: 32 },
  secp384r1: { ssh: 'nistp384', jwk: 'P-384', bits: 384, size: 48 },
  secp521r1: { ssh: 'nistp521', jwk: 'P-521', bits: 521, size: 66 },
};

export const sshCurves = Object.fromEntries(Object.values(curves).map((c) => [c.ssh, c])) as Record<
  string,
  { ssh: string; jwk: string; bits: number; size: number }
>;

/** OpenSSH refuses RSA keys shorter than this (SSH_RSA_MINIMUM_MODULUS_SIZE). */
const MIN_RSA_BITS = 1024;

/**
 * Checks that OpenSSH can use this key and works out its SSH identity. DSA, Ed448, RSA-PSS and
 * curves other than NIST P-256/384/521 are refused with the reason.
 */
export function materialFromKeyObject(privateKey: KeyObject, comment: string): SshKeyMaterial {
  if (privateKey.type !== 'private') throw keyError('KEY_INVALID', 'this is a public key, not a private key');
  const kind = privateKey.asymmetricKeyType;
  switch (kind) {
    case 'ed25519': {
      const jwk = privateKey.export({ format: 'jwk' });
      const publicBlob = new SshWriter().string('ssh-ed25519').string(b64u(jwk.x)).toBuffer();
      return { type: 'ed25519', algorithm: 'ssh-ed25519', bits: 256, publicBlob, privateKey, comment };
    }
    case 'ec': {
      const namedCurve = privateKey.asymmetricKeyDetails?.namedCurve ?? '';
      const curve = curves[namedCurve];
      if (!curve) throw keyError('KEY_UNSUPPORTED', `the elliptic curve ${namedCurve || '(unknown)'} is not supported by SSH; use NIST P-256, P-384 or P-521, or ed25519`);
      const jwk = privateKey.export({ format: 'jwk' });
      const point = Buffer.concat([Buffer.from([4]), leftPad(b64u(jwk.x), curve.size), leftPad(b64u(jwk.y), curve.size)]);
      const algorithm = `ecdsa-sha2-${curve.ssh}`;
      const publicBlob = new SshWriter().string(algorithm).string(curve.ssh).string(point).toBuffer();
      return { type: 'ecdsa', algorithm, bits: curve.bits, publicBlob, privateKey, comment };
    }
    case 'rsa': {
      const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) throw keyError('KEY_UNSUPPORTED', `this RSA key is ${bits} bits; OpenSSH refuses RSA keys shorter than ${MIN_RSA_BITS} bits`);
      const jwk = privateKey.export({ format: 'jwk' });
      const publicBlob = new SshWriter().string('ssh-rsa').mpint(b64u(jwk.e)).mpint(b64u(jwk.n)).toBuffer();
      return { type: 'rsa', algorithm: 'ssh-rsa', bits, publicBlob, privateKey, comment };
    }
    case 'dsa':
      throw keyError('KEY_UNSUPPORTED', 'DSA keys are not supported by OpenSSH ≥ 7.0; generate an ed25519 key instead');
    case 'rsa-pss':
      throw keyError('KEY_UNSUPPORTED', 'RSA-PSS keys cannot be used for SSH; use a plain RSA, ECDSA or ed25519 key');
    default:
      throw keyError('KEY_UNSUPPORTED', `${kind ?? 'this'} keys cannot be used for SSH; use ed25519, ECDSA or RSA`);
  }
}

/**
 * Signs and verifies a random message with the public half the file declared, so a file whose
 * private and public parts do not belong together is refused instead of failing at the server.
 */
export function assertKeyPairMatches(material: SshKeyMaterial, declaredPublicBlob: Buffer | null): void {
  if (declaredPublicBlob && !declaredPublicBlob.equals(material.publicBlob)) {
    throw keyError('KEY_INVALID', 'the private and public parts of this key do not match; the file is damaged');
  }
  const message = randomBytes(32);
  const algorithm = material.type === 'ed25519' ? null : 'sha256';
  const signature = sign(algorithm, message, material.privateKey);
  if (!verify(algorithm, message, createPublicKey(material.privateKey), signature)) {
    throw keyError('KEY_INVALID', 'this key failed a signing self-test; the file is damaged');
  }
}

export function fingerprintOf(publicBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
}

export function authorizedKeysLine(algorithm: string, publicBlob: Buffer, comment: string): string {
  return `${algorithm} ${publicBlob.toString('base64')}${comment ? ` ${comment}` : ''}`;
}

/** The unencrypted OpenSSH private key file ("openssh-key-v1"), which ssh2 and OpenSSH both load. */
export function toOpenSshPrivateKey(material: SshKeyMaterial): string {
  const jwk = material.privateKey.export({ format: 'jwk' });
  const body = new SshWriter();
  switch (material.type) {
    case 'ed25519': {
      const pub = b64u(jwk.x);
      body.string('ssh-ed25519').string(pub).string(Buffer.concat([b64u(jwk.d), pub]));
      break;
    }
    case 'ecdsa': {
      const curveName = material.algorithm.replace('ecdsa-sha2-', '');
      const size = sshCurves[curveName]!.size;
      const point = Buffer.concat([Buffer.from([4]), leftPad(b64u(jwk.x), size), leftPad(b64u(jwk.y), size)]);
      body.string(material.algorithm).string(curveName).string(point).mpint(b64u(jwk.d));
      break;
    }
    case 'rsa':
      body.string('ssh-rsa').mpint(b64u(jwk.n)).mpint(b64u(jwk.e)).mpint(b64u(jwk.d)).mpint(b64u(jwk.qi)).mpint(b64u(jwk.p)).mpint(b64u(jwk.q));
      break;
  }
  const check = randomInt(0, 2 ** 32 - 1);
  const section = new SshWriter().uint32(check).uint32(check).raw(body.toBuffer()).string(material.comment);
  const unpadded = section.toBuffer();
  const padding = Buffer.from(Array.from({ length: (8 - (unpadded.length % 8)) % 8 }, (_, i) => i + 1));
  const privateSection = Buffer.concat([unpadded, padding]);
  const file = new SshWriter()
    .raw(Buffer.from('openssh-key-v1\0', 'latin1'))
    .string('none')
    .string('none')
    .string('')
    .uint32(1)
    .string(material.publicBlob)
    .string(privateSection)
    .toBuffer();
  const lines = file.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** Builds a private KeyObject from the SSH wire fields of a key (as PuTTY and OpenSSH store them). */
export function keyObjectFromSshFields(fields: SshPrivateFields): KeyObject {
  let jwk: JsonWebKey;
  switch (fields.type) {
    case 'ed25519':
      jwk = { kty: 'OKP', crv: 'Ed25519', x: fixed64(fields.publicKey, 32), d: fixed64(fields.seed, 32) };
      break;
    case 'ecdsa': {
      const curve = sshCurves[fields.curve];
      if (!curve) throw keyError('KEY_UNSUPPORTED', `the curve ${fields.curve} is not supported`);
      const point = fields.point;
      if (point[0] !== 4 || point.length !== 1 + 2 * curve.size) throw keyError('KEY_INVALID', 'the ECDSA public point is malformed');
      jwk = {
        kty: 'EC',
        crv: curve.jwk,
        x: fixed64(point.subarray(1, 1 + curve.size), curve.size),
        y: fixed64(point.subarray(1 + curve.size), curve.size),
        d: fixed64(fields.d, curve.size),
      };
      break;
    }
    case 'rsa': {
      const d = toBig(fields.d);
      const p = toBig(fields.p);
      const q = toBig(fields.q);
      jwk = {
        kty: 'RSA',
        n: u64(fields.n),
        e: u64(fields.e),
        d: u64(fields.d),
        p: u64(fields.p),
        q: u64(fields.q),
        dp: u64(fromBig(d % (p - 1n))),
        dq: u64(fromBig(d % (q - 1n))),
        qi: u64(fields.iqmp),
      };
      break;
    }
  }
  try {
    return createPrivateKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw keyError('KEY_INVALID', `the key's numbers are inconsistent (${(error as Error).message}); the file is damaged`);
  }
}

export type SshPrivateFields =
  | { type: 'ed25519'; publicKey: Buffer; seed: Buffer }
  | { type: 'ecdsa'; curve: string; point: Buffer; d: Buffer }
  | { type: 'rsa'; n: Buffer; e: Buffer; d: Buffer; p: Buffer; q: Buffer; iqmp: Buffer };

function b64u(value: string | undefined): Buffer {
  return Buffer.from(value ?? '', 'base64url');
}

/** JWK EC and OKP members are fixed-size big-endian octets. */
function fixed64(bytes: Buffer, size: number): string {
  if (bytes.length > size) throw keyError('KEY_INVALID', 'a key number is larger than its curve allows; the file is damaged');
  return leftPad(bytes, size).toString('base64url');
}

/** JWK RSA members are minimal unsigned big-endian octets. */
function u64(bytes: Buffer): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start).toString('base64url');
}

function toBig(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

function fromBig(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}
