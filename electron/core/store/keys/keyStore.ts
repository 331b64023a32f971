import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import {
  keyFormatSchema,
  keysDeleteRequestSchema,
  keysGenerateRequestSchema,
  keysImportRequestSchema,
  keysInspectRequestSchema,
  keysListRequestSchema,
  keysPublicKeyRequestSchema,
  keysRenameRequestSchema,
  keysSetPassphraseMemoryRequestSchema,
  keyTypeSchema,
  MAX_KEY_TEXT_BYTES,
  type KeyInfo,
  type KeyInspection,
  type KeySource,
  type KeyType,
} from '../../../../shared/keys';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { isCode } from '../files/atomicFile';
import { parseRequest } from '../parseRequest';
import type { Vault } from '../vault/vault';
import { secretIds } from '../vault/secretIds';
import { decodeKeyFile, inspectKeyFile, type KeyFileFacts } from './keyDecoder';
import { keyError } from './keyErrors';
import { generateKeyMaterial } from './keyGenerator';
import { authorizedKeysLine, fingerprintOf, toOpenSshPrivateKey, type SshKeyMaterial } from './keyMaterial';
import { unwrapWithPassphrase, wrappedSchema, wrapWithPassphrase } from './passphraseWrap';

const keyRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: keyTypeSchema,
  algorithm: z.string(),
  bits: z.number().int(),
  fingerprint: z.string(),
  comment: z.string(),
  publicBlob: z.string(),
  format: keyFormatSchema,
  hasPassphrase: z.boolean(),
  createdAt: z.string(),
});
type KeyRecord = z.infer<typeof keyRecordSchema>;

const keysDocumentSchema = z.object({ version: z.literal(1), keys: z.array(keyRecordSchema) });
type KeysDocument = z.infer<typeof keysDocumentSchema>;

/** What the vault holds for a key: an unencrypted OpenSSH key, or one sealed with the key's passphrase. */
const storedPrivateSchema = z.discriminatedUnion('protection', [
  z.object({ protection: z.literal('none'), openssh: z.string() }),
  z.object({ protection: z.literal('passphrase'), wrapped: wrappedSchema }),
]);

/** A key ready for ssh2: `privateKey` is an unencrypted OpenSSH key, `publicKey` the wire blob. */
export interface LoadedKey {
  privateKey: Buffer;
  publicKey: Buffer;
  type: KeyType;
  algorithm: string;
  fingerprint: string;
}

/** Who uses which key: the profile store answers this from the hops' auth methods. */
export type KeyUsage = (keyId: string) => Promise<{ id: string; name: string }[]>;

export interface KeyStoreOptions {
  dataDir: string;
  vault: Vault;
  usage: KeyUsage;
  now?: () => Date;
  newId?: () => string;
}

/**
 * SSH keys: public facts in keys.json, private keys in the vault. Importing or generating needs a
 * keychain (KEYCHAIN_UNAVAILABLE otherwise): a private key is never written anywhere weaker.
 */
