import type { Handlers } from '../dispatch';
import type { PlatformAdapter } from '../createCore';
import type { Store } from '../store/createStore';
import { readBundleFile, writeBundleFile } from '../store/imports/bundleFiles';

/**
 * Connections files: the host's dialogs choose the path (the renderer never names one), core reads
 * or writes it. The file holds no secrets (see ImportService.exportBundle).
 */
export function bundleFileHandlers(store: Store, platform: PlatformAdapter): Pick<Handlers, 'imports.saveBundleFile' | 'imports.openBundleFile'> {
  return {
    'imports.saveBundleFile': async (request) => {
      const { json, count } = await store.imports.exportBundle(request);
      const path = await platform.pickSavePath('burrow-connections.json', 'json', `Export ${count} connection${count === 1 ? '' : 's'}`);
      if (path === null) return { path: null, count };
      await writeBundleFile(path, json);
      return { path, count };
    },
    'imports.openBundleFile': async () => {
      const path = await platform.pickFile('profileBundle');
      if (path === null) return { path: null, json: null };
      return { path, json: await readBundleFile(path) };
    },
  };
}
