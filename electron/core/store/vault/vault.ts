import { randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import type { VaultStatus } from '../../../../shared/vault';
import { isCode, removeStaleTempFiles, writeFileAtomic } from '../files/atomicFile';
import { SerialQueue } from '../files/serialQueue';
import type { Keychain } from './keychain';
import { keyCheck, keyCheckMatches, open, seal, VAULT_KEY_BYTES } from './vaultCipher';

/** Secrets by id. Values never leave the main process. */
export interface Vault {
  status(): Promise<VaultStatus>;
  get(id: string): Promise<string | null>;
  /** Ids that hold a secret, optionally only those starting with `prefix`. */
  ids(prefix?: string): Promise<string[]>;
  /** Sets (string) or deletes (null) several secrets in one atomic write. */
  update(changes: Record<string, string | null>): Promise<void>;
  reset(): Promise<{ keptAs: string | null }>;
}

const VAULT_ACCOUNT = 'vault-key';
const FORMAT = 'burrow-vault';
const VERSION = 1;
const AAD = `${FORMAT}:${VERSION}`;

const vaultFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  keyCheck: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

const contentSchema = z.object({ secrets: z.record(z.string(), z.string()) });

type Unlocked = { key: Buffer; secrets: Map<string, string> };

/**
 * The vault file: every secret in one AES-256-GCM box, under a random 32-byte key that only the
 * OS keychain holds. Without a keychain nothing is written anywhere (KEYCHAIN_UNAVAILABLE). A
 * vault whose key is missing or different is reported (VAULT_KEY_MISMATCH) and left untouched:
 * writing a fresh vault over it would destroy secrets that may come back with the old key.
 * No last-good copy is kept, so a deleted secret is really gone.
 */
export class KeychainVault implements Vault {
  private readonly queue = new SerialQueue();
  private unlocked: Unlocked | undefined;

  constructor(private readonly options: { file: string; keychain: Keychain }) {}

  status(): Promise<VaultStatus> {
    return this.queue.run(async () => {
      try {
        const { secrets } = await this.unlock();
        return { state: 'ready', message: 'secrets are stored encrypted under a key in the system keychain', secretCount: secrets.size };
      } catch (error) {
        if (!(error instanceof BurrowError)) throw error;
        const state = error.code === 'KEYCHAIN_UNAVAILABLE' ? 'keychainUnavailable' : error.code === 'VAULT_KEY_MISMATCH' ? 'keyMismatch' : error.code === 'STORE_CORRUPT' ? 'corrupt' : null;
        if (state === null) throw error;
        return { state, message: error.message, secretCount: null };
      }
    });
  }

  get(id: string): Promise<string | null> {
    return this.queue.run(async () => (await this.unlock()).secrets.get(id) ?? null);
  }

  ids(prefix = ''): Promise<string[]> {
    return this.queue.run(async () => [...(await this.unlock()).secrets.keys()].filter((id) => id.startsWith(prefix)));
  }

  update(changes: Record<string, string | null>): Promise<void> {
    return this.queue.run(async () => {
      const { key, secrets } = await this.unlock();
      const next = new Map(secrets);
      for (const [id, value] of Object.entries(changes)) {
        if (value === null) next.delete(id);
        else next.set(id, value);
      }
      await this.writeFile(key, next);
      this.unlocked = { key, secrets: next };
    });
  }

  reset(): Promise<{ keptAs: string | null }> {
    return this.queue.run(async () => {
      this.unlocked = undefined;
      let keptAs: string | null = `${this.options.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        await rename(this.options.file, keptAs);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw new BurrowError('STORE_IO', `could not move the old vault aside: ${(error as Error).message}`);
        keptAs = null;
      }
      await this.unlock();
      return { keptAs };
    });
  }

  private async unlock(): Promise<Unlocked> {
    if (this.unlocked) return this.unlocked;
    const { keychain, file } = this.options;
    await removeStaleTempFiles(file);
    const stored = await keychain.get(VAULT_ACCOUNT);
    const text = await this.readVaultFile();
    if (text === null) {
      // No file depends on a missing or malformed key yet, so a new one can be made safely.
      const key = stored === null || !isWellFormedKey(stored) ? await this.createKey() : decodeKey(stored);
      this.unlocked = { key, secrets: new Map() };
      return this.unlocked;
    }
    if (stored === null) {
      throw new BurrowError(
        'VAULT_KEY_MISMATCH',
        `the vault key is missing from the system keychain, so the saved secrets in ${path.basename(file)} cannot be read; ` +
          'restore the keychain entry, or reset the vault (the old file is kept aside)',
      );
    }
    const key = decodeKey(stored);
    let header: z.infer<typeof vaultFileSchema>;
    try {
      header = vaultFileSchema.parse(JSON.parse(text));
    } catch {
      throw new BurrowError('STORE_CORRUPT', `the vault file ${path.basename(file)} is damaged; reset the vault to start again (the file is kept aside)`);
    }
    if (!keyCheckMatches(key, header.keyCheck)) {
      throw new BurrowError(
        'VAULT_KEY_MISMATCH',
        'the vault key in the system keychain is not the one the vault was saved with (was the keychain replaced?); ' +
          'restore the old keychain entry, or reset the vault (the old file is kept aside)',
      );
    }
    const plaintext = open(key, header, AAD);
    const content = plaintext === null ? null : contentSchema.safeParse(safeJson(plaintext.toString('utf8')));
    if (!content?.success) {
      throw new BurrowError('STORE_CORRUPT', `the vault file ${path.basename(file)} failed its integrity check; reset the vault to start again (the file is kept aside)`);
    }
    this.unlocked = { key, secrets: new Map(Object.entries(content.data.secrets)) };
    return this.unlocked;
  }

  private async createKey(): Promise<Buffer> {
    const key = randomBytes(VAULT_KEY_BYTES);
    await this.options.keychain.set(VAULT_ACCOUNT, key.toString('base64'));
    // Some keychains accept a write and keep nothing; never encrypt under a key we cannot read back.
    const readBack = await this.options.keychain.get(VAULT_ACCOUNT);
    if (readBack !== key.toString('base64')) {
      throw new BurrowError('KEYCHAIN_UNAVAILABLE', 'the system keychain did not keep the vault key; secrets will be asked for every time');
    }
    return key;
  }

  private async writeFile(key: Buffer, secrets: Map<string, string>): Promise<void> {
    const plaintext = Buffer.from(JSON.stringify({ secrets: Object.fromEntries(secrets) }), 'utf8');
    const box = seal(key, plaintext, AAD);
    plaintext.fill(0);
    const document = { format: FORMAT, version: VERSION, keyCheck: keyCheck(key), ...box };
    try {
      await writeFileAtomic(this.options.file, `${JSON.stringify(document)}\n`);
    } catch (error) {
      throw new BurrowError('STORE_IO', `could not save the vault: ${(error as Error).message}`);
    }
  }

  private async readVaultFile(): Promise<string | null> {
    try {
      return await readFile(this.options.file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw new BurrowError('STORE_IO', `could not read the vault: ${(error as Error).message}`);
    }
  }
}

function isWellFormedKey(stored: string): boolean {
  return Buffer.from(stored, 'base64').length === VAULT_KEY_BYTES;
}

function decodeKey(stored: string): Buffer {
  const key = Buffer.from(stored, 'base64');
  if (key.length !== VAULT_KEY_BYTES) {
    throw new BurrowError('VAULT_KEY_MISMATCH', 'the vault key in the system keychain is malformed; reset the vault to start again');
  }
  return key;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
