import type { Cell, TableEdit } from '../../../../shared/query';

/** A value to write: text the server converts to the column's type, or null for SQL NULL. */
export type EditValue = string | null;

/** A row in a table browser: one of the page's rows as read, or a row added since. */
export type RowRef = { kind: 'page' | 'new'; index: number };

/** A row added in the browser; a column it leaves out gets the column's default. */
export interface NewRow {
  values: Record<string, EditValue>;
  deleted: boolean;
}

/** Changes not saved yet, against the page as it was read. */
export interface PendingEdits {
  /** Page row index → column → its new value. */
  changed: Record<number, Record<string, EditValue>>;
  /** Page row indices marked for deletion. */
  deleted: number[];
  added: NewRow[];
}

export const noEdits: PendingEdits = { changed: {}, deleted: [], added: [] };

/** Pure: a cell as the text an edit writes; undefined for a cell that cannot be written back whole (binary, cut text). */
export function editValueOf(cell: Cell | undefined): EditValue | undefined {
  if (cell === null || typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return undefined;
}

/** Pure: the row's primary key as read; null when a key cell is binary or cut (the row cannot be found by it). */
export function rowKey(columns: readonly string[], keyColumns: readonly string[], row: readonly Cell[]): Record<string, EditValue> | null {
  const key: Record<string, EditValue> = {};
  for (const column of keyColumns) {
    const value = editValueOf(row[columns.indexOf(column)]);
    if (value === undefined) return null;
    key[column] = value;
  }
  return key;
}

/** Pure: the pending value of a cell, or undefined when it is unchanged (page row) or DEFAULT (new row). */
export function pendingValue(pending: PendingEdits, row: RowRef, column: string): EditValue | undefined {
  const values = row.kind === 'page' ? pending.changed[row.index] : pending.added[row.index]?.values;
  return values && Object.hasOwn(values, column) ? values[column] : undefined;
}

export const isDeleted = (pending: PendingEdits, row: RowRef): boolean =>
  row.kind === 'page' ? pending.deleted.includes(row.index) : (pending.added[row.index]?.deleted ?? false);

/**
 * Pure: `pending` with a cell set to `value`. Undefined, or the value the page row was read with,
 * takes the change back; on a new row undefined means DEFAULT again.
 */
export function withCell(pending: PendingEdits, read: Cell | undefined, row: RowRef, column: string, value: EditValue | undefined): PendingEdits {
  if (row.kind === 'new') {
    const target = pending.added[row.index];
    if (!target) return pending;
    const { [column]: _old, ...rest } = target.values;
    const values = value === undefined ? rest : { ...target.values, [column]: value };
    return { ...pending, added: pending.added.map((r, i) => (i === row.index ? { ...r, values } : r)) };
  }
  const { [column]: _old, ...others } = pending.changed[row.index] ?? {};
  const cells = value === undefined || value === editValueOf(read) ? others : { ...others, [column]: value };
  const { [row.index]: _row, ...changed } = pending.changed;
  return { ...pending, changed: Object.keys(cells).length > 0 ? { ...changed, [row.index]: cells } : changed };
}

/** Pure: `pending` with the row marked for deletion, or unmarked if it was. */
export function withDeleteToggled(pending: PendingEdits, row: RowRef): PendingEdits {
  if (row.kind === 'new') return { ...pending, added: pending.added.map((r, i) => (i === row.index ? { ...r, deleted: !r.deleted } : r)) };
  const deleted = pending.deleted.includes(row.index) ? pending.deleted.filter((i) => i !== row.index) : [...pending.deleted, row.index];
  return { ...pending, deleted };
}

export const withNewRow = (pending: PendingEdits, values: Record<string, EditValue> = {}): PendingEdits => ({ ...pending, added: [...pending.added, { values, deleted: false }] });

/**
 * Pure: the values a duplicate of `row` starts with: each column as the row shows it now (its
 * pending change, else as read), except the key columns, which a new row must not repeat (they
 * get their default, such as a sequence, or the user types them), and cells that cannot be written
 * back whole (binary, cut), which get their default too.
 */
export function duplicateValues(pending: PendingEdits, page: { columns: readonly { name: string }[]; rows: readonly (readonly Cell[])[] }, row: RowRef, keyColumns: readonly string[]): Record<string, EditValue> {
  const skip = new Set(keyColumns);
  if (row.kind === 'new') {
    const source = pending.added[row.index]?.values ?? {};
    return Object.fromEntries(Object.entries(source).filter(([column]) => !skip.has(column)));
  }
  const cells = page.rows[row.index];
  if (!cells) return {};
  const changed = pending.changed[row.index] ?? {};
  const values: Record<string, EditValue> = {};
  page.columns.forEach(({ name }, index) => {
    if (skip.has(name)) return;
    const value = Object.hasOwn(changed, name) ? changed[name] : editValueOf(cells[index]);
    if (value !== undefined) values[name] = value;
  });
  return values;
}

export interface BuiltEdits {
  edits: TableEdit[];
  /** The row each edit came from, so a failure at `detail.editIndex` can point at it. */
  rows: RowRef[];
}

/**
 * Pure: what Save sends. Deletes come first and inserts last, so a key or unique value freed by a
 * deleted row, or moved away by an update, can be taken by a later edit in the same save. A row
 * both changed and deleted is only deleted; a new row deleted is left out.
 */
export function buildTableEdits(columns: readonly string[], keyColumns: readonly string[], rows: readonly (readonly Cell[])[], pending: PendingEdits): BuiltEdits {
  const built: BuiltEdits = { edits: [], rows: [] };
  const keyOf = (index: number): Record<string, EditValue> => {
    const key = rowKey(columns, keyColumns, rows[index] ?? []);
    if (!key) throw new Error(`row ${index + 1} has no usable primary key value`);
    return key;
  };
  for (const index of [...pending.deleted].sort((a, b) => a - b)) {
    built.edits.push({ kind: 'delete', key: keyOf(index) });
    built.rows.push({ kind: 'page', index });
  }
  const changedRows = Object.keys(pending.changed).map(Number).sort((a, b) => a - b);
  for (const index of changedRows) {
    const set = pending.changed[index]!;
    if (pending.deleted.includes(index) || Object.keys(set).length === 0) continue;
    built.edits.push({ kind: 'update', key: keyOf(index), set: { ...set } });
    built.rows.push({ kind: 'page', index });
  }
  pending.added.forEach((row, index) => {
    if (row.deleted) return;
    built.edits.push({ kind: 'insert', values: { ...row.values } });
    built.rows.push({ kind: 'new', index });
  });
  return built;
}

/** Pure: how many edits Save would send. */
export function countChanges(pending: PendingEdits): number {
  const updates = Object.entries(pending.changed).filter(([index, set]) => !pending.deleted.includes(Number(index)) && Object.keys(set).length > 0).length;
  return pending.deleted.length + updates + pending.added.filter((row) => !row.deleted).length;
}

/** Pure: the status line after a save. */
export const savedText = (result: { updated: number; inserted: number; deleted: number }): string =>
  `Saved: ${result.updated} updated, ${result.inserted} inserted, ${result.deleted} deleted.`;
