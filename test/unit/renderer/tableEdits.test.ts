import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Cell, SchemaInfo, TableEditRequest } from '../../../shared/query';
import { tableEditability } from '../../../renderer/src/features/schema/tableEditability';
import {
  buildTableEdits, countChanges, duplicateValues, editValueOf, noEdits, pendingValue, rowKey, savedText, withCell, withDeleteToggled, withNewRow, type PendingEdits,
} from '../../../renderer/src/features/schema/tableEdits';
import { createSchemaSlice, type SchemaSlice, type SchemaState } from '../../../renderer/src/store/schemaSlice';
import { createTableEditSlice, type TableEditSlice } from '../../../renderer/src/store/tableEditSlice';
import type { SafetySlice } from '../../../renderer/src/store/safetySlice';
import { noSafeMode } from './noSafeMode';

const columns = ['id', 'name', 'active', 'photo'];
const rows: Cell[][] = [
  ['1', 'Ada', true, null],
  ['2', 'Grace', false, { kind: 'binary', hex: '00', length: 1, truncated: false }],
  ['3', null, null, null],
];

describe('building table edits', () => {
  it('keys updates by the row as read, sets only changed columns, and inserts only the columns set', () => {
    let pending = withCell(noEdits, rows[0]![1], { kind: 'page', index: 0 }, 'name', 'Ada L.');
    pending = withCell(pending, rows[0]![2], { kind: 'page', index: 0 }, 'active', 'false');
    // NULL set on a NULL cell is no change; the empty string is.
    pending = withCell(pending, rows[2]![1], { kind: 'page', index: 2 }, 'name', null);
    pending = withCell(pending, rows[2]![2], { kind: 'page', index: 2 }, 'active', '');
    pending = withNewRow(pending);
    pending = withCell(pending, undefined, { kind: 'new', index: 0 }, 'name', 'Linus');
    pending = withCell(pending, undefined, { kind: 'new', index: 0 }, 'photo', null);
    expect(buildTableEdits(columns, ['id'], rows, pending)).toEqual({
      edits: [
        { kind: 'update', key: { id: '1' }, set: { name: 'Ada L.', active: 'false' } },
        { kind: 'update', key: { id: '3' }, set: { active: '' } },
        { kind: 'insert', values: { name: 'Linus', photo: null } },
      ],
      rows: [{ kind: 'page', index: 0 }, { kind: 'page', index: 2 }, { kind: 'new', index: 0 }],
    });
  });

  it('deletes first, keyed like updates (booleans as text), then updates, then inserts; rows point back at each edit', () => {
    const keyed: Cell[][] = [[true, 'a', 'x'], [false, 'b', 'y'], [true, 'c', 'z']];
    let pending = withCell(noEdits, 'z', { kind: 'page', index: 2 }, 'v', 'z2');
    pending = withDeleteToggled(pending, { kind: 'page', index: 1 });
    pending = withNewRow(pending);
    expect(buildTableEdits(['flag', 'code', 'v'], ['flag', 'code'], keyed, pending)).toEqual({
      edits: [
        { kind: 'delete', key: { flag: 'false', code: 'b' } },
        { kind: 'update', key: { flag: 'true', code: 'c' }, set: { v: 'z2' } },
        { kind: 'insert', values: {} },
      ],
      rows: [{ kind: 'page', index: 1 }, { kind: 'page', index: 2 }, { kind: 'new', index: 0 }],
    });
  });

  it('only deletes a row that was both changed and deleted, and drops a new row that was deleted', () => {
    let pending = withCell(noEdits, 'Ada', { kind: 'page', index: 0 }, 'name', 'Changed');
    pending = withDeleteToggled(pending, { kind: 'page', index: 0 });
    pending = withNewRow(withNewRow(pending));
    pending = withCell(pending, undefined, { kind: 'new', index: 1 }, 'name', 'kept');
    pending = withDeleteToggled(pending, { kind: 'new', index: 0 });
    const built = buildTableEdits(columns, ['id'], rows, pending);
    expect(built.edits).toEqual([{ kind: 'delete', key: { id: '1' } }, { kind: 'insert', values: { name: 'kept' } }]);
    expect(built.rows).toEqual([{ kind: 'page', index: 0 }, { kind: 'new', index: 1 }]);
    expect(countChanges(pending)).toBe(2);
    // Deleting again takes the mark back: the change is an update again.
    const restored = withDeleteToggled(pending, { kind: 'page', index: 0 });
    expect(buildTableEdits(columns, ['id'], rows, restored).edits[0]).toEqual({ kind: 'update', key: { id: '1' }, set: { name: 'Changed' } });
  });

  it('refuses to key a row by a binary key cell rather than guess', () => {
    const pending = withDeleteToggled(noEdits, { kind: 'page', index: 1 });
    expect(() => buildTableEdits(columns, ['photo'], rows, pending)).toThrow(/row 2 has no usable primary key value/);
    expect(rowKey(columns, ['photo'], rows[1]!)).toBeNull();
    expect(rowKey(columns, ['id', 'active'], rows[1]!)).toEqual({ id: '2', active: 'false' });
  });
});

