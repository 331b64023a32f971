import { argon2, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { keyError } from './keyErrors';
import { sshCurves, type SshPrivateFields } from './keyMaterial';
import { SshReader, SshWriter } from './sshWire';

const argon2Async = promisify(argon2);

export interface Argon2Parameters {
  flavour: 'argon2id' | 'argon2i' | 'argon2d';
  memory: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
}

/** A parsed PuTTY private key file (PPK format 2 or 3), before decryption. */
export interface PpkFile {
  version: 2 | 3;
  algorithm: string;
  encrypted: boolean;
  encryption: string;
  comment: string;
  publicBlob: Buffer;
  privateBlob: Buffer;
  mac: Buffer;
  argon2: Argon2Parameters | null;
}

/** Refuse work factors no real PuTTY writes, so a hostile file cannot pin the CPU or memory. */
const MAX_ARGON2_MEMORY_KIB = 1024 * 1024;
const MAX_ARGON2_PASSES = 1000;
const MAX_ARGON2_PARALLELISM = 64;

export function isPpk(text: string): boolean {
  return /^PuTTY-User-Key-File-\d+:/m.test(text);
}

export function parsePpk(text: string): PpkFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let index = 0;
  const header = (name: string): string => {
    const line = lines[index++];
    const match = line === undefined ? null : /^([A-Za-z0-9-]+): ?(.*)$/.exec(line);
    if (!match || match[1] !== name) throw keyError('KEY_INVALID', `damaged PuTTY key file: expected "${name}:" on line ${index}`);
    return match[2]!.trim();
  };
  const block = (name: string): Buffer => {
    const count = Number(header(name));
    if (!Number.isInteger(count) || count < 0 || count > 1000) throw keyError('KEY_INVALID', `damaged PuTTY key file: bad ${name}`);
    const body = lines.slice(index, index + count).join('');
    index += count;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw keyError('KEY_INVALID', `damaged PuTTY key file: ${name} is not base64`);
    return Buffer.from(body, 'base64');
  };

  while (index < lines.length && lines[index]!.trim() === '') index += 1;
  const first = /^PuTTY-User-Key-File-(\d+): (.+)$/.exec(lines[index++] ?? '');
  if (!first) throw keyError('KEY_INVALID', 'damaged PuTTY key file: missing its first line');
  const version = Number(first[1]);
  if (version === 1) throw keyError('KEY_UNSUPPORTED', 'PuTTY key format 1 (SSH-1) is not supported; convert it with PuTTYgen');
  if (version !== 2 && version !== 3) throw keyError('KEY_UNSUPPORTED', `PuTTY key format ${version} is newer than Burrow knows; save it as format 3 in PuTTYgen`);
  const algorithm = first[2]!.trim();
  const encryption = header('Encryption');
  if (encryption !== 'none' && encryption !== 'aes256-cbc') throw keyError('KEY_UNSUPPORTED', `PuTTY key encryption "${encryption}" is not supported`);
  const comment = header('Comment');
  const publicBlob = block('Public-Lines');
  let argon2Parameters: Argon2Parameters | null = null;
  if (version === 3 && encryption !== 'none') {
    const kdf = header('Key-Derivation');
    const flavours: Record<string, Argon2Parameters['flavour']> = { Argon2id: 'argon2id', Argon2i: 'argon2i', Argon2d: 'argon2d' };
    const flavour = flavours[kdf];
    if (!flavour) throw keyError('KEY_UNSUPPORTED', `PuTTY key derivation "${kdf}" is not supported`);
    const memory = Number(header('Argon2-Memory'));
    const passes = Number(header('Argon2-Passes'));
    const parallelism = Number(header('Argon2-Parallelism'));
    const saltHex = header('Argon2-Salt');
    if (![memory, passes, parallelism].every((n) => Number.isInteger(n) && n > 0) || !/^([0-9a-fA-F]{2})+$/.test(saltHex)) {
      throw keyError('KEY_INVALID', 'damaged PuTTY key file: bad Argon2 parameters');
    }
    if (memory > MAX_ARGON2_MEMORY_KIB || passes > MAX_ARGON2_PASSES || parallelism > MAX_ARGON2_PARALLELISM) {
      throw keyError('KEY_UNSUPPORTED', `this PuTTY key's Argon2 cost (${memory} KiB, ${passes} passes, ${parallelism} lanes) is beyond what Burrow will compute`);
    }
    argon2Parameters = { flavour, memory, passes, parallelism, salt: Buffer.from(saltHex, 'hex') };
  }
  const privateBlob = block('Private-Lines');
  const macHex = header('Private-MAC');
  if (!/^[0-9a-fA-F]+$/.test(macHex)) throw keyError('KEY_INVALID', 'damaged PuTTY key file: bad Private-MAC');
  return {
    version,
    algorithm,
    encrypted: encryption !== 'none',
    encryption,
    comment,
    publicBlob,
    privateBlob,
    mac: Buffer.from(macHex, 'hex'),
    argon2: argon2Parameters,
  };
}

