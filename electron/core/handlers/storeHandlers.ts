import type { Handlers } from '../dispatch';
import { tabsSaveRequestSchema } from '../../../shared/savedTabs';
import { savedQueriesSaveRequestSchema } from '../../../shared/savedQueries';
import type { Store } from '../store/createStore';
import { parseRequest } from '../store/parseRequest';

/** Connections files need the host's dialogs: bundleFileHandlers serves them. */
type StoreChannel = Exclude<Extract<keyof Handlers, `${'profiles' | 'vault' | 'keys' | 'knownHosts' | 'history' | 'tabs' | 'savedQueries' | 'imports'}.${string}`>, 'imports.saveBundleFile' | 'imports.openBundleFile'>;

/** The store's operations, one per channel; each validates its payload again and returns no secrets. */
export function storeHandlers(store: Store): Pick<Handlers, StoreChannel> {
  return {
    'profiles.list': (request) => store.profiles.list(request),
    'profiles.get': (request) => store.profiles.get(request),
    'profiles.save': (request) => store.profiles.save(request),
    'profiles.duplicate': (request) => store.profiles.duplicate(request),
    'profiles.delete': async (request) => {
      const deleted = await store.profiles.delete(request);
      // The profile's history, kept tabs and saved queries go with it; a damaged file must not undo a delete that happened.
      await store.history.clear({ profileId: deleted.id }).catch(() => undefined);
      await store.tabs.forget(deleted.id).catch(() => undefined);
      await store.savedQueries.forget(deleted.id).catch(() => undefined);
      return deleted;
    },
    'profiles.move': (request) => store.profiles.move(request),
    'profiles.regroup': (request) => store.profiles.regroup(request),
    'profiles.recover': (request) => store.profiles.recover(request),
    'vault.status': () => store.vault.status(),
    'vault.reset': () => store.vault.reset(),
    'keys.list': (request) => store.keys.list(request),
    'keys.inspect': (request) => store.keys.inspect(request),
    'keys.import': (request) => store.keys.import(request),
    'keys.generate': (request) => store.keys.generate(request),
    'keys.rename': (request) => store.keys.rename(request),
    'keys.publicKey': (request) => store.keys.publicKey(request),
    'keys.delete': (request) => store.keys.delete(request),
    'keys.setPassphraseMemory': (request) => store.keys.setPassphraseMemory(request),
    'history.list': (request) => store.history.list(request),
    'history.clear': (request) => store.history.clear(request),
    'tabs.get': (request) => store.tabs.get(request),
    'tabs.save': async (request) => {
      const { profileId } = parseRequest(tabsSaveRequestSchema, request, 'tabs.save');
      // Tabs are kept only for a profile that exists (NOT_FOUND otherwise), so nothing is left behind.
      await store.profiles.get({ id: profileId });
      return store.tabs.save(request);
    },
    'savedQueries.list': (request) => store.savedQueries.list(request),
    'savedQueries.save': async (request) => {
      const { profileId } = parseRequest(savedQueriesSaveRequestSchema, request, 'savedQueries.save');
      // A query saved for one connection needs that connection to exist (NOT_FOUND otherwise).
      if (typeof profileId === 'string') await store.profiles.get({ id: profileId });
      return store.savedQueries.save(request);
    },
    'savedQueries.delete': (request) => store.savedQueries.delete(request),
    'knownHosts.list': (request) => store.knownHosts.list(request),
    'knownHosts.add': (request) => store.knownHosts.add(request),
    'knownHosts.forget': (request) => store.knownHosts.forget(request),
    'knownHosts.export': (request) => store.knownHosts.exportText(request),
    'imports.parseUrl': (request) => store.imports.parseUrl(request),
    'imports.saveUrl': (request) => store.imports.saveUrl(request),
    'imports.profileUrl': (request) => store.imports.profileUrl(request),
    'imports.sshConfig': (request) => store.imports.sshConfig(request),
    'imports.exportBundle': (request) => store.imports.exportBundle(request),
    'imports.previewBundle': (request) => store.imports.previewBundle(request),
    'imports.importBundle': (request) => store.imports.importBundle(request),
  };
}
