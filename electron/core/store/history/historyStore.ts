import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import { historyClearRequestSchema, historyEntrySchema, historyListRequestSchema, type HistoryEntry } from '../../../../shared/history';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { parseRequest } from '../parseRequest';
import { mayHoldSecret } from '../sqlSecrets';

/** Runs kept per profile, newest first; older ones fall off. */
export const MAX_ENTRIES_PER_PROFILE = 500;
/** Longer SQL (a pasted dump, say) is not kept: history is for finding a query again. */
export const MAX_SQL_CHARS = 100_000;

const documentSchema = z.object({ version: z.literal(1), entries: z.array(historyEntrySchema) });
type HistoryDocument = z.infer<typeof documentSchema>;

/**
 * The SQL the user ran, per connection profile, in `history.json` under the data dir. Running the
 * same SQL again moves its entry to the top instead of adding a copy.
 */
export class HistoryStore {
  private readonly file: VersionedJsonFile<HistoryDocument>;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: { dataDir: string; now?: (() => Date) | undefined; newId?: (() => string) | undefined }) {
    this.file = new VersionedJsonFile<HistoryDocument>({
      path: path.join(options.dataDir, 'history.json'),
      label: 'query history',
      version: 1,
      schema: documentSchema,
      migrations: {},
      empty: () => ({ version: 1, entries: [] }),
    });
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /** Keeps a run's SQL; blank, oversized or password-bearing SQL is skipped (returns null). */
  async record(profileId: string, sql: string): Promise<HistoryEntry | null> {
    if (!sql.trim() || sql.length > MAX_SQL_CHARS || mayHoldSecret(sql)) return null;
    return this.file.update((document) => {
      const previous = document.entries.find((entry) => entry.profileId === profileId && entry.sql === sql);
      const entry: HistoryEntry = { id: previous?.id ?? this.newId(), profileId, sql, ranAt: this.now().toISOString() };
      let kept = 0;
      const entries = [entry, ...document.entries.filter((other) => other !== previous)].filter((other) => other.profileId !== profileId || ++kept <= MAX_ENTRIES_PER_PROFILE);
      return { document: { version: 1, entries }, result: entry };
    });
  }

  async list(request: unknown = {}): Promise<HistoryEntry[]> {
    const { profileId, search, limit } = parseRequest(historyListRequestSchema, request, 'history.list');
    const needle = search?.trim().toLowerCase() ?? '';
    const { entries } = await this.file.read();
    return entries.filter((entry) => (!profileId || entry.profileId === profileId) && (!needle || entry.sql.toLowerCase().includes(needle))).slice(0, limit);
  }

  /** Forgets one profile's runs, or every run. A damaged history file is started afresh (it holds nothing else). */
  async clear(request: unknown = {}): Promise<{ removed: number }> {
    const { profileId } = parseRequest(historyClearRequestSchema, request, 'history.clear');
    const kept = (entries: HistoryEntry[]): HistoryEntry[] => entries.filter((entry) => profileId !== undefined && entry.profileId !== profileId);
    try {
      // Nothing to forget writes nothing (no file appears for a profile that never ran anything).
      const { entries } = await this.file.read();
      if (kept(entries).length === entries.length) return { removed: 0 };
      return await this.file.update((document) => {
        const entries = kept(document.entries);
        return { document: { version: 1, entries }, result: { removed: document.entries.length - entries.length } };
      });
    } catch (error) {
      if (!(error instanceof BurrowError && error.code === 'STORE_CORRUPT')) throw error;
      await this.file.recover('empty');
      return { removed: 0 };
    }
  }
}
