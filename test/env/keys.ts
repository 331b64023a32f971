import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from './binaries';
import { run } from './run';

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface GeneratedKey {
  type: KeyType;
  privateKeyPath: string;
  publicKeyPath: string;
  /** The `authorized_keys` line. */
  publicKey: string;
  privateKey: Buffer;
  passphrase: string;
}

/** A real key pair made by ssh-keygen, in OpenSSH's own format unless told otherwise. */
export async function generateKey(
  dir: string,
  name: string,
  options: { type?: KeyType; bits?: number; passphrase?: string; comment?: string; format?: 'openssh' | 'pem' | 'pkcs8'; kdfRounds?: number } = {},
): Promise<GeneratedKey> {
  const sshKeygen = requireBinary('ssh-keygen', 'openssh-client');
  const type = options.type ?? 'ed25519';
  const privateKeyPath = path.join(dir, name);
  const args = ['-q', '-t', type, '-f', privateKeyPath, '-N', options.passphrase ?? '', '-C', options.comment ?? `${name}@burrow-test`];
  if (options.bits) args.push('-b', String(options.bits));
  if (options.kdfRounds) args.push('-a', String(options.kdfRounds));
  if (options.format === 'pem') args.push('-m', 'PEM');
  if (options.format === 'pkcs8') args.push('-m', 'PKCS8');
  await run(sshKeygen, args);
  return {
    type,
    privateKeyPath,
    publicKeyPath: `${privateKeyPath}.pub`,
    publicKey: readFileSync(`${privateKeyPath}.pub`, 'utf8').trim(),
    privateKey: readFileSync(privateKeyPath),
    passphrase: options.passphrase ?? '',
  };
}

/** The base64 key blob of an `authorized_keys` / `.pub` line. */
export function publicKeyBlob(publicKeyLine: string): Buffer {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob) throw new Error(`not a public key line: ${publicKeyLine}`);
  return Buffer.from(blob, 'base64');
}
