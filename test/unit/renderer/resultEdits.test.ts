import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Cell, ColumnMeta, ResultSummary, SchemaInfo, TableEditRequest } from '../../../shared/query';
import { resultEditability, type ResultTarget } from '../../../renderer/src/features/query/resultEditability';
import {
  afterResultSave, buildResultEdits, countResultChanges, currentKey, editedValue, noResultEdits, withResultCell, withResultDeleteToggled,
} from '../../../renderer/src/features/query/resultEdits';
import { createResultEditSlice, type ResultEditSlice } from '../../../renderer/src/store/resultEditSlice';
import type { SchemaState } from '../../../renderer/src/store/schemaSlice';
import type { SafetySlice } from '../../../renderer/src/store/safetySlice';
import type { SessionsSlice } from '../../../renderer/src/store/sessionsSlice';
import type { WorkspaceSlice } from '../../../renderer/src/store/workspaceSlice';
import { noSafeMode } from './noSafeMode';

const table = (schema: string, name: string, kind: 'table' | 'view', columns: string[], keys: string[]) => ({
  schema, name, kind, estimatedRows: null, indexes: [], foreignKeys: [],
  columns: columns.map((column, ordinal) => ({ name: column, dataType: 'text', nullable: true, default: null, primaryKey: keys.includes(column), ordinal })),
});
const ready: SchemaState = {
  status: 'ready',
  info: {
    databases: [], currentDatabase: 'shop', schemas: ['shop'],
    tables: [
      table('shop', 'orders', 'table', ['id', 'total', 'note'], ['id']),
      table('shop', 'lines', 'table', ['order_id', 'n', 'qty'], ['order_id', 'n']),
      table('shop', 'big_orders', 'view', ['id', 'total'], []),
      table('shop', 'log', 'table', ['at', 'text'], []),
      table('shop', 'Mixed', 'table', ['id'], ['id']),
    ],
  } satisfies SchemaInfo,
};
const col = (name: string, origin?: [string, string, string]): ColumnMeta => ({
  name, dataType: 'text', nullable: true, ...(origin ? { origin: { schema: origin[0], table: origin[1], column: origin[2] } } : {}),
});

const from = (table: string) => ({ sql: `SELECT * FROM ${table} WHERE true`, dialect: 'postgres' as const });

describe('which query results can be edited', () => {
  it('a result of one table with its whole primary key is editable; expressions and aliases map to what they read', () => {
    const columns = [col('total_eur', ['shop', 'orders', 'total']), col('id', ['shop', 'orders', 'id']), col('doubled')];
    expect(resultEditability(ready, columns, true, from('shop.orders'))).toEqual({
      editable: true, table: { schema: 'shop', name: 'orders' }, keyColumns: ['id'], writes: ['total', 'id', null],
    });
  });

  it('says why the others are read-only', () => {
    expect(resultEditability(ready, [col('one')], true, { sql: 'SELECT 1 AS one', dialect: 'postgres' })).toEqual({ editable: false, reason: 'not read from a table' });
    expect(resultEditability(ready, [col('id', ['shop', 'orders', 'id'])], false, from('shop.orders'))).toEqual({ editable: false, reason: 'still loading' });
    expect(resultEditability(ready, [col('id', ['shop', 'orders', 'id']), col('qty', ['shop', 'lines', 'qty'])], true, from('shop.orders, shop.lines')))
      .toEqual({ editable: false, reason: 'columns from 2 tables (shop.orders, shop.lines)' });
    expect(resultEditability(ready, [col('id', ['shop', 'big_orders', 'id'])], true, from('shop.big_orders'))).toEqual({ editable: false, reason: 'shop.big_orders is a view' });
    expect(resultEditability(ready, [col('at', ['shop', 'log', 'at'])], true, from('shop.log'))).toEqual({ editable: false, reason: 'shop.log has no primary key' });
    expect(resultEditability(ready, [col('n', ['shop', 'lines', 'n']), col('qty', ['shop', 'lines', 'qty'])], true, from('shop.lines')))
      .toEqual({ editable: false, reason: 'the primary key (order_id) is not in the result' });
    expect(resultEditability(ready, [col('id', ['pg_temp_3', 't', 'id'])], true, from('t'))).toEqual({ editable: false, reason: 'pg_temp_3.t is not in the loaded schema' });
    expect(resultEditability({ status: 'loading' }, [col('id', ['shop', 'orders', 'id'])], true, from('shop.orders'))).toMatchObject({ editable: false });
    expect(resultEditability(undefined, [col('id', ['shop', 'orders', 'id'])], true, from('shop.orders'))).toMatchObject({ editable: false });
  });

  it('a self-join, a CTE or a subquery can pair one row\'s key with another row\'s values: read-only', () => {
    const columns = [col('id', ['shop', 'orders', 'id']), col('note', ['shop', 'orders', 'note'])];
    for (const sql of [
      'SELECT a.id, b.note FROM shop.orders a JOIN shop.orders b ON b.id = a.id + 1',
      'WITH o AS (SELECT * FROM shop.orders) SELECT a.id, b.note FROM o a, o b',
      'SELECT id, (SELECT note FROM shop.orders p WHERE p.id = o.id + 1) AS note FROM shop.orders o',
    ]) {
      expect(resultEditability(ready, columns, true, { sql, dialect: 'postgres' })).toEqual({
        editable: false, reason: 'only a plain SELECT … FROM shop.orders can be edited (no join, CTE or subquery)',
      });
    }
    expect(resultEditability(ready, columns, true, null)).toMatchObject({ editable: false });
  });

  it('finds a table named in another case (MySQL on a case-insensitive file system)', () => {
    expect(resultEditability(ready, [col('id', ['SHOP', 'mixed', 'id'])], true, { sql: 'SELECT id FROM mixed', dialect: 'mysql' })).toMatchObject({ editable: true, table: { schema: 'shop', name: 'Mixed' } });
  });
});