export class KeyStore {
  private readonly file: VersionedJsonFile<KeysDocument>;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: KeyStoreOptions) {
    this.file = new VersionedJsonFile<KeysDocument>({
      path: path.join(options.dataDir, 'keys.json'),
      label: 'SSH keys',
      version: 1,
      schema: keysDocumentSchema,
      migrations: {},
      empty: () => ({ version: 1, keys: [] }),
    });
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async list(request: unknown = {}): Promise<KeyInfo[]> {
    parseRequest(keysListRequestSchema, request, 'keys.list');
    const { keys } = await this.file.read();
    const remembered = await this.rememberedPassphrases();
    return Promise.all(keys.map((record) => this.info(record, remembered)));
  }

  async inspect(request: unknown): Promise<KeyInspection> {
    const { source } = parseRequest(keysInspectRequestSchema, request, 'keys.inspect');
    const { data } = await readSource(source);
    const facts = inspectKeyFile(data);
    const publicFacts = facts.publicBlob ? publicFactsOf(facts.publicBlob) : null;
    const fingerprint = facts.publicBlob ? fingerprintOf(facts.publicBlob) : null;
    const existing = fingerprint ? (await this.file.read()).keys.find((k) => k.fingerprint === fingerprint) : undefined;
    return {
      format: facts.format,
      encrypted: facts.encrypted,
      kdf: facts.kdf,
      type: publicFacts?.type ?? null,
      bits: publicFacts?.bits ?? null,
      fingerprint,
      comment: facts.comment,
      existingKeyId: existing?.id ?? null,
    };
  }

  async import(request: unknown): Promise<KeyInfo> {
    const input = parseRequest(keysImportRequestSchema, request, 'keys.import');
    const { data, filePath } = await readSource(input.source);
    const { facts, material } = await decodeKeyFile(data, input.passphrase);
    if (!material.comment && filePath) material.comment = await commentFromPublicFile(filePath, material.publicBlob);
    const name = input.name ?? (material.comment || (filePath ? path.basename(filePath) : `${material.type} key`));
    const passphrase = facts.encrypted ? input.passphrase : undefined;
    return this.store(material, { name, format: facts.format, passphrase, remember: input.rememberPassphrase });
  }

  async generate(request: unknown): Promise<KeyInfo> {
    const input = parseRequest(keysGenerateRequestSchema, request, 'keys.generate');
    const material = await generateKeyMaterial(input.type, input.bits, input.comment);
    return this.store(material, { name: input.name, format: 'generated', passphrase: input.passphrase, remember: input.rememberPassphrase });
  }

  async rename(request: unknown): Promise<KeyInfo> {
    const { id, name } = parseRequest(keysRenameRequestSchema, request, 'keys.rename');
    const record = await this.file.update((document) => {
      const record = findKey(document, id);
      record.name = name;
      return { document, result: record };
    });
    return this.info(record, await this.rememberedPassphrases());
  }

  async publicKey(request: unknown): Promise<{ line: string }> {
    const { id } = parseRequest(keysPublicKeyRequestSchema, request, 'keys.publicKey');
    const record = findKey(await this.file.read(), id);
    return { line: authorizedKeysLine(record.algorithm, Buffer.from(record.publicBlob, 'base64'), record.comment) };
  }

  async delete(request: unknown): Promise<{ id: string; unlinkedFrom: { id: string; name: string }[] }> {
    const { id, confirm } = parseRequest(keysDeleteRequestSchema, request, 'keys.delete');
    const record = findKey(await this.file.read(), id);
    const usedBy = await this.options.usage(id);
    if (usedBy.length > 0 && !confirm) {
      throw new BurrowError('KEY_IN_USE', `"${record.name}" is used by ${usedBy.map((p) => `"${p.name}"`).join(', ')}; confirm to delete it anyway`, {
        profiles: usedBy,
      });
    }
    await this.file.update((document) => {
      findKey(document, id);
      return { document: { ...document, keys: document.keys.filter((k) => k.id !== id) }, result: undefined };
    });
    await this.removeSecrets([id]);
    return { id, unlinkedFrom: usedBy };
  }

  async setPassphraseMemory(request: unknown): Promise<KeyInfo> {
    const { id, remember, passphrase } = parseRequest(keysSetPassphraseMemoryRequestSchema, request, 'keys.setPassphraseMemory');
    const record = findKey(await this.file.read(), id);
    if (!record.hasPassphrase) throw new BurrowError('VALIDATION', 'keys.setPassphraseMemory: id: this key has no passphrase', { field: 'id' });
    if (remember) {
      if (passphrase === undefined) throw new BurrowError('VALIDATION', 'keys.setPassphraseMemory: passphrase: enter the passphrase to remember it', { field: 'passphrase' });
      await this.loadForAuth(id, passphrase);
      await this.options.vault.update({ [secretIds.keyPassphrase(id)]: passphrase });
    } else {
      await this.options.vault.update({ [secretIds.keyPassphrase(id)]: null });
    }
    return this.info(record, await this.rememberedPassphrases());
  }

  // --- main-process only: for the SSH engine ---------------------------------------------------

  /**
   * The key for authentication. Uses `passphrase`, else the remembered one; throws
   * KEY_PASSPHRASE_REQUIRED when neither exists and KEY_PASSPHRASE_WRONG when it does not fit.
   */
  async loadForAuth(keyId: string, passphrase?: string): Promise<LoadedKey> {
    const record = findKey(await this.file.read(), keyId);
    const storedText = await this.options.vault.get(secretIds.privateKey(keyId));
    if (storedText === null) throw new BurrowError('NOT_FOUND', `the private key of "${record.name}" is missing from the vault; import it again`);
    const stored = storedPrivateSchema.safeParse(safeJson(storedText));
    if (!stored.success) throw new BurrowError('STORE_CORRUPT', `the stored private key of "${record.name}" is damaged; import it again`);
    let openssh: string;
    if (stored.data.protection === 'none') {
      openssh = stored.data.openssh;
    } else {
      const secret = passphrase ?? (await this.options.vault.get(secretIds.keyPassphrase(keyId)));
      if (secret === null || secret === undefined) {
        throw new BurrowError('KEY_PASSPHRASE_REQUIRED', `the key "${record.name}" needs its passphrase`, { keyId });
      }
      const unwrapped = await unwrapWithPassphrase(stored.data.wrapped, secret);
      if (unwrapped === null) {
        throw new BurrowError('KEY_PASSPHRASE_WRONG', `wrong passphrase for the key "${record.name}"`, { keyId, remembered: passphrase === undefined });
      }
      openssh = unwrapped;
    }
    return {
      privateKey: Buffer.from(openssh, 'utf8'),
      publicKey: Buffer.from(record.publicBlob, 'base64'),
      type: record.type,
      algorithm: record.algorithm,
      fingerprint: record.fingerprint,
    };
  }

  /** The tunnel engine's CredentialSource shape. */
  privateKey(keyId: string, passphrase?: string): Promise<LoadedKey> {
    return this.loadForAuth(keyId, passphrase);
  }

  async publicKeyBlob(keyId: string): Promise<Buffer> {
    return Buffer.from(findKey(await this.file.read(), keyId).publicBlob, 'base64');
  }

  /** The stored key whose public key is `publicBlob`, if any (ssh config import matches IdentityFiles). */
  async findByPublicBlob(publicBlob: Buffer): Promise<{ id: string; name: string } | null> {
    const fingerprint = fingerprintOf(publicBlob);
    const record = (await this.file.read()).keys.find((k) => k.fingerprint === fingerprint);
    return record ? { id: record.id, name: record.name } : null;
  }

  async fingerprints(): Promise<Map<string, string>> {
    return new Map((await this.file.read()).keys.map((k) => [k.id, k.fingerprint]));
  }

  // --- internals -------------------------------------------------------------------------------

  private async store(
    material: SshKeyMaterial,
    options: { name: string; format: KeyRecord['format']; passphrase: string | undefined; remember: boolean },
  ): Promise<KeyInfo> {
    const fingerprint = fingerprintOf(material.publicBlob);
    const duplicate = (await this.file.read()).keys.find((k) => k.fingerprint === fingerprint);
    if (duplicate) throw new BurrowError('CONFLICT', `this key is already stored as "${duplicate.name}"`, { existingKeyId: duplicate.id });
    const id = this.newId();
    const openssh = toOpenSshPrivateKey(material);
    const stored =
      options.passphrase === undefined
        ? { protection: 'none' as const, openssh }
        : { protection: 'passphrase' as const, wrapped: await wrapWithPassphrase(openssh, options.passphrase) };
    const changes: Record<string, string | null> = { [secretIds.privateKey(id)]: JSON.stringify(stored) };
    if (options.passphrase !== undefined && options.remember) changes[secretIds.keyPassphrase(id)] = options.passphrase;
    try {
      await this.options.vault.update(changes);
    } catch (error) {
      if (error instanceof BurrowError && error.code === 'KEYCHAIN_UNAVAILABLE') {
        throw new BurrowError('KEYCHAIN_UNAVAILABLE', `${error.message.replace(/; secrets will be asked for every time$/, '')}; private keys can only be stored when a system keychain is available`);
      }
      throw error;
    }
    const record: KeyRecord = {
      id,
      name: options.name,
      type: material.type,
      algorithm: material.algorithm,
      bits: material.bits,
      fingerprint,
      comment: material.comment,
      publicBlob: material.publicBlob.toString('base64'),
      format: options.format,
      hasPassphrase: options.passphrase !== undefined,
      createdAt: this.now().toISOString(),
    };
    try {
      await this.file.update((document) => ({ document: { ...document, keys: [...document.keys, record] }, result: undefined }));
    } catch (error) {
      await this.removeSecrets([id]).catch(() => undefined);
      throw error;
    }
    return this.info(record, await this.rememberedPassphrases());
  }

  /** Deletes the keys' secrets, and any left behind by deletions made while the keychain was away. */
  private async removeSecrets(keyIds: string[]): Promise<void> {
    try {
      const live = new Set((await this.file.read()).keys.map((k) => k.id));
      const changes: Record<string, string | null> = {};
      for (const id of keyIds) {
        changes[secretIds.privateKey(id)] = null;
        changes[secretIds.keyPassphrase(id)] = null;
      }
      for (const secretId of await this.options.vault.ids('key:')) {
        const owner = secretId.split(':')[1];
        if (owner && !live.has(owner)) changes[secretId] = null;
      }
      await this.options.vault.update(changes);
    } catch (error) {
      if (!(error instanceof BurrowError) || !['KEYCHAIN_UNAVAILABLE', 'VAULT_KEY_MISMATCH', 'STORE_CORRUPT'].includes(error.code)) throw error;
    }
  }

  private async rememberedPassphrases(): Promise<Set<string>> {
    try {
      return new Set(await this.options.vault.ids('key:'));
    } catch (error) {
      if (error instanceof BurrowError && ['KEYCHAIN_UNAVAILABLE', 'VAULT_KEY_MISMATCH', 'STORE_CORRUPT'].includes(error.code)) return new Set();
      throw error;
    }
  }

  private async info(record: KeyRecord, secrets: Set<string>): Promise<KeyInfo> {
    const { publicBlob, ...rest } = record;
    return {
      ...rest,
      publicKey: authorizedKeysLine(record.algorithm, Buffer.from(publicBlob, 'base64'), record.comment),
      passphraseRemembered: secrets.has(secretIds.keyPassphrase(record.id)),
      usedBy: await this.options.usage(record.id),
    };
  }
}

