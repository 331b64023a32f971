import type { StateCreator } from 'zustand';
import { burrow } from '../ipc/client';
import { tableEditability } from '../features/schema/tableEditability';
import {
  buildTableEdits, duplicateValues, noEdits, savedText, withCell, withDeleteToggled, withNewRow, type EditValue, type PendingEdits, type RowRef,
} from '../features/schema/tableEdits';
import type { BrowseView, SchemaSlice } from './schemaSlice';
import type { SafetySlice } from './safetySlice';
import type { TableEdit } from '../../../shared/query';

/** Editing a table browser's rows: changes wait in `BrowseView.pending` until Save sends them in one transaction. */
export interface TableEditSlice {
  /** `value` undefined takes a page cell's change back, or puts a new row's cell back to DEFAULT. */
  setCell(browserId: string, row: RowRef, column: string, value: EditValue | undefined): void;
  addRow(browserId: string): void;
  /** Adds a new row holding the selected row's values, its key left to the default or the user. */
  duplicateRow(browserId: string): void;
  toggleDelete(browserId: string, row: RowRef): void;
  selectRow(browserId: string, row: RowRef | null): void;
  discardEdits(browserId: string): void;
  saveEdits(browserId: string): Promise<void>;
}

const literal = (value: string | null): string => (value === null ? 'NULL' : `'${(value.length > 60 ? `${value.slice(0, 60)}…` : value).replaceAll("'", "''")}'`);
const pairs = (values: Record<string, string | null>, glue: string): string => Object.entries(values).map(([column, value]) => `${column} = ${literal(value)}`).join(glue);

/** An edit as the SQL it stands for, to show in safe mode's question (not sent: core builds the statements). */
export function describeEdit(table: string, edit: TableEdit): string {
  if (edit.kind === 'update') return `UPDATE ${table} SET ${pairs(edit.set, ', ')} WHERE ${pairs(edit.key, ' AND ')}`;
  if (edit.kind === 'delete') return `DELETE FROM ${table} WHERE ${pairs(edit.key, ' AND ')}`;
  const columns = Object.keys(edit.values);
  return columns.length === 0 ? `INSERT INTO ${table} DEFAULT VALUES` : `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${Object.values(edit.values).map(literal).join(', ')})`;
}

export const createTableEditSlice: StateCreator<SchemaSlice & TableEditSlice & SafetySlice, [], [], TableEditSlice> = (set, get) => {
  const patch = (id: string, change: Partial<BrowseView>): void =>
    set((state) => (state.browsers[id] ? { browsers: { ...state.browsers, [id]: { ...state.browsers[id], ...change } } } : {}));
  /** Changes wait for a page that is shown and settled: edits made while it reloads or saves would land on the wrong rows. */
  const edit = (id: string, change: (pending: PendingEdits, view: BrowseView) => PendingEdits): void => {
    const view = get().browsers[id];
    if (!view?.page || view.loading || view.saving) return;
    patch(id, { pending: change(view.pending, view), saved: null });
  };

  return {
    setCell(id, row, column, value) {
      edit(id, (pending, view) => {
        const read = row.kind === 'page' ? view.page?.rows[row.index]?.[view.page.columns.findIndex((c) => c.name === column)] : undefined;
        return withCell(pending, read, row, column, value);
      });
    },
    addRow(id) {
      const before = get().browsers[id]?.pending.added.length ?? 0;
      edit(id, (pending) => withNewRow(pending));
      if ((get().browsers[id]?.pending.added.length ?? 0) > before) patch(id, { selected: { kind: 'new', index: before } });
    },
    duplicateRow(id) {
      const view = get().browsers[id];
      const selected = view?.selected;
      if (!view?.page || !selected) return;
      const editability = tableEditability(get().schemas[view.sessionId], view.table, view.page.columns.map((c) => c.name));
      if (!editability.editable) return;
      const before = view.pending.added.length;
      edit(id, (pending, current) => withNewRow(pending, duplicateValues(pending, current.page!, selected, editability.keyColumns)));
      if ((get().browsers[id]?.pending.added.length ?? 0) > before) patch(id, { selected: { kind: 'new', index: before } });
    },
    toggleDelete: (id, row) => edit(id, (pending) => withDeleteToggled(pending, row)),
    selectRow: (id, row) => patch(id, { selected: row }),
    discardEdits: (id) => patch(id, { pending: noEdits, saveError: null }),
    async saveEdits(id) {
      const view = get().browsers[id];
      if (!view?.page || view.loading || view.saving) return;
      const columns = view.page.columns.map((c) => c.name);
      const editability = tableEditability(get().schemas[view.sessionId], view.table, columns);
      if (!editability.editable) return;
      let built;
      try {
        built = buildTableEdits(columns, editability.keyColumns, view.page.rows, view.pending);
      } catch (error) {
        patch(id, { saveError: { text: error instanceof Error ? error.message : String(error), row: null } });
        return;
      }
      if (built.edits.length === 0) return;
      if (!(await get().guardRun(view.sessionId, () => built.edits.map((edit) => ({ text: describeEdit(view.table.name, edit), writes: true }))))) return;
      patch(id, { saving: true, saved: null, saveError: null });
      const result = await burrow().schema.edit({ connectionId: view.sessionId, table: view.table, edits: built.edits });
      if (!result.ok) {
        const at = result.error.detail?.editIndex;
        patch(id, { saving: false, saveError: { text: `${result.error.code}: ${result.error.message}`, row: typeof at === 'number' ? (built.rows[at] ?? null) : null } });
        return;
      }
      patch(id, { saving: false, pending: noEdits, selected: null, saved: savedText(result.value) });
      await get().browse(id);
    },
  };
};
