import type { StateCreator } from 'zustand';
import type { ExportFormat, ExportProgress, FileFormat, QueryExportResult } from '../../../shared/query';
import type { Result } from '../../../shared/errors';
import { burrow } from '../ipc/client';
import { formatBytes } from '../features/query/exportResult';
import { classifyStatements } from '../../../shared/sql/writesData';
import { splitDialectOf } from '../../../shared/sql/dialect';
import type { SafetySlice } from './safetySlice';
import type { SchemaSlice } from './schemaSlice';
import type { SessionsSlice } from './sessionsSlice';
import type { WorkspaceSlice } from './workspaceSlice';
import { patchTransfer, runningKey, type TransferEntry } from './keyedTransfers';

/** An export to a file that streams on a connection of its own: running (rows and bytes so far) or how it ended. */
export interface FileExportView extends TransferEntry {
  format: FileFormat;
  /** How it ended, for the owner's status line. */
  text: string | null;
}

/**
 * Whole-table exports (from a table browser) and whole-query exports (from a query tab whose
 * result was cut), keyed by the browser or tab that owns them: one at a time each.
 */
export interface FileExportSlice {
  fileExports: Record<string, FileExportView>;
  /** Exports the browser's table with its filters and sort, after core's save dialog. */
  exportTable(browserId: string, options: { format: FileFormat; headers: boolean }): Promise<void>;
  /** Sends the tab's last run again without the row limit, every row to a file (safe mode may ask first). */
  exportAllRows(tabId: string, options: { format: ExportFormat; headers: boolean }): Promise<void>;
  cancelFileExport(ownerId: string): Promise<void>;
  fileExportProgress(progress: ExportProgress): void;
  dismissFileExport(ownerId: string): void;
}

export const progressText = (view: Pick<FileExportView, 'rows' | 'bytes'>): string =>
  `${view.rows.toLocaleString()} rows (${formatBytes(view.bytes)})`;

type Deps = SchemaSlice & FileExportSlice & WorkspaceSlice & SafetySlice & SessionsSlice;

export const createFileExportSlice: StateCreator<Deps, [], [], FileExportSlice> = (set, get) => {
  const patch = (ownerId: string, exportId: string, change: Partial<FileExportView> | null): void =>
    set((state) => {
      const fileExports = patchTransfer(state.fileExports, ownerId, exportId, change);
      return fileExports ? { fileExports } : {};
    });
  /** Shows the export running under `ownerId` while `send` runs it, then how it ended. */
  const follow = async (ownerId: string, format: FileFormat, send: (exportId: string) => Promise<Result<QueryExportResult>>): Promise<void> => {
    const exportId = crypto.randomUUID();
    set((state) => ({ fileExports: { ...state.fileExports, [ownerId]: { id: exportId, format, state: 'running', rows: 0, bytes: 0, text: null } } }));
    const answer = await send(exportId);
    if (!answer.ok) {
      const cancelled = answer.error.code === 'CANCELLED';
      patch(ownerId, exportId, { state: cancelled ? 'cancelled' : 'failed', text: cancelled ? 'Export cancelled; no file was written.' : `Export failed: ${answer.error.code}: ${answer.error.message}` });
      return;
    }
    const { path, rows, bytes } = answer.value;
    // Cancel in the save dialog: nothing happened, nothing to say.
    if (path === null) patch(ownerId, exportId, null);
    else patch(ownerId, exportId, { state: 'done', rows, bytes, text: `Exported ${progressText({ rows, bytes })} to ${path}` });
  };
  const running = (ownerId: string): boolean => get().fileExports[ownerId]?.state === 'running';
  return {
    fileExports: {},
    exportTable: async (browserId, { format, headers }) => {
      const view = get().browsers[browserId];
      if (!view || running(browserId)) return;
      await follow(browserId, format, (exportId) =>
        burrow().schema.export({ connectionId: view.sessionId, exportId, table: view.table, filters: view.filters, sort: view.sort, format, headers }));
    },
    exportAllRows: async (tabId, { format, headers }) => {
      const tab = get().tabs.find((t) => t.id === tabId);
      const engine = tab ? get().sessions[tab.sessionId]?.engine : undefined;
      if (!tab?.ranSql || !engine || running(tabId)) return;
      const sql = tab.ranSql;
      if (!(await get().guardRun(tab.sessionId, () => classifyStatements(sql, splitDialectOf(engine))))) return;
      await follow(tabId, format, (exportId) => burrow().query.exportAll({ connectionId: tab.sessionId, exportId, sql, format, headers }));
    },
    cancelFileExport: async (ownerId) => {
      const view = get().fileExports[ownerId];
      if (view?.state === 'running') await burrow().query.cancelExport({ exportId: view.id });
    },
    fileExportProgress: ({ exportId, rows, bytes }) => {
      const ownerId = runningKey(get().fileExports, exportId);
      if (ownerId) patch(ownerId, exportId, { rows, bytes });
    },
    dismissFileExport: (ownerId) => {
      const view = get().fileExports[ownerId];
      if (view && view.state !== 'running') patch(ownerId, view.id, null);
    },
  };
};