function findKey(document: KeysDocument, id: string): KeyRecord {
  const record = document.keys.find((k) => k.id === id);
  if (!record) throw new BurrowError('NOT_FOUND', `no stored SSH key has the id ${id}`, { id });
  return record;
}

/** Key text from a pasted string or a file (binary DER allowed), with the size limit applied to both. */
async function readSource(source: KeySource): Promise<{ data: string | Buffer; filePath: string | null }> {
  if (source.kind === 'text') return { data: source.text, filePath: null };
  const filePath = expandHome(source.path);
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw keyError('KEY_INVALID', `${filePath} is not a file`);
    if (info.size > MAX_KEY_TEXT_BYTES) {
      throw keyError('KEY_INVALID', `${path.basename(filePath)} is ${(info.size / 1024 / 1024).toFixed(1)} MB, far too large to be a private key`);
    }
    if (info.size === 0) throw keyError('KEY_INVALID', `${path.basename(filePath)} is empty`);
    return { data: await readFile(filePath), filePath };
  } catch (error) {
    if (error instanceof BurrowError) throw error;
    if (isCode(error, 'ENOENT')) throw new BurrowError('NOT_FOUND', `there is no file at ${filePath}`);
    throw new BurrowError('STORE_IO', `could not read ${filePath}: ${(error as Error).message}`);
  }
}

