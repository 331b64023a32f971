import type { Cell, TableEdit } from '../../../../shared/query';
import { editValueOf, type EditValue } from '../schema/tableEdits';
import type { ResultTarget } from './resultEditability';

/** A result row's change waiting to be saved; `key` is the row's primary key when the change began. */
export interface PendingRowEdit {
  key: Record<string, EditValue>;
  /** Table column → new value. */
  set: Record<string, EditValue>;
  delete: boolean;
}

/** What was saved to a row: the stored result keeps the old values, so the grid shows these over them. */
export interface SavedRowEdit {
  set: Record<string, EditValue>;
  deleted: boolean;
}

/** Edits to one stored result, by row index. */
export interface ResultEdits {
  pending: Record<number, PendingRowEdit>;
  saved: Record<number, SavedRowEdit>;
}

export const noResultEdits: ResultEdits = { pending: {}, saved: {} };

/** Pure: the value a result cell shows: pending, else saved, else undefined (the stored cell). */
export function editedValue(edits: ResultEdits, row: number, column: string | null): EditValue | undefined {
  if (column === null) return undefined;
  const pending = edits.pending[row]?.set;
  if (pending && Object.hasOwn(pending, column)) return pending[column];
  const saved = edits.saved[row]?.set;
  return saved && Object.hasOwn(saved, column) ? saved[column] : undefined;
}

/** Pure: the value a table column has in the database now, as far as Burrow knows: saved over stored; undefined if it cannot be written back (binary, cut). */
function currentValue(target: ResultTarget, edits: ResultEdits, row: number, cells: readonly Cell[], column: string): EditValue | undefined {
  const saved = edits.saved[row]?.set;
  if (saved && Object.hasOwn(saved, column)) return saved[column];
  const index = target.writes.indexOf(column);
  return index < 0 ? undefined : editValueOf(cells[index]);
}

/** Pure: the row's primary key as it is in the database now; null when a key cell cannot be read back whole. */
export function currentKey(target: ResultTarget, edits: ResultEdits, row: number, cells: readonly Cell[]): Record<string, EditValue> | null {
  const key: Record<string, EditValue> = {};
  for (const column of target.keyColumns) {
    const value = currentValue(target, edits, row, cells, column);
    if (value === undefined) return null;
    key[column] = value;
  }
  return key;
}

const withRow = (edits: ResultEdits, row: number, entry: PendingRowEdit | null): ResultEdits => {
  const { [row]: _old, ...rest } = edits.pending;
  return { ...edits, pending: entry && (entry.delete || Object.keys(entry.set).length > 0) ? { ...rest, [row]: entry } : rest };
};

/**
 * Pure: `edits` with a cell set to `value`; setting the value the row has now takes the change
 * back. Unchanged when the row's key cannot be read (it could not be found again).
 */
export function withResultCell(edits: ResultEdits, target: ResultTarget, row: number, cells: readonly Cell[], column: string, value: EditValue): ResultEdits {
  const entry = edits.pending[row];
  const key = entry?.key ?? currentKey(target, edits, row, cells);
  if (!key || edits.saved[row]?.deleted) return edits;
  const { [column]: _old, ...others } = entry?.set ?? {};
  const set = value === currentValue(target, edits, row, cells, column) ? others : { ...others, [column]: value };
  return withRow(edits, row, { key, set, delete: entry?.delete ?? false });
}

/** Pure: the rows marked for deletion, or all unmarked when every one of them already was. Rows without a readable key, or deleted already, are left out. */
export function withResultDeleteToggled(edits: ResultEdits, target: ResultTarget, rows: readonly { index: number; cells: readonly Cell[] }[]): ResultEdits {
  const live = rows.filter(({ index }) => !edits.saved[index]?.deleted);
  const mark = !live.every(({ index }) => edits.pending[index]?.delete);
  let next = edits;
  for (const { index, cells } of live) {
    const entry = next.pending[index];
    const key = entry?.key ?? currentKey(target, next, index, cells);
    if (!key) continue;
    next = withRow(next, index, { key, set: entry?.set ?? {}, delete: mark });
  }
  return next;
}

/** Pure: how many edits Save would send. */
export const countResultChanges = (edits: ResultEdits): number => Object.keys(edits.pending).length;

/** Pure: what Save sends: deletes first (a key they free can be taken by an update), then updates; `rows[i]` is edit i's row. */
export function buildResultEdits(edits: ResultEdits): { edits: TableEdit[]; rows: number[] } {
  const rows = Object.keys(edits.pending).map(Number).sort((a, b) => a - b);
  const deletes = rows.filter((row) => edits.pending[row]!.delete);
  const updates = rows.filter((row) => !edits.pending[row]!.delete);
  return {
    edits: [
      ...deletes.map((row): TableEdit => ({ kind: 'delete', key: { ...edits.pending[row]!.key } })),
      ...updates.map((row): TableEdit => ({ kind: 'update', key: { ...edits.pending[row]!.key }, set: { ...edits.pending[row]!.set } })),
    ],
    rows: [...deletes, ...updates],
  };
}

/** Pure: after a save, the pending changes become what the grid shows over the stored rows. */
export function afterResultSave(edits: ResultEdits): ResultEdits {
  const saved = { ...edits.saved };
  for (const [index, entry] of Object.entries(edits.pending)) {
    const row = Number(index);
    saved[row] = entry.delete ? { set: saved[row]?.set ?? {}, deleted: true } : { set: { ...saved[row]?.set, ...entry.set }, deleted: false };
  }
  return { pending: {}, saved };
}
