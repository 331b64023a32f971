import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import { savedTabSchema, tabsGetRequestSchema, tabsSaveRequestSchema, type SavedTab } from '../../../../shared/savedTabs';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { parseRequest } from '../parseRequest';
import { mayHoldSecret } from '../sqlSecrets';

const documentSchema = z.object({ version: z.literal(1), profiles: z.record(z.string(), z.array(savedTabSchema)) });
type TabsDocument = z.infer<typeof documentSchema>;

const sameTabs = (a: readonly SavedTab[], b: readonly SavedTab[]): boolean =>
  a.length === b.length && a.every((tab, i) => tab.title === b[i]!.title && tab.sql === b[i]!.sql && tab.active === b[i]!.active);

/**
 * The query tabs of each connection profile (title, SQL, which was in front), in `tabs.json` under the data dir, so
 * reconnecting or restarting brings the editor back as it was. A tab whose SQL may hold a password
 * is kept without its text.
 */
export class SavedTabsStore {
  private readonly file: VersionedJsonFile<TabsDocument>;

  constructor(options: { dataDir: string }) {
    this.file = new VersionedJsonFile<TabsDocument>({
      path: path.join(options.dataDir, 'tabs.json'),
      label: 'kept query tabs',
      version: 1,
      schema: documentSchema,
      migrations: {},
      empty: () => ({ version: 1, profiles: {} }),
    });
  }

  async get(request: unknown): Promise<SavedTab[]> {
    const { profileId } = parseRequest(tabsGetRequestSchema, request, 'tabs.get');
    try {
      return (await this.file.read()).profiles[profileId] ?? [];
    } catch (error) {
      // Kept tabs are a convenience: a damaged file must not stop a connection from opening.
      if (error instanceof BurrowError && error.code === 'STORE_CORRUPT') return [];
      throw error;
    }
  }

  /** Replaces one profile's tabs; the same tabs again write nothing. */
  async save(request: unknown): Promise<{ kept: number }> {
    const { profileId, tabs } = parseRequest(tabsSaveRequestSchema, request, 'tabs.save');
    const kept = tabs.map((tab) => (mayHoldSecret(tab.sql) ? { ...tab, sql: '' } : tab));
    let current: SavedTab[];
    try {
      current = (await this.file.read()).profiles[profileId] ?? [];
    } catch (error) {
      if (!(error instanceof BurrowError && error.code === 'STORE_CORRUPT')) throw error;
      await this.file.recover('empty');
      current = [];
    }
    if (sameTabs(current, kept)) return { kept: kept.length };
    return this.file.update((document) => {
      const profiles = { ...document.profiles };
      if (kept.length > 0) profiles[profileId] = kept;
      else delete profiles[profileId];
      return { document: { version: 1, profiles }, result: { kept: kept.length } };
    });
  }

  /** Forgets a deleted profile's tabs. */
  async forget(profileId: string): Promise<void> {
    await this.save({ profileId, tabs: [] });
  }
}