describe('pending changes', () => {
  it('takes a change back when the cell is set to the value it was read with, and counts rows, not cells', () => {
    const at = { kind: 'page', index: 0 } as const;
    let pending = withCell(noEdits, 'Ada', at, 'name', 'Ada L.');
    pending = withCell(pending, true, at, 'active', 'false');
    expect(countChanges(pending)).toBe(1);
    expect(pendingValue(pending, at, 'name')).toBe('Ada L.');
    pending = withCell(pending, 'Ada', at, 'name', 'Ada');
    expect(pendingValue(pending, at, 'name')).toBeUndefined();
    pending = withCell(pending, true, at, 'active', 'true');
    expect(pending.changed).toEqual({});
    expect(countChanges(pending)).toBe(0);
    // NULL is a value distinct from '' (and from "unchanged").
    const nulled = withCell(noEdits, '', at, 'name', null);
    expect(pendingValue(nulled, at, 'name')).toBeNull();
    expect(withCell(nulled, '', at, 'name', undefined)).toEqual(noEdits);
  });

  it('puts a new row\'s cell back to DEFAULT with undefined, and never touches the row it was given', () => {
    const start: PendingEdits = withNewRow(noEdits);
    const set = withCell(start, undefined, { kind: 'new', index: 0 }, 'name', 'x');
    expect(set.added).toEqual([{ values: { name: 'x' }, deleted: false }]);
    expect(start.added).toEqual([{ values: {}, deleted: false }]);
    expect(withCell(set, undefined, { kind: 'new', index: 0 }, 'name', undefined).added).toEqual([{ values: {}, deleted: false }]);
    expect(pendingValue(set, { kind: 'new', index: 0 }, 'toString')).toBeUndefined();
  });

  it('reads cells as the text an edit writes', () => {
    expect([editValueOf('x'), editValueOf(null), editValueOf(true), editValueOf(false)]).toEqual(['x', null, 'true', 'false']);
    expect(editValueOf({ kind: 'long', text: 'abc', length: 9 })).toBeUndefined();
    expect(savedText({ updated: 1, inserted: 2, deleted: 0 })).toBe('Saved: 1 updated, 2 inserted, 0 deleted.');
  });
});

describe('which tables can be edited', () => {
  const table = (name: string, kind: 'table' | 'view', keys: string[]) => ({
    schema: 'main', name, kind, estimatedRows: null, indexes: [], foreignKeys: [],
    columns: ['id', 'name'].map((column, ordinal) => ({ name: column, dataType: 'text', nullable: true, default: null, primaryKey: keys.includes(column), ordinal })),
  });
  const ready: SchemaState = {
    status: 'ready',
    info: { databases: [], currentDatabase: 'main', schemas: ['main'], tables: [table('t', 'table', ['id']), table('v', 'view', []), table('nokey', 'table', [])] } satisfies SchemaInfo,
  };

  it('needs a table with its primary key known and on the page', () => {
    expect(tableEditability(ready, { schema: 'main', name: 't' }, ['id', 'name'])).toEqual({ editable: true, keyColumns: ['id'] });
    expect(tableEditability(ready, { schema: 'main', name: 'v' }, ['id'])).toEqual({ editable: false, reason: 'views are read-only' });
    expect(tableEditability(ready, { schema: 'main', name: 'nokey' }, ['id'])).toEqual({ editable: false, reason: 'no primary key: read-only' });
    expect(tableEditability(ready, { schema: 'main', name: 't' }, ['name'])).toMatchObject({ editable: false });
    expect(tableEditability(ready, { schema: 'other', name: 't' }, ['id'])).toMatchObject({ editable: false });
    expect(tableEditability({ status: 'loading' }, { schema: 'main', name: 't' }, ['id'])).toMatchObject({ editable: false });
  });
});

