import { randomUUID } from 'node:crypto';
import { BurrowError } from '../../../../shared/errors';
import {
  profilesDeleteRequestSchema,
  profilesDuplicateRequestSchema,
  profilesGetRequestSchema,
  profilesListRequestSchema,
  profilesMoveRequestSchema,
  profilesRecoverRequestSchema,
  profilesRegroupRequestSchema,
  profilesSaveRequestSchema,
  storedProfileSchema,
  type ParsedProfileDraft,
  type Profile,
  type ProfileSaveResult,
  type StoreNotice,
} from '../../../../shared/profile';
import type { Hop } from '../../../../shared/route';
import type { VersionedJsonFile } from '../files/versionedJsonFile';
import { parseRequest } from '../parseRequest';
import type { Vault } from '../vault/vault';
import { secretIds } from '../vault/secretIds';
import { groupStartsWith, placeInGroup } from './groupOrder';
import type { ProfilesDocument, StoredProfile } from './profilesFile';

export interface ProfileStoreOptions {
  file: VersionedJsonFile<ProfilesDocument>;
  vault: Vault;
  now?: () => Date;
  newId?: () => string;
}

type SecretChanges = Record<string, string | null>;

/** Saved connections: the profiles file for settings, the vault for their passwords. */
export class ProfileStore {
  private readonly file: VersionedJsonFile<ProfilesDocument>;
  private readonly vault: Vault;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: ProfileStoreOptions) {
    this.file = options.file;
    this.vault = options.vault;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async list(request: unknown = {}): Promise<Profile[]> {
    parseRequest(profilesListRequestSchema, request, 'profiles.list');
    const { profiles } = await this.file.read();
    const stored = await this.storedSecretIds();
    return profiles.map((profile) => this.view(profile, stored));
  }

  async get(request: unknown): Promise<Profile> {
    const { id } = parseRequest(profilesGetRequestSchema, request, 'profiles.get');
    const profile = findProfile(await this.file.read(), id);
    return this.view(profile, await this.storedSecretIds());
  }

  async save(request: unknown): Promise<ProfileSaveResult> {
    const draft = parseRequest(profilesSaveRequestSchema, request, 'profiles.save');
    const { saved, previous } = await this.file.update((document) => {
      const index = draft.id === undefined ? -1 : document.profiles.findIndex((p) => p.id === draft.id);
      const previous = index >= 0 ? document.profiles[index]! : null;
      const timestamp = this.now().toISOString();
      const saved = toStored(draft, draft.id ?? this.newId(), previous?.createdAt ?? timestamp, timestamp);
      assertHopIdsUnused(document, saved);
      if (index >= 0) document.profiles[index] = saved;
      else document.profiles.push(saved);
      return { document, result: { saved, previous } };
    });
    const notices = await this.applySecrets(secretChangesForSave(draft, saved, previous));
    return { profile: this.view(saved, await this.storedSecretIds()), notices };
  }

  async duplicate(request: unknown): Promise<ProfileSaveResult> {
    const { id, name } = parseRequest(profilesDuplicateRequestSchema, request, 'profiles.duplicate');
    const { copy, hopIdMap } = await this.file.update((document) => {
      const index = document.profiles.findIndex((p) => p.id === id);
      if (index < 0) throw notFound(id);
      const original = document.profiles[index]!;
      const timestamp = this.now().toISOString();
      const hopIdMap = new Map(original.ssh.hops.map((hop) => [hop.id, this.newId()]));
      const copy: StoredProfile = {
        ...structuredClone(original),
        id: this.newId(),
        name: name ?? uniqueName(document, `${original.name} copy`),
        ssh: { ...original.ssh, hops: original.ssh.hops.map((hop) => ({ ...hop, id: hopIdMap.get(hop.id)! })) },
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      document.profiles.splice(index + 1, 0, copy);
      return { document, result: { copy, hopIdMap } };
    });
    const notices = await this.copySecrets(id, copy.id, hopIdMap);
    return { profile: this.view(copy, await this.storedSecretIds()), notices };
  }

  async delete(request: unknown): Promise<{ id: string; notices: StoreNotice[] }> {
    const { id } = parseRequest(profilesDeleteRequestSchema, request, 'profiles.delete');
    const removed = await this.file.update((document) => {
      const profile = findProfile(document, id);
      document.profiles = document.profiles.filter((p) => p.id !== id);
      return { document, result: profile };
    });
    const changes: SecretChanges = { [secretIds.databasePassword(id)]: null };
    for (const hop of removed.ssh.hops) changes[secretIds.hopPassword(hop.id)] = null;
    return { id, notices: await this.applySecrets(changes) };
  }

  async move(request: unknown): Promise<Profile[]> {
    const { id, group, index } = parseRequest(profilesMoveRequestSchema, request, 'profiles.move');
    await this.file.update((document) => {
      const profile = findProfile(document, id);
      const others = document.profiles.filter((p) => p.id !== id);
      const moved = { ...profile, group, updatedAt: this.now().toISOString() };
      return { document: { ...document, profiles: placeInGroup(others, moved, index) }, result: undefined };
    });
    return this.list();
  }

  async regroup(request: unknown): Promise<Profile[]> {
    const { from, to } = parseRequest(profilesRegroupRequestSchema, request, 'profiles.regroup');
    if (groupStartsWith(to, from)) {
      throw new BurrowError('VALIDATION', 'profiles.regroup: to: a group cannot move inside itself', { field: 'to' });
    }
    await this.file.update((document) => {
      let count = 0;
      const timestamp = this.now().toISOString();
      const profiles = document.profiles.map((profile) => {
        if (!groupStartsWith(profile.group, from)) return profile;
        count += 1;
        const group = [...to, ...profile.group.slice(from.length)];
        if (group.length > 8) {
          throw new BurrowError('VALIDATION', `profiles.regroup: to: "${profile.name}" would be nested more than 8 groups deep`, { field: 'to' });
        }
        return { ...profile, group, updatedAt: timestamp };
      });
      if (count === 0) throw new BurrowError('NOT_FOUND', `no profile is in the group ${from.join(' / ')}`);
      return { document: { ...document, profiles }, result: undefined };
    });
    return this.list();
  }

  async recover(request: unknown): Promise<Profile[]> {
    const { source } = parseRequest(profilesRecoverRequestSchema, request, 'profiles.recover');
    await this.file.recover(source);
    return this.list();
  }

  /** Adds profiles prepared elsewhere (bundle import), replacing those with the same id. */
  async putMany(profiles: StoredProfile[]): Promise<Profile[]> {
    const replaced = await this.file.update((document) => {
      const replaced: StoredProfile[] = [];
      for (const incoming of profiles) {
        const profile = storedProfileSchema.parse(incoming);
        const index = document.profiles.findIndex((p) => p.id === profile.id);
        if (index >= 0) {
          replaced.push(document.profiles[index]!);
          document.profiles[index] = profile;
        } else {
          document.profiles.push(profile);
        }
        assertHopIdsUnused(document, profile);
      }
      return { document, result: replaced };
    });
    // Replaced profiles may point somewhere else now: their old secrets must not follow.
    const changes: SecretChanges = {};
    for (const old of replaced) {
      changes[secretIds.databasePassword(old.id)] = null;
      for (const hop of old.ssh.hops) changes[secretIds.hopPassword(hop.id)] = null;
    }
    await this.applySecrets(changes);
    const stored = await this.storedSecretIds();
    return profiles.map((p) => this.view(p, stored));
  }

  /** The raw stored profiles, for exports and the key store's "used by" lists. */
  async storedProfiles(): Promise<StoredProfile[]> {
    return (await this.file.read()).profiles;
  }

  // --- main-process only: secrets for the connection engine -----------------------------------

  /** The stored database password, or null (not stored, not keychain policy, or no vault). */
  async databasePassword(profileId: string): Promise<string | null> {
    const profile = findProfile(await this.file.read(), profileId);
    if (profile.passwordPolicy !== 'keychain') return null;
    return this.readSecret(secretIds.databasePassword(profileId));
  }

  /** The stored password of a hop, or null; the engine then asks the user. */
  hopPassword(hop: Hop): Promise<string | null> {
    const policy = hop.auth.find((method) => method.type === 'password');
    if (!policy || policy.policy !== 'keychain') return Promise.resolve(null);
    return this.readSecret(secretIds.hopPassword(hop.id));
  }

  /** After the user typed a password and ticked "remember". */
  async rememberDatabasePassword(profileId: string, password: string): Promise<StoreNotice[]> {
    const profile = findProfile(await this.file.read(), profileId);
    if (profile.passwordPolicy !== 'keychain') return [];
    return this.applySecrets({ [secretIds.databasePassword(profileId)]: password });
  }

  rememberHopPassword(hopId: string, password: string): Promise<StoreNotice[]> {
    return this.applySecrets({ [secretIds.hopPassword(hopId)]: password });
  }

  // --- internals -------------------------------------------------------------------------------

  private view(profile: StoredProfile, stored: Set<string>): Profile {
    return {
      ...structuredClone(profile),
      hasPassword: profile.passwordPolicy === 'keychain' && stored.has(secretIds.databasePassword(profile.id)),
      hopsWithPassword: profile.ssh.hops.filter((hop) => stored.has(secretIds.hopPassword(hop.id))).map((hop) => hop.id),
    };
  }

  /** Secret ids in the vault; empty when the vault cannot be read (then everything is asked for). */
  private async storedSecretIds(): Promise<Set<string>> {
    try {
      return new Set(await this.vault.ids());
    } catch (error) {
      if (isVaultUnavailable(error)) return new Set();
      throw error;
    }
  }

  private async readSecret(id: string): Promise<string | null> {
    try {
      return await this.vault.get(id);
    } catch (error) {
      if (isVaultUnavailable(error)) return null;
      throw error;
    }
  }

  /**
   * Writes secret changes, plus deletions of secrets whose profile or hop no longer exists (left
   * behind when a deletion happened while the keychain was away).
   */
  private async applySecrets(changes: SecretChanges): Promise<StoreNotice[]> {
    if (Object.keys(changes).length === 0) return [];
    try {
      const orphans = await this.orphanSecretIds();
      const all: SecretChanges = { ...changes };
      for (const id of orphans) if (!(id in all)) all[id] = null;
      const existing = new Set(await this.vault.ids());
      const effective = Object.entries(all).filter(([id, value]) => value !== null || existing.has(id));
      if (effective.length > 0) await this.vault.update(Object.fromEntries(effective));
      return [];
    } catch (error) {
      if (!isVaultUnavailable(error)) throw error;
      const wantedToStore = Object.values(changes).some((value) => value !== null);
      if (!wantedToStore) return [];
      return [{ code: error.code as StoreNotice['code'], message: `${error.message}; the password was not saved` }];
    }
  }

  private async orphanSecretIds(): Promise<string[]> {
    const { profiles } = await this.file.read();
    const live = new Set<string>();
    for (const profile of profiles) {
      live.add(secretIds.databasePassword(profile.id));
      for (const hop of profile.ssh.hops) live.add(secretIds.hopPassword(hop.id));
    }
    const ids = [...(await this.vault.ids('profile:')), ...(await this.vault.ids('hop:'))];
    return ids.filter((id) => !live.has(id));
  }

  private async copySecrets(fromId: string, toId: string, hopIdMap: Map<string, string>): Promise<StoreNotice[]> {
    const changes: SecretChanges = {};
    try {
      const password = await this.vault.get(secretIds.databasePassword(fromId));
      if (password !== null) changes[secretIds.databasePassword(toId)] = password;
      for (const [oldHop, newHop] of hopIdMap) {
        const secret = await this.vault.get(secretIds.hopPassword(oldHop));
        if (secret !== null) changes[secretIds.hopPassword(newHop)] = secret;
      }
    } catch (error) {
      if (isVaultUnavailable(error)) return [];
      throw error;
    }
    return this.applySecrets(changes);
  }
}

function toStored(draft: ParsedProfileDraft, id: string, createdAt: string, updatedAt: string): StoredProfile {
  const { password: _password, clearPassword: _clear, hopPasswords: _hops, id: _id, ...fields } = draft;
  return storedProfileSchema.parse({ ...fields, id, createdAt, updatedAt });
}

function secretChangesForSave(draft: ParsedProfileDraft, saved: StoredProfile, previous: StoredProfile | null): SecretChanges {
  const changes: SecretChanges = {};
  const passwordId = secretIds.databasePassword(saved.id);
  if (saved.passwordPolicy !== 'keychain' || draft.clearPassword || draft.password === '') changes[passwordId] = null;
  else if (draft.password !== undefined) changes[passwordId] = draft.password;

  const keptHops = new Set<string>();
  for (const hop of saved.ssh.hops) {
    const passwordAuth = hop.auth.find((method) => method.type === 'password');
    const secretId = secretIds.hopPassword(hop.id);
    if (!passwordAuth || passwordAuth.policy !== 'keychain') {
      changes[secretId] = null;
      continue;
    }
    keptHops.add(hop.id);
    const given = draft.hopPasswords[hop.id];
    if (given === '') changes[secretId] = null;
    else if (given !== undefined) changes[secretId] = given;
  }
  for (const hop of previous?.ssh.hops ?? []) {
    if (!keptHops.has(hop.id)) changes[secretIds.hopPassword(hop.id)] = null;
  }
  for (const hopId of Object.keys(draft.hopPasswords)) {
    if (!saved.ssh.hops.some((hop) => hop.id === hopId)) {
      throw new BurrowError('VALIDATION', `profiles.save: hopPasswords.${hopId}: there is no hop with this id`, { field: `hopPasswords.${hopId}` });
    }
  }
  return changes;
}

function assertHopIdsUnused(document: ProfilesDocument, profile: StoredProfile): void {
  profile.ssh.hops.forEach((hop, index) => {
    const owner = document.profiles.find((other) => other.id !== profile.id && other.ssh.hops.some((h) => h.id === hop.id));
    if (owner) {
      const field = `ssh.hops.${index}.id`;
      throw new BurrowError('VALIDATION', `profiles.save: ${field}: hop id ${hop.id} already belongs to "${owner.name}"`, { field });
    }
  });
}

function findProfile(document: ProfilesDocument, id: string): StoredProfile {
  const profile = document.profiles.find((p) => p.id === id);
  if (!profile) throw notFound(id);
  return profile;
}

function notFound(id: string): BurrowError {
  return new BurrowError('NOT_FOUND', `no saved connection has the id ${id}`, { id });
}

function uniqueName(document: ProfilesDocument, base: string): string {
  const names = new Set(document.profiles.map((p) => p.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n += 1) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

function isVaultUnavailable(error: unknown): error is BurrowError {
  return error instanceof BurrowError && (error.code === 'KEYCHAIN_UNAVAILABLE' || error.code === 'VAULT_KEY_MISMATCH' || error.code === 'STORE_CORRUPT');
}
