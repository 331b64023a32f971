import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { KeyFormat } from '../../../../shared/keys';
import { keyError } from './keyErrors';
import { assertKeyPairMatches, keyObjectFromSshFields, materialFromKeyObject, type SshKeyMaterial } from './keyMaterial';
import { decodeOpenSsh, readOpenSshHeader } from './opensshKey';
import { decryptPpk, describePpkKdf, isPpk, parsePpk, ppkPrivateFields } from './ppkKey';

/** What can be learnt about a key file without its passphrase. */
export interface KeyFileFacts {
  format: KeyFormat;
  encrypted: boolean;
  kdf: string | null;
  /** Present for formats that keep the public key in the clear (OpenSSH, PuTTY). */
  publicBlob: Buffer | null;
  comment: string | null;
}

export interface DecodedKey {
  facts: KeyFileFacts;
  material: SshKeyMaterial;
}

type Detected =
  | { kind: 'openssh'; text: string }
  | { kind: 'ppk'; text: string }
  | { kind: 'pem'; format: KeyFormat; pem: string; encrypted: boolean; kdf: string | null }
  | { kind: 'der'; der: Buffer };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Reads a key file's format and public facts; throws a specific reason for everything that is not a usable private key. */
export function inspectKeyFile(input: string | Buffer): KeyFileFacts {
  return factsOf(detect(input));
}

/** Decodes a private key in any supported format, verifying the passphrase and the key pair. */
export async function decodeKeyFile(input: string | Buffer, passphrase: string | undefined): Promise<DecodedKey> {
  const detected = detect(input);
  const facts = factsOf(detected);
  const usePassphrase = facts.encrypted ? passphrase : undefined;
  let privateKey: KeyObject;
  let comment = facts.comment ?? '';
  let declaredPublic: Buffer | null = facts.publicBlob;
  switch (detected.kind) {
    case 'openssh': {
      const decoded = await decodeOpenSsh(detected.text, readOpenSshHeader(detected.text), usePassphrase);
      privateKey = decoded.privateKey;
      comment = decoded.comment;
      break;
    }
    case 'ppk': {
      const file = parsePpk(detected.text);
      const fields = ppkPrivateFields(file, await decryptPpk(file, usePassphrase));
      privateKey = keyObjectFromSshFields(fields);
      declaredPublic = file.publicBlob;
      break;
    }
    case 'pem':
      privateKey = decodePem(detected.pem, detected.format, detected.encrypted, usePassphrase);
      break;
    case 'der':
      privateKey = decodeDer(detected.der);
      break;
  }
  const material = materialFromKeyObject(privateKey, comment);
  assertKeyPairMatches(material, declaredPublic);
  return { facts, material };
}