describe('saving from the store', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  const setup = (answer: unknown, guard: SafetySlice['guardRun'] = noSafeMode.guardRun) => {
    const sent: TableEditRequest[] = [];
    let browses = 0;
    (globalThis as { burrow?: unknown }).burrow = {
      schema: {
        browse: async () => (browses++, { ok: true, value: { columns: [{ name: 'id', dataType: 'int', nullable: false }, { name: 'name', dataType: 'text', nullable: true }], rows: [['1', 'Ada'], ['2', 'Grace']], offset: 0, hasMore: false } }),
        edit: async (request: TableEditRequest) => (sent.push(request), answer),
      },
    };
    const store = create<SchemaSlice & TableEditSlice & SafetySlice>()((...args) => ({ ...noSafeMode, guardRun: guard, ...createSchemaSlice(...args), ...createTableEditSlice(...args) }));
    store.setState({
      schemas: {
        s: {
          status: 'ready',
          info: {
            databases: [], currentDatabase: 'main', schemas: [],
            tables: [{ schema: null, name: 't', kind: 'table', estimatedRows: null, indexes: [], foreignKeys: [], columns: [
              { name: 'id', dataType: 'int', nullable: false, default: null, primaryKey: true, ordinal: 0 },
              { name: 'name', dataType: 'text', nullable: true, default: null, primaryKey: false, ordinal: 1 },
            ] }],
          },
        },
      },
    });
    return { store, sent, browses: () => browses };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('sends the edits, clears them, says what was saved and reads the page again', async () => {
    const { store, sent, browses } = setup({ ok: true, value: { updated: 1, inserted: 1, deleted: 1 } });
    store.getState().openBrowser('b', 's', { schema: null, name: 't' });
    await settle();
    const s = store.getState();
    s.setCell('b', { kind: 'page', index: 0 }, 'name', 'Ada L.');
    s.toggleDelete('b', { kind: 'page', index: 1 });
    s.addRow('b');
    s.setCell('b', { kind: 'new', index: 0 }, 'name', 'Linus');
    expect(countChanges(store.getState().browsers.b!.pending)).toBe(3);
    await s.saveEdits('b');
    expect(sent).toEqual([{
      connectionId: 's', table: { schema: null, name: 't' },
      edits: [{ kind: 'delete', key: { id: '2' } }, { kind: 'update', key: { id: '1' }, set: { name: 'Ada L.' } }, { kind: 'insert', values: { name: 'Linus' } }],
    }]);
    const view = store.getState().browsers.b!;
    expect(view.pending).toEqual(noEdits);
    expect(view.saved).toBe('Saved: 1 updated, 1 inserted, 1 deleted.');
    expect(view.saveError).toBeNull();
    expect(browses()).toBe(2);
  });

  it('asks safe mode first, showing each change as SQL, and sends nothing when the user says no', async () => {
    const asked: string[][] = [];
    const { store, sent } = setup({ ok: true, value: { updated: 1, inserted: 0, deleted: 0 } }, async (_session, statements) => (asked.push(statements().map((s) => s.text)), false));
    store.getState().openBrowser('b', 's', { schema: null, name: 't' });
    await settle();
    store.getState().setCell('b', { kind: 'page', index: 0 }, 'name', 'Ada L.');
    await store.getState().saveEdits('b');
    expect(asked).toEqual([["UPDATE t SET name = 'Ada L.' WHERE id = '1'"]]);
    expect(sent).toEqual([]);
    expect(countChanges(store.getState().browsers.b!.pending)).toBe(1);
  });

  it('keeps the changes on failure and points at the row of the failing edit', async () => {
    const { store, browses } = setup({ ok: false, error: { code: 'QUERY_FAILED', message: 'UNIQUE constraint failed', detail: { editIndex: 1 } } });
    store.getState().openBrowser('b', 's', { schema: null, name: 't' });
    await settle();
    const s = store.getState();
    s.toggleDelete('b', { kind: 'page', index: 0 });
    s.setCell('b', { kind: 'page', index: 1 }, 'name', 'dup');
    const before = store.getState().browsers.b!.pending;
    await s.saveEdits('b');
    const view = store.getState().browsers.b!;
    expect(view.saveError).toEqual({ text: 'QUERY_FAILED: UNIQUE constraint failed', row: { kind: 'page', index: 1 } });
    expect(view.pending).toBe(before);
    expect(view.saving).toBe(false);
    expect(browses()).toBe(1);
    // A new page read drops them (the UI asks first).
    await s.browse('b', { offset: 0 });
    expect(store.getState().browsers.b!.pending).toEqual(noEdits);
  });
});

describe('duplicateValues', () => {
  const page = {
    columns: [{ name: 'id' }, { name: 'name' }, { name: 'raw' }, { name: 'note' }],
    rows: [['1', 'Ann', { kind: 'binary' as const, hex: '00', length: 1, truncated: false }, null]],
  };

  it('copies the row as it shows now (pending changes over what was read), leaving out the key and cells it cannot write back', () => {
    const pending = { ...noEdits, changed: { 0: { name: 'Anna' } } };
    expect(duplicateValues(pending, page, { kind: 'page', index: 0 }, ['id'])).toEqual({ name: 'Anna', note: null });
  });

  it('copies a new row\'s values without its key, and a duplicate lands as another new row', () => {
    const pending = withNewRow(noEdits, { id: '7', name: 'Bo' });
    expect(duplicateValues(pending, page, { kind: 'new', index: 0 }, ['id'])).toEqual({ name: 'Bo' });
    expect(withNewRow(pending, { name: 'Bo' }).added).toEqual([{ values: { id: '7', name: 'Bo' }, deleted: false }, { values: { name: 'Bo' }, deleted: false }]);
  });
});