export function describePpkKdf(file: PpkFile): string | null {
  if (!file.encrypted) return null;
  return file.version === 3 ? (file.argon2?.flavour.replace('argon', 'Argon') ?? 'Argon2') : 'SHA-1';
}

/** Decrypts and authenticates the private blob; a MAC mismatch on an encrypted key means a wrong passphrase. */
export async function decryptPpk(file: PpkFile, passphrase: string | undefined): Promise<Buffer> {
  const label = file.version === 3 ? 'PPK v3 with an Argon2 passphrase' : 'PPK v2 with a passphrase';
  if (file.encrypted && passphrase === undefined) {
    throw keyError('KEY_PASSPHRASE_REQUIRED', `${label}: enter the passphrase`, { format: `ppk-v${file.version}` });
  }
  const secret = Buffer.from(file.encrypted ? passphrase! : '', 'utf8');
  let cipherKey: Buffer | null = null;
  let iv: Buffer = Buffer.alloc(16);
  let macKey: Buffer;
  if (file.version === 2) {
    if (file.encrypted) {
      const part = (n: number) => createHash('sha1').update(new SshWriter().uint32(n).toBuffer()).update(secret).digest();
      cipherKey = Buffer.concat([part(0), part(1)]).subarray(0, 32);
    }
    macKey = createHash('sha1').update('putty-private-key-file-mac-key').update(secret).digest();
  } else if (file.encrypted) {
    const a = file.argon2!;
    const derived = await argon2Async(a.flavour, {
      message: secret,
      nonce: a.salt,
      memory: a.memory,
      passes: a.passes,
      parallelism: a.parallelism,
      tagLength: 80,
    });
    cipherKey = derived.subarray(0, 32);
    iv = derived.subarray(32, 48);
    macKey = derived.subarray(48, 80);
  } else {
    macKey = Buffer.alloc(0);
  }

  let privateBlob = file.privateBlob;
  if (cipherKey) {
    if (privateBlob.length % 16 !== 0) throw keyError('KEY_INVALID', 'damaged PuTTY key file: the private part is not a whole number of blocks');
    const decipher = createDecipheriv('aes-256-cbc', cipherKey, iv);
    decipher.setAutoPadding(false);
    privateBlob = Buffer.concat([decipher.update(privateBlob), decipher.final()]);
  }
  const macData = new SshWriter()
    .string(file.algorithm)
    .string(file.encryption)
    .string(file.comment)
    .string(file.publicBlob)
    .string(privateBlob)
    .toBuffer();
  const mac = createHmac(file.version === 2 ? 'sha1' : 'sha256', macKey).update(macData).digest();
  if (mac.length !== file.mac.length || !timingSafeEqual(mac, file.mac)) {
    if (file.encrypted) throw keyError('KEY_PASSPHRASE_WRONG', `${label}: wrong passphrase`, { format: `ppk-v${file.version}` });
    throw keyError('KEY_INVALID', 'damaged PuTTY key file: its MAC does not match (was it edited?)');
  }
  return privateBlob;
}

/** The key's numbers from PuTTY's public and private blobs. */
export function ppkPrivateFields(file: PpkFile, privateBlob: Buffer): SshPrivateFields {
  const pub = new SshReader(file.publicBlob, 'the PuTTY public key');
  const priv = new SshReader(privateBlob, 'the PuTTY private key');
  try {
    const algorithm = pub.text();
    if (algorithm !== file.algorithm) throw keyError('KEY_INVALID', 'damaged PuTTY key file: the key type and public key disagree');
    if (algorithm === 'ssh-rsa') {
      const e = pub.mpint();
      const n = pub.mpint();
      return { type: 'rsa', n, e, d: priv.mpint(), p: priv.mpint(), q: priv.mpint(), iqmp: priv.mpint() };
    }
    if (algorithm === 'ssh-ed25519') {
      const publicKey = pub.string();
      // PuTTY writes the secret as a little-endian integer, dropping high zero bytes.
      const stored = priv.string();
      if (stored.length > 32) throw keyError('KEY_INVALID', 'damaged PuTTY key file: the ed25519 secret is too long');
      return { type: 'ed25519', publicKey, seed: Buffer.concat([stored, Buffer.alloc(32 - stored.length)]) };
    }
    if (algorithm.startsWith('ecdsa-sha2-')) {
      const curve = pub.text();
      if (!sshCurves[curve]) throw keyError('KEY_UNSUPPORTED', `the curve ${curve} is not supported`);
      return { type: 'ecdsa', curve, point: pub.string(), d: priv.mpint() };
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'BurrowError') throw error;
    throw keyError('KEY_INVALID', `damaged PuTTY key file: ${(error as Error).message}`);
  }
  if (file.algorithm === 'ssh-dss') throw keyError('KEY_UNSUPPORTED', 'DSA keys are not supported by OpenSSH ≥ 7.0; generate an ed25519 key instead');
  throw keyError('KEY_UNSUPPORTED', `PuTTY ${file.algorithm} keys are not supported; use ed25519, ECDSA or RSA`);
}
