import { createPrivateKey, type KeyObject } from 'node:crypto';
import ssh2 from 'ssh2';
import { keyError } from './keyErrors';
import { decryptOpenSshInWorker, type OpenSshDecryptAnswer } from './opensshDecryptWorker';
import { SshReader } from './sshWire';

/** What the unencrypted header of an "openssh-key-v1" file says. */
export interface OpenSshHeader {
  cipher: string;
  kdf: string;
  rounds: number | null;
  publicBlob: Buffer;
  algorithm: string;
}

const BLOCK = /-----BEGIN OPENSSH PRIVATE KEY-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END OPENSSH PRIVATE KEY-----/;
/** ssh-keygen uses 16 (its -a default); a hostile file could ask for millions of bcrypt rounds. */
const MAX_BCRYPT_ROUNDS = 10_000;

export function readOpenSshHeader(text: string): OpenSshHeader {
  const match = BLOCK.exec(text);
  if (!match) throw keyError('KEY_INVALID', 'damaged OpenSSH key: missing its END line');
  const data = Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  try {
    if (data.subarray(0, 15).toString('latin1') !== 'openssh-key-v1\0') throw new Error('bad magic');
    const reader = new SshReader(data.subarray(15), 'OpenSSH key');
    const cipher = reader.text();
    const kdf = reader.text();
    const kdfOptions = reader.string();
    const count = reader.uint32();
    if (count !== 1) throw keyError('KEY_UNSUPPORTED', `this OpenSSH file holds ${count} keys; Burrow imports files with exactly one`);
    const publicBlob = reader.string();
    const algorithm = new SshReader(publicBlob).text();
    let rounds: number | null = null;
    if (kdf === 'bcrypt') {
      const options = new SshReader(kdfOptions);
      options.string();
      rounds = options.uint32();
    }
    return { cipher, kdf, rounds, publicBlob, algorithm };
  } catch (error) {
    if (error instanceof Error && error.name === 'BurrowError') throw error;
    throw keyError('KEY_INVALID', `damaged OpenSSH key (${(error as Error).message})`);
  }
}

/** Decrypts (bcrypt KDF via ssh2, in a worker thread) and returns the private key. */
export async function decodeOpenSsh(text: string, header: OpenSshHeader, passphrase: string | undefined): Promise<{ privateKey: KeyObject; comment: string }> {
  if (header.algorithm === 'ssh-dss') throw keyError('KEY_UNSUPPORTED', 'DSA keys are not supported by OpenSSH ≥ 7.0; generate an ed25519 key instead');
  if (header.algorithm.startsWith('sk-')) {
    throw keyError('KEY_UNSUPPORTED', 'this is a FIDO security-key (sk-) key: it needs its hardware token and cannot be stored in Burrow');
  }
  const encrypted = header.cipher !== 'none';
  if (encrypted && header.kdf !== 'bcrypt') throw keyError('KEY_UNSUPPORTED', `OpenSSH key derivation "${header.kdf}" is not supported`);
  if (encrypted && passphrase === undefined) {
    throw keyError('KEY_PASSPHRASE_REQUIRED', 'this OpenSSH key is protected by a passphrase: enter it', { format: 'openssh' });
  }
  if (header.rounds !== null && header.rounds > MAX_BCRYPT_ROUNDS) {
    throw keyError('KEY_UNSUPPORTED', `this key asks for ${header.rounds} bcrypt rounds, more than Burrow will compute (${MAX_BCRYPT_ROUNDS})`);
  }
  const match = BLOCK.exec(text)!;
  const block = `-----BEGIN OPENSSH PRIVATE KEY-----\n${match[1]!.trim()}\n-----END OPENSSH PRIVATE KEY-----`;
  let answer = encrypted ? await decryptOpenSshInWorker(block, passphrase!) : parseInline(block);
  // A worker that cannot start (or load ssh2) is no reason to refuse the key: decrypt here, as before.
  if (!answer.ok && answer.unavailable) answer = parseInline(block, passphrase);
  if (!answer.ok) {
    if (encrypted && /integrity check failed|bad decrypt/i.test(answer.message)) {
      throw keyError('KEY_PASSPHRASE_WRONG', 'OpenSSH key with a bcrypt passphrase: wrong passphrase', { format: 'openssh' });
    }
    if (/unsupported (cipher|key)/i.test(answer.message)) throw keyError('KEY_UNSUPPORTED', `this OpenSSH key is not supported: ${answer.message}`);
    throw keyError('KEY_INVALID', `damaged OpenSSH key: ${answer.message}`);
  }
  try {
    return { privateKey: createPrivateKey(answer.pem), comment: answer.comment };
  } catch (error) {
    throw keyError('KEY_INVALID', `damaged OpenSSH key: ${(error as Error).message}`);
  }
}

/** An unencrypted key needs no KDF, so it is parsed here rather than paying for a worker's start. */
function parseInline(block: string, passphrase?: string): OpenSshDecryptAnswer {
  const parsed = ssh2.utils.parseKey(block, passphrase);
  if (parsed instanceof Error) return { ok: false, message: parsed.message };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  const pem = key?.getPrivatePEM();
  return key && pem ? { ok: true, pem, comment: key.comment ?? '' } : { ok: false, message: 'it has no private part' };
}