const target: ResultTarget = { table: { schema: 'shop', name: 'lines' }, keyColumns: ['order_id', 'n'], writes: ['order_id', 'n', 'qty', null] };
const rows: Cell[][] = [
  ['1', '1', '5', 'x'],
  ['1', '2', null, 'y'],
  [{ kind: 'long', text: '12', length: 9000 }, '3', '7', 'z'],
];

describe('editing a result', () => {
  it('keys each change by the row as read, takes a change back when set to the value read, and sends deletes first', () => {
    let edits = withResultCell(noResultEdits, target, 0, rows[0]!, 'qty', '6');
    edits = withResultCell(edits, target, 1, rows[1]!, 'qty', null); // NULL over NULL: no change
    edits = withResultCell(edits, target, 1, rows[1]!, 'qty', '');
    edits = withResultCell(edits, target, 1, rows[1]!, 'qty', null); // back to what was read
    edits = withResultDeleteToggled(edits, target, [{ index: 1, cells: rows[1]! }]);
    expect(countResultChanges(edits)).toBe(2);
    expect(editedValue(edits, 0, 'qty')).toBe('6');
    expect(editedValue(edits, 0, null)).toBeUndefined();
    expect(buildResultEdits(edits)).toEqual({
      edits: [{ kind: 'delete', key: { order_id: '1', n: '2' } }, { kind: 'update', key: { order_id: '1', n: '1' }, set: { qty: '6' } }],
      rows: [1, 0],
    });
  });

  it('leaves rows whose key cannot be read back whole alone', () => {
    expect(currentKey(target, noResultEdits, 2, rows[2]!)).toBeNull();
    expect(withResultCell(noResultEdits, target, 2, rows[2]!, 'qty', '8')).toBe(noResultEdits);
    expect(withResultDeleteToggled(noResultEdits, target, [{ index: 2, cells: rows[2]! }])).toEqual(noResultEdits);
  });

  it('toggles a selection: marks all unless all were marked', () => {
    const all = [{ index: 0, cells: rows[0]! }, { index: 1, cells: rows[1]! }];
    const one = withResultDeleteToggled(noResultEdits, target, [all[0]!]);
    const both = withResultDeleteToggled(one, target, all);
    expect(Object.values(both.pending).map((p) => p.delete)).toEqual([true, true]);
    expect(withResultDeleteToggled(both, target, all).pending).toEqual({});
  });

  it('after a save shows the saved values over the stored rows, and keys the next change by the new key', () => {
    let edits = withResultCell(noResultEdits, target, 0, rows[0]!, 'n', '10');
    edits = withResultDeleteToggled(edits, target, [{ index: 1, cells: rows[1]! }]);
    edits = afterResultSave(edits);
    expect(edits.pending).toEqual({});
    expect(editedValue(edits, 0, 'n')).toBe('10');
    expect(edits.saved[1]).toEqual({ set: {}, deleted: true });
    // A deleted row takes no more changes.
    expect(withResultCell(edits, target, 1, rows[1]!, 'qty', '1')).toBe(edits);
    const next = withResultCell(edits, target, 0, rows[0]!, 'qty', '9');
    expect(buildResultEdits(next).edits).toEqual([{ kind: 'update', key: { order_id: '1', n: '10' }, set: { qty: '9' } }]);
    // Setting a saved cell back to its saved value is no change.
    expect(withResultCell(edits, target, 0, rows[0]!, 'n', '10').pending).toEqual({});
  });
});