function detect(input: string | Buffer): Detected {
  if (Buffer.isBuffer(input)) {
    if (looksBinary(input)) return { kind: 'der', der: input };
    input = input.toString('utf8');
  }
  const text = input.replace(/^\uFEFF/, '');
  if (text.includes('-----BEGIN OPENSSH PRIVATE KEY-----')) return { kind: 'openssh', text };
  if (isPpk(text)) return { kind: 'ppk', text };

  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, pem: m[0] }));
  const privateBlock = blocks.find((b) => /PRIVATE KEY$/.test(b.label));
  if (privateBlock) {
    const encrypted = /Proc-Type:\s*4,ENCRYPTED/i.test(privateBlock.pem);
    switch (privateBlock.label) {
      case 'RSA PRIVATE KEY':
        return { kind: 'pem', format: 'pem-pkcs1', pem: privateBlock.pem, encrypted, kdf: encrypted ? 'OpenSSL MD5' : null };
      case 'EC PRIVATE KEY':
        return { kind: 'pem', format: 'pem-sec1', pem: privateBlock.pem, encrypted, kdf: encrypted ? 'OpenSSL MD5' : null };
      case 'PRIVATE KEY':
        return { kind: 'pem', format: 'pkcs8', pem: privateBlock.pem, encrypted: false, kdf: null };
      case 'ENCRYPTED PRIVATE KEY':
        return { kind: 'pem', format: 'pkcs8-encrypted', pem: privateBlock.pem, encrypted: true, kdf: 'PKCS#5 v2' };
      case 'DSA PRIVATE KEY':
        throw keyError('KEY_UNSUPPORTED', 'DSA keys are not supported by OpenSSH ≥ 7.0; generate an ed25519 key instead');
      case 'SSH2 ENCRYPTED PRIVATE KEY':
        throw keyError('KEY_UNSUPPORTED', 'this is an SSH.com (SECSH) private key; convert it to OpenSSH with "ssh-keygen -i -f <file>" first');
      case 'PGP PRIVATE KEY BLOCK':
        throw keyError('KEY_UNSUPPORTED', 'this is an OpenPGP key, not an SSH key');
      default:
        throw keyError('KEY_UNSUPPORTED', `"${privateBlock.label}" keys are not supported`);
    }
  }
  if (/^---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----/m.test(text)) {
    throw keyError('KEY_UNSUPPORTED', 'this is an SSH.com (SECSH) private key; convert it to OpenSSH with "ssh-keygen -i -f <file>" first');
  }
  if (/^-----BEGIN PGP PRIVATE KEY BLOCK-----/m.test(text)) throw keyError('KEY_UNSUPPORTED', 'this is an OpenPGP key, not an SSH key');
  if (blocks.some((b) => b.label === 'CERTIFICATE')) throw keyError('KEY_INVALID', 'this is an X.509 certificate, not a private key');
  if (
    blocks.some((b) => /PUBLIC KEY$/.test(b.label)) ||
    /^---- BEGIN SSH2 PUBLIC KEY ----/m.test(text) ||
    /^\s*(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\d+|sk-[a-z0-9@.-]+)(-cert-v01@openssh\.com)?\s+AAAA/m.test(text)
  ) {
    throw keyError('KEY_INVALID', 'this is a public key, not a private key; choose the file without ".pub"');
  }
  throw keyError('KEY_INVALID', 'this is not a private key Burrow recognises (expected OpenSSH, PEM, PKCS#8 or PuTTY PPK)');
}

function factsOf(detected: Detected): KeyFileFacts {
  switch (detected.kind) {
    case 'openssh': {
      const header = readOpenSshHeader(detected.text);
      const encrypted = header.cipher !== 'none';
      return { format: 'openssh', encrypted, kdf: encrypted ? header.kdf : null, publicBlob: header.publicBlob, comment: null };
    }
    case 'ppk': {
      const file = parsePpk(detected.text);
      return { format: `ppk-v${file.version}`, encrypted: file.encrypted, kdf: describePpkKdf(file), publicBlob: file.publicBlob, comment: file.comment };
    }
    case 'pem':
      return { format: detected.format, encrypted: detected.encrypted, kdf: detected.kdf, publicBlob: null, comment: null };
    case 'der':
      return { format: 'der', encrypted: false, kdf: null, publicBlob: null, comment: null };
  }
}

function decodePem(pem: string, format: KeyFormat, encrypted: boolean, passphrase: string | undefined): KeyObject {
  if (encrypted && passphrase === undefined) {
    throw keyError('KEY_PASSPHRASE_REQUIRED', `this ${formatName(format)} key is protected by a passphrase: enter it`, { format });
  }
  try {
    return createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  } catch (error) {
    if (encrypted) throw keyError('KEY_PASSPHRASE_WRONG', `${formatName(format)} key: wrong passphrase`, { format });
    throw keyError('KEY_INVALID', `damaged ${formatName(format)} key (${openSslReason(error)})`);
  }
}

function decodeDer(der: Buffer): KeyObject {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  throw keyError('KEY_INVALID', 'this is binary data, not a private key');
}

/** Binary unless it decodes as UTF-8 text without control characters (other than whitespace). */
function looksBinary(data: Buffer): boolean {
  // eslint-disable-next-line no-control-regex
  if (data.includes(0) || /[\u0000-\u0008\u000e-\u001f\u007f]/.test(data.toString('latin1'))) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return false;
  } catch {
    return true;
  }
}

function formatName(format: KeyFormat): string {
  const names: Partial<Record<KeyFormat, string>> = {
    'pem-pkcs1': 'PEM (PKCS#1)',
    'pem-sec1': 'PEM (SEC1)',
    pkcs8: 'PKCS#8',
    'pkcs8-encrypted': 'encrypted PKCS#8',
  };
  return names[format] ?? format;
}

function openSslReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error:[0-9A-F]+:/, '').slice(0, 120);
}
