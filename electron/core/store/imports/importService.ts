import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  importsExportBundleRequestSchema,
  importsImportBundleRequestSchema,
  importsParseUrlRequestSchema,
  importsPreviewBundleRequestSchema,
  importsProfileUrlRequestSchema,
  importsSaveUrlRequestSchema,
  importsSshConfigRequestSchema,
  type BundleImportResult,
  type BundlePreview,
  type ParsedUrl,
  type SshConfigImportResult,
} from '../../../../shared/imports';
import type { ProfileSaveResult } from '../../../../shared/profile';
import { BurrowError } from '../../../../shared/errors';
import type { KeyStore } from '../keys/keyStore';
import { expandHome } from '../keys/keyStore';
import { parseRequest } from '../parseRequest';
import type { ProfileStore } from '../profiles/profileStore';
import { formatConnectionUrl, parseConnectionUrl, type ParsedConnectionUrl } from './connectionUrl';
import { buildBundle, planImport, readBundle } from './profileBundle';
import { importSshConfig } from './sshConfigImport';

export interface ImportServiceOptions {
  profiles: ProfileStore;
  keys: KeyStore;
  /** The user's home, for ~/.ssh/config and `~` in paths. */
  home?: string;
  localUser?: string;
  now?: () => Date;
  newId?: () => string;
}

/** Connection URLs in and out, ~/.ssh/config, and profile bundles. */
export class ImportService {
  private readonly home: string;
  private readonly localUser: string;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: ImportServiceOptions) {
    this.home = options.home ?? os.homedir();
    this.localUser = options.localUser ?? safeUsername();
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async parseUrl(request: unknown): Promise<ParsedUrl> {
    const { url } = parseRequest(importsParseUrlRequestSchema, request, 'imports.parseUrl');
    const parsed = parseConnectionUrl(url);
    return {
      draft: { name: suggestName(parsed), ...parsed.connection },
      passwordInUrl: parsed.password !== null,
      ignoredParameters: parsed.ignoredParameters,
      warnings: parsed.warnings,
    };
  }

  /** Saves a URL as a profile; a password in the URL goes to the vault (or is dropped with a notice). */
  async saveUrl(request: unknown): Promise<ProfileSaveResult> {
    const { url, name, group } = parseRequest(importsSaveUrlRequestSchema, request, 'imports.saveUrl');
    const parsed = parseConnectionUrl(url);
    return this.options.profiles.save({
      ...parsed.connection,
      name: name ?? suggestName(parsed),
      group,
      passwordPolicy: parsed.password !== null ? 'keychain' : 'ask',
      ...(parsed.password !== null ? { password: parsed.password } : {}),
    });
  }

  /** "Copy as URL", never with the password. */
  async profileUrl(request: unknown): Promise<{ url: string }> {
    const { id } = parseRequest(importsProfileUrlRequestSchema, request, 'imports.profileUrl');
    const profile = await this.options.profiles.get({ id });
    return { url: formatConnectionUrl(profile) };
  }

  async sshConfig(request: unknown): Promise<SshConfigImportResult> {
    const input = parseRequest(importsSshConfigRequestSchema, request, 'imports.sshConfig');
    const configPath = input.path ? path.resolve(expandHomeFrom(input.path, this.home)) : path.join(this.home, '.ssh', 'config');
    return importSshConfig({
      configPath,
      home: this.home,
      localUser: this.localUser,
      checkPermissions: process.platform !== 'win32',
      findKey: (blob) => this.options.keys.findByPublicBlob(blob),
      newId: this.newId,
    });
  }

  async exportBundle(request: unknown): Promise<{ json: string; count: number }> {
    const { ids } = parseRequest(importsExportBundleRequestSchema, request, 'imports.exportBundle');
    const all = await this.options.profiles.storedProfiles();
    if (ids) {
      const missing = ids.find((id) => !all.some((p) => p.id === id));
      if (missing) throw new BurrowError('NOT_FOUND', `no saved connection has the id ${missing}`);
    }
    const chosen = ids ? all.filter((p) => ids.includes(p.id)) : all;
    return { json: buildBundle(chosen, await this.localKeys(), this.now()), count: chosen.length };
  }

  async previewBundle(request: unknown): Promise<BundlePreview> {
    const { json } = parseRequest(importsPreviewBundleRequestSchema, request, 'imports.previewBundle');
    const plan = planImport(readBundle(json), await this.options.profiles.storedProfiles(), await this.localKeys(), 'keepBoth', this.newId, this.now());
    return plan.preview;
  }

  async importBundle(request: unknown): Promise<BundleImportResult> {
    const { json, onConflict } = parseRequest(importsImportBundleRequestSchema, request, 'imports.importBundle');
    const plan = planImport(readBundle(json), await this.options.profiles.storedProfiles(), await this.localKeys(), onConflict, this.newId, this.now());
    await this.options.profiles.putMany(plan.profiles);
    return plan.result;
  }

  private async localKeys(): Promise<{ id: string; name: string; fingerprint: string }[]> {
    return (await this.options.keys.list()).map((k) => ({ id: k.id, name: k.name, fingerprint: k.fingerprint }));
  }
}

function suggestName(parsed: ParsedConnectionUrl): string {
  const c = parsed.connection;
  if (c.engine === 'sqlite') return path.basename(c.database) || 'SQLite database';
  const name = `${c.user ? `${c.user}@` : ''}${c.host}${c.database ? `/${c.database}` : ''}`;
  return name.slice(0, 200);
}

function expandHomeFrom(p: string, home: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(home, p.slice(1));
  return expandHome(p);
}

function safeUsername(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'user';
  }
}