describe('saving result edits from the store', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });
  const result: ResultSummary = {
    resultId: 'r1', index: 0, kind: 'rows', rowCount: 2, complete: true, limited: false, budgetExceeded: false, command: 'SELECT', rowsAffected: null, storedBytes: 10,
    columns: [col('id', ['shop', 'orders', 'id']), col('total', ['shop', 'orders', 'total'])],
  };
  const setup = (answer: unknown, guard: SafetySlice['guardRun'] = noSafeMode.guardRun) => {
    const sent: TableEditRequest[] = [];
    (globalThis as { burrow?: unknown }).burrow = { schema: { edit: async (request: TableEditRequest) => (sent.push(request), answer) } };
    const store = create<ResultEditSlice & SafetySlice & Pick<WorkspaceSlice, 'tabs'> & Pick<SessionsSlice, 'sessions'> & { schemas: Record<string, SchemaState> }>()((...args) => ({
      ...noSafeMode, guardRun: guard, tabs: [], schemas: {}, sessions: {}, ...createResultEditSlice(...(args as unknown as Parameters<typeof createResultEditSlice>)),
    }));
    store.setState({
      schemas: { s: ready },
      sessions: { s: { engine: 'postgres' } } as never,
      tabs: [{ id: 't', sessionId: 's', title: 'Q', sql: '', ranSql: 'SELECT id, total FROM shop.orders ORDER BY id', resultIndex: 0, error: null, run: { runId: 'run', connectionId: 's', state: 'done', results: [result], error: null, elapsedMs: 1, changesSchema: false } }],
    });
    return { store, sent };
  };

  it('sends the changes to the result\'s table in one request, then shows them as saved', async () => {
    const { store, sent } = setup({ ok: true, value: { updated: 1, inserted: 0, deleted: 1 } });
    const s = store.getState();
    s.setResultCell('t', 'r1', 0, ['1', '5.00'], 'total', '6.50');
    s.toggleResultDelete('t', 'r1', [{ index: 1, cells: ['2', '7.00'] }]);
    await s.saveResultEdits('t', 'r1');
    expect(sent).toEqual([{
      connectionId: 's', table: { schema: 'shop', name: 'orders' },
      edits: [{ kind: 'delete', key: { id: '2' } }, { kind: 'update', key: { id: '1' }, set: { total: '6.50' } }],
    }]);
    const state = store.getState().resultEdits.r1!;
    expect(state.status).toBe('Saved: 1 updated, 0 inserted, 1 deleted.');
    expect(state.edits.pending).toEqual({});
    expect(editedValue(state.edits, 0, 'total')).toBe('6.50');
    expect(state.edits.saved[1]?.deleted).toBe(true);
  });

  it('keeps the changes on failure and points at the failing row; safe mode saying no sends nothing', async () => {
    const failing = setup({ ok: false, error: { code: 'CONFLICT', message: 'row 1 changed', detail: { editIndex: 0 } } });
    failing.store.getState().setResultCell('t', 'r1', 1, ['2', '7.00'], 'total', '1');
    await failing.store.getState().saveResultEdits('t', 'r1');
    expect(failing.store.getState().resultEdits.r1).toMatchObject({ saving: false, error: { text: 'CONFLICT: row 1 changed', row: 1 } });
    expect(countResultChanges(failing.store.getState().resultEdits.r1!.edits)).toBe(1);

    const refused = setup({ ok: true, value: { updated: 1, inserted: 0, deleted: 0 } }, async () => false);
    refused.store.getState().setResultCell('t', 'r1', 0, ['1', '5.00'], 'total', '2');
    await refused.store.getState().saveResultEdits('t', 'r1');
    expect(refused.sent).toEqual([]);
    expect(countResultChanges(refused.store.getState().resultEdits.r1!.edits)).toBe(1);
  });

  it('takes no changes for a result that is not editable, and forgets edits of results that go away', () => {
    const { store } = setup({ ok: true, value: {} });
    store.getState().setResultCell('t', 'other', 0, ['1'], 'total', '2');
    expect(store.getState().resultEdits.other).toBeUndefined();
    store.getState().setResultCell('t', 'r1', 0, ['1', '5.00'], 'total', '2');
    store.getState().dropResultEdits(['r1']);
    expect(store.getState().resultEdits).toEqual({});
  });
});
