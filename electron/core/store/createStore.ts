import path from 'node:path';
import type { Hop } from '../../../shared/route';
import { ImportService } from './imports/importService';
import { KeyStore, type LoadedKey } from './keys/keyStore';
import { HistoryStore } from './history/historyStore';
import { KnownHostsStore } from './knownHosts/knownHostsStore';
import { openProfilesFile } from './profiles/profilesFile';
import { ProfileStore } from './profiles/profileStore';
import { SavedTabsStore } from './tabs/savedTabsStore';
import { SavedQueriesStore } from './savedQueries/savedQueriesStore';
import { KeyringKeychain, type Keychain } from './vault/keychain';
import { KeychainVault, type Vault } from './vault/vault';

export interface StoreOptions {
  dataDir: string;
  /** Defaults to the OS keychain under the service name "Burrow". */
  keychain?: Keychain;
  /** For ~/.ssh/config imports; defaults to the OS home directory. */
  home?: string;
  now?: () => Date;
  newId?: () => string;
}

export interface Store {
  vault: Vault;
  profiles: ProfileStore;
  keys: KeyStore;
  knownHosts: KnownHostsStore;
  history: HistoryStore;
  tabs: SavedTabsStore;
  savedQueries: SavedQueriesStore;
  imports: ImportService;
  /** What the tunnel engine needs (electron/core/ssh/types.ts CredentialSource). */
  credentials: {
    hopPassword(hop: Hop): Promise<string | null>;
    privateKey(keyId: string, passphrase?: string): Promise<LoadedKey>;
    publicKey(keyId: string): Promise<Buffer>;
  };
}

/** Everything Burrow remembers, under one data directory. */
export function createStore(options: StoreOptions): Store {
  const { dataDir, now, newId } = options;
  const vault = new KeychainVault({ file: path.join(dataDir, 'vault.json'), keychain: options.keychain ?? new KeyringKeychain() });
  const profiles = new ProfileStore({ file: openProfilesFile(dataDir), vault, now, newId });
  const keys = new KeyStore({ dataDir, vault, usage: (keyId) => profilesUsingKey(profiles, keyId), now, newId });
  const knownHosts = new KnownHostsStore({ dataDir, now });
  const history = new HistoryStore({ dataDir, now, newId });
  const tabs = new SavedTabsStore({ dataDir });
  const savedQueries = new SavedQueriesStore({ dataDir, now, newId });
  const imports = new ImportService({ profiles, keys, home: options.home, now, newId });
  return {
    vault,
    profiles,
    keys,
    knownHosts,
    history,
    tabs,
    savedQueries,
    imports,
    credentials: {
      hopPassword: (hop) => profiles.hopPassword(hop),
      privateKey: (keyId, passphrase) => keys.loadForAuth(keyId, passphrase),
      publicKey: (keyId) => keys.publicKeyBlob(keyId),
    },
  };
}

async function profilesUsingKey(profiles: ProfileStore, keyId: string): Promise<{ id: string; name: string }[]> {
  const all = await profiles.storedProfiles();
  return all
    .filter((p) => p.ssh.hops.some((hop) => hop.auth.some((m) => (m.type === 'publickey' || m.type === 'agent') && m.keyId === keyId)))
    .map((p) => ({ id: p.id, name: p.name }));
}
