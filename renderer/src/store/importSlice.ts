import type { StateCreator } from 'zustand';
import type { CsvReadOptions, ImportProgress } from '../../../shared/query';
import { burrow } from '../ipc/client';
import { formatBytes } from '../features/query/exportResult';
import type { SafetySlice } from './safetySlice';
import type { SchemaSlice } from './schemaSlice';
import { patchTransfer, runningKey, type TransferEntry } from './keyedTransfers';

/** A CSV import into a table: running (rows sent, bytes read) or how it ended. */
export interface ImportView extends TransferEntry {
  table: string;
  text: string | null;
}

/** How the file is read and which table column each file column fills (null: left out); by header names when omitted. */
export interface ImportHow {
  options: CsvReadOptions;
  columns?: (string | null)[];
}

export interface ImportSlice {
  /** By session: the schema tree shows its session's import. */
  imports: Record<string, ImportView>;
  /** Loads `path` into the table on a connection of its own (safe mode may ask first), then reloads the tree. */
  importCsv(sessionId: string, table: { schema: string | null; name: string }, path: string, how?: ImportHow): Promise<void>;
  cancelImport(sessionId: string): Promise<void>;
  importProgress(progress: ImportProgress): void;
  dismissImport(sessionId: string): void;
}

export const importProgressText = (view: Pick<ImportView, 'rows' | 'bytes'>): string =>
  `${view.rows.toLocaleString()} rows (${formatBytes(view.bytes)} read)`;

export const createImportSlice: StateCreator<ImportSlice & SafetySlice & SchemaSlice, [], [], ImportSlice> = (set, get) => {
  const patch = (sessionId: string, importId: string, change: Partial<ImportView> | null): void =>
    set((state) => {
      const imports = patchTransfer(state.imports, sessionId, importId, change);
      return imports ? { imports } : {};
    });
  return {
    imports: {},
    importCsv: async (sessionId, table, path, how) => {
      if (get().imports[sessionId]?.state === 'running') return;
      const label = table.schema ? `${table.schema}.${table.name}` : table.name;
      // Safe mode classes what it is asked about: an import writes, whatever the file holds.
      const statement = { text: `INSERT INTO ${label} … (every row of ${path})`, writes: true };
      if (!(await get().guardRun(sessionId, () => [statement]))) return;
      const importId = crypto.randomUUID();
      set((state) => ({ imports: { ...state.imports, [sessionId]: { id: importId, table: label, state: 'running', rows: 0, bytes: 0, text: null } } }));
      const answer = await burrow().schema.import({ connectionId: sessionId, importId, table, path, ...how });
      if (answer.ok) {
        patch(sessionId, importId, { state: 'done', rows: answer.value.rows, text: `Imported ${answer.value.rows.toLocaleString()} ${answer.value.rows === 1 ? 'row' : 'rows'} into ${label}.` });
        void get().loadSchema(sessionId);
      } else if (answer.error.code === 'CANCELLED') {
        patch(sessionId, importId, { state: 'cancelled', text: `Import into ${label} cancelled; nothing was imported.` });
      } else {
        patch(sessionId, importId, { state: 'failed', text: `Import into ${label} failed: ${answer.error.code}: ${answer.error.message}` });
      }
    },
    cancelImport: async (sessionId) => {
      const view = get().imports[sessionId];
      if (view?.state === 'running') await burrow().schema.cancelImport({ importId: view.id });
    },
    importProgress: ({ importId, rows, bytes }) => {
      const sessionId = runningKey(get().imports, importId);
      if (sessionId) patch(sessionId, importId, { rows, bytes });
    },
    dismissImport: (sessionId) => {
      const view = get().imports[sessionId];
      if (view && view.state !== 'running') patch(sessionId, view.id, null);
    },
  };
};
