import { describe, expect, it } from 'vitest';
import type { SchemaInfo } from '../../../shared/query';
import { foreignKeyLinks, tableForeignKeys } from '../../../renderer/src/features/schema/foreignKeyLinks';

const table = (name: string, foreignKeys: SchemaInfo['tables'][number]['foreignKeys'], schema: string | null = 'app') => ({
  schema, name, kind: 'table' as const, estimatedRows: null, columns: [], indexes: [], foreignKeys,
});
const info: SchemaInfo = {
  databases: [], currentDatabase: 'db', schemas: ['app', 'audit'],
  tables: [
    table('customers', []),
    table('orders', [{ name: 'orders_customer', columns: ['customer_id'], referencedSchema: null, referencedTable: 'customers', referencedColumns: ['id'] }]),
    table('lines', [{ name: 'lines_order', columns: ['region', 'order_no'], referencedSchema: 'app', referencedTable: 'regional_orders', referencedColumns: ['region', 'no'] }]),
    table('employees', [{ name: 'employees_boss', columns: ['boss_id'], referencedSchema: 'app', referencedTable: 'employees', referencedColumns: ['id'] }]),
    table('customers', [], 'audit'),
    table('events', [{ name: 'events_customer', columns: ['who'], referencedSchema: 'app', referencedTable: 'customers', referencedColumns: ['id'] }], 'audit'),
  ],
};

describe('following foreign keys from a browsed cell', () => {
  it('links a key cell to the row it references, with a schema-less reference in the table\'s own schema', () => {
    const orders = { schema: 'app', name: 'orders' };
    const links = foreignKeyLinks(tableForeignKeys(info, orders), orders, ['id', 'customer_id'], ['10', '7'], 'customer_id');
    expect(links.references).toEqual([{ label: 'customers where id = 7', table: { schema: 'app', name: 'customers' }, filters: [{ column: 'id', op: '=', value: '7' }] }]);
    expect(foreignKeyLinks(tableForeignKeys(info, orders), orders, ['id', 'customer_id'], ['10', '7'], 'id').references).toEqual([]);
    // A NULL key references nothing.
    expect(foreignKeyLinks(tableForeignKeys(info, orders), orders, ['id', 'customer_id'], ['10', null], 'customer_id').references).toEqual([]);
  });

  it('a composite key needs every part on the row, and filters on each', () => {
    const lines = { schema: 'app', name: 'lines' };
    const keys = tableForeignKeys(info, lines);
    expect(foreignKeyLinks(keys, lines, ['region', 'order_no'], ['eu', '5'], 'order_no').references[0]?.filters).toEqual([
      { column: 'region', op: '=', value: 'eu' }, { column: 'no', op: '=', value: '5' },
    ]);
    expect(foreignKeyLinks(keys, lines, ['order_no'], ['5'], 'order_no').references).toEqual([]);
  });

  it('lists the rows that reference this one, across schemas, and a self-reference both ways', () => {
    const customers = { schema: 'app', name: 'customers' };
    expect(foreignKeyLinks(tableForeignKeys(info, customers), customers, ['id', 'name'], ['7', 'Ada'], 'id').referencedBy.map((l) => [l.table, l.label])).toEqual([
      [{ schema: 'app', name: 'orders' }, 'orders where customer_id = 7'],
      [{ schema: 'audit', name: 'events' }, 'events where who = 7'],
    ]);
    expect(tableForeignKeys(info, { schema: 'audit', name: 'customers' }).incoming).toEqual([]);
    const employees = { schema: 'app', name: 'employees' };
    const both = foreignKeyLinks(tableForeignKeys(info, employees), employees, ['id', 'boss_id'], ['3', '1'], 'boss_id');
    expect(both.references.map((l) => l.label)).toEqual(['employees where id = 1']);
    expect(foreignKeyLinks(tableForeignKeys(info, employees), employees, ['id', 'boss_id'], ['3', '1'], 'id').referencedBy.map((l) => l.label)).toEqual(['employees where boss_id = 3']);
  });
});