/** The comment of the matching `.pub` file next to a key that does not carry one (PEM, PKCS#8). */
async function commentFromPublicFile(filePath: string, publicBlob: Buffer): Promise<string> {
  try {
    const [, blob, ...comment] = (await readFile(`${filePath}.pub`, 'utf8')).trim().split(/\s+/);
    return blob && Buffer.from(blob, 'base64').equals(publicBlob) ? comment.join(' ') : '';
  } catch {
    return '';
  }
}

function publicFactsOf(blob: Buffer): { type: KeyType; bits: number } | null {
  try {
    const length = blob.readUInt32BE(0);
    const algorithm = blob.subarray(4, 4 + length).toString('latin1');
    if (algorithm === 'ssh-ed25519') return { type: 'ed25519', bits: 256 };
    const ec = /^ecdsa-sha2-nistp(256|384|521)$/.exec(algorithm);
    if (ec) return { type: 'ecdsa', bits: Number(ec[1]) };
    if (algorithm === 'ssh-rsa') {
      let offset = 4 + length;
      offset += 4 + blob.readUInt32BE(offset); // e
      const nLength = blob.readUInt32BE(offset);
      let n = blob.subarray(offset + 4, offset + 4 + nLength);
      while (n.length > 0 && n[0] === 0) n = n.subarray(1);
      return { type: 'rsa', bits: n.length === 0 ? 0 : (n.length - 1) * 8 + (32 - Math.clz32(n[0]!)) };
    }
  } catch {
    // unknown layout: no public facts
  }
  return null;
}

export function expandHome(p: string): string {
  if (p === '~') return os.homedir();
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(os.homedir(), p.slice(2));
  return p;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type { KeyFileFacts };
