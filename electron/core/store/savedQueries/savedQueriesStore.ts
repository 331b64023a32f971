import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import {
  MAX_SAVED_QUERIES, savedQueriesDeleteRequestSchema, savedQueriesListRequestSchema, savedQueriesSaveRequestSchema, savedQuerySchema, type SavedQuery,
} from '../../../../shared/savedQueries';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { parseRequest } from '../parseRequest';
import { mayHoldSecret } from '../sqlSecrets';

const documentSchema = z.object({ version: z.literal(1), queries: z.array(savedQuerySchema) });
type SavedQueriesDocument = z.infer<typeof documentSchema>;

const byName = (a: SavedQuery, b: SavedQuery): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.createdAt.localeCompare(b.createdAt);

/**
 * Queries saved by name, in `saved-queries.json` under the data dir: per connection profile, or for
 * every connection. Like history and kept tabs it is a plain file, so SQL that may hold a password
 * is refused rather than written.
 */
export class SavedQueriesStore {
  private readonly file: VersionedJsonFile<SavedQueriesDocument>;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: { dataDir: string; now?: (() => Date) | undefined; newId?: (() => string) | undefined }) {
    this.file = new VersionedJsonFile<SavedQueriesDocument>({
      path: path.join(options.dataDir, 'saved-queries.json'),
      label: 'saved queries',
      version: 1,
      schema: documentSchema,
      migrations: {},
      empty: () => ({ version: 1, queries: [] }),
    });
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async list(request: unknown = {}): Promise<SavedQuery[]> {
    const { profileId, search } = parseRequest(savedQueriesListRequestSchema, request, 'savedQueries.list');
    const needle = search?.trim().toLowerCase() ?? '';
    const { queries } = await this.file.read();
    return queries
      .filter((query) => query.profileId === null || profileId === undefined || query.profileId === profileId)
      .filter((query) => !needle || query.name.toLowerCase().includes(needle) || query.sql.toLowerCase().includes(needle))
      .sort(byName);
  }

  async save(request: unknown): Promise<SavedQuery> {
    const { id, profileId, name, sql } = parseRequest(savedQueriesSaveRequestSchema, request, 'savedQueries.save');
    if (mayHoldSecret(sql)) {
      throw new BurrowError('VALIDATION', 'this SQL may hold a password (PASSWORD, IDENTIFIED BY), and saved queries are kept in a plain file: take the password out, or keep this query in a tab', { field: 'sql' });
    }
    return this.file.update((document) => {
      const at = this.now().toISOString();
      if (id !== undefined) {
        const old = document.queries.find((query) => query.id === id);
        if (!old) throw new BurrowError('NOT_FOUND', `saved query ${id} no longer exists (deleted in another window?): save it again as a new query`);
        const saved: SavedQuery = { ...old, profileId: profileId === undefined ? old.profileId : profileId, name: name ?? old.name, sql, updatedAt: at };
        return { document: { version: 1, queries: document.queries.map((query) => (query.id === id ? saved : query)) }, result: saved };
      }
      if (document.queries.length >= MAX_SAVED_QUERIES) {
        throw new BurrowError('VALIDATION', `Burrow keeps at most ${MAX_SAVED_QUERIES} saved queries: delete some first`);
      }
      // The schema asks both of a new query.
      const saved: SavedQuery = { id: this.newId(), profileId: profileId ?? null, name: name!, sql, createdAt: at, updatedAt: at };
      return { document: { version: 1, queries: [...document.queries, saved] }, result: saved };
    });
  }

  async delete(request: unknown): Promise<{ id: string }> {
    const { id } = parseRequest(savedQueriesDeleteRequestSchema, request, 'savedQueries.delete');
    return this.file.update((document) => {
      if (!document.queries.some((query) => query.id === id)) throw new BurrowError('NOT_FOUND', `saved query ${id} no longer exists`);
      return { document: { version: 1, queries: document.queries.filter((query) => query.id !== id) }, result: { id } };
    });
  }

  /** Forgets a deleted profile's saved queries; those for every connection stay. */
  async forget(profileId: string): Promise<void> {
    const { queries } = await this.file.read();
    if (!queries.some((query) => query.profileId === profileId)) return;
    await this.file.update((document) => ({ document: { version: 1, queries: document.queries.filter((query) => query.profileId !== profileId) }, result: undefined }));
  }
}
