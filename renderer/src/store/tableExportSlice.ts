import type { StateCreator } from 'zustand';
import type { FileFormat, TableExportProgress } from '../../../shared/query';
import { burrow } from '../ipc/client';
import { formatBytes } from '../features/query/exportResult';
import type { SchemaSlice } from './schemaSlice';

/** A table browser's export: running (with the rows and bytes written so far) or how it ended. */
export interface TableExportView {
  exportId: string;
  format: FileFormat;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  rows: number;
  bytes: number;
  /** How it ended, for the browser's status line. */
  text: string | null;
}

export interface TableExportSlice {
  /** By browser id. */
  tableExports: Record<string, TableExportView>;
  /** Exports the browser's table (its filters and sort) after core's save dialog; one at a time per browser. */
  exportTable(browserId: string, options: { format: FileFormat; headers: boolean }): Promise<void>;
  cancelTableExport(browserId: string): Promise<void>;
  tableExportProgress(progress: TableExportProgress): void;
  dismissTableExport(browserId: string): void;
}

export const progressText = (view: Pick<TableExportView, 'rows' | 'bytes'>): string =>
  `${view.rows.toLocaleString()} rows (${formatBytes(view.bytes)})`;

export const createTableExportSlice: StateCreator<SchemaSlice & TableExportSlice, [], [], TableExportSlice> = (set, get) => {
  const patch = (browserId: string, exportId: string, change: Partial<TableExportView> | null): void =>
    set((state) => {
      const current = state.tableExports[browserId];
      // A later export of the same browser owns the entry now.
      if (current?.exportId !== exportId) return {};
      const tableExports = { ...state.tableExports };
      if (change) tableExports[browserId] = { ...current, ...change };
      else delete tableExports[browserId];
      return { tableExports };
    });
  return {
    tableExports: {},
    exportTable: async (browserId, { format, headers }) => {
      const view = get().browsers[browserId];
      if (!view || get().tableExports[browserId]?.state === 'running') return;
      const exportId = crypto.randomUUID();
      set((state) => ({ tableExports: { ...state.tableExports, [browserId]: { exportId, format, state: 'running', rows: 0, bytes: 0, text: null } } }));
      const answer = await burrow().schema.export({ connectionId: view.sessionId, exportId, table: view.table, filters: view.filters, sort: view.sort, format, headers });
      if (!answer.ok) {
        const cancelled = answer.error.code === 'CANCELLED';
        patch(browserId, exportId, { state: cancelled ? 'cancelled' : 'failed', text: cancelled ? 'Export cancelled; no file was written.' : `Export failed: ${answer.error.code}: ${answer.error.message}` });
        return;
      }
      const { path, rows, bytes } = answer.value;
      // Cancel in the save dialog: nothing happened, nothing to say.
      if (path === null) patch(browserId, exportId, null);
      else patch(browserId, exportId, { state: 'done', rows, bytes, text: `Exported ${progressText({ rows, bytes })} to ${path}` });
    },
    cancelTableExport: async (browserId) => {
      const running = get().tableExports[browserId];
      if (running?.state === 'running') await burrow().schema.cancelExport({ exportId: running.exportId });
    },
    tableExportProgress: ({ exportId, rows, bytes }) => {
      const entry = Object.entries(get().tableExports).find(([, view]) => view.exportId === exportId && view.state === 'running');
      if (entry) patch(entry[0], exportId, { rows, bytes });
    },
    dismissTableExport: (browserId) => {
      const view = get().tableExports[browserId];
      if (view && view.state !== 'running') patch(browserId, view.exportId, null);
    },
  };
};
