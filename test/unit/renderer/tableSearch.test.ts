import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/query';
import { searchTables } from '../../../renderer/src/features/schema/tableSearch';

const table = (schema: string | null, name: string): TableInfo => ({ schema, name, kind: 'table', estimatedRows: null, columns: [], indexes: [], foreignKeys: [] });
const tables = [table('app', 'order_items'), table('app', 'orders'), table('app', 'customer_orders'), table('audit', 'orders'), table('app', 'users')];
const found = (typed: string) => searchTables(tables, typed).map((t) => `${t.schema}.${t.name}`);

describe('finding a table by what was typed', () => {
  it('ranks exact, then prefix, then substring, then letters in order; case is ignored', () => {
    // order_items holds o-r-d-e-r-s in order, so it comes last.
    expect(found('ORDERS')).toEqual(['app.orders', 'audit.orders', 'app.customer_orders', 'app.order_items']);
    expect(found('ord')).toEqual(['app.orders', 'audit.orders', 'app.order_items', 'app.customer_orders']);
    expect(found('oitm')).toEqual(['app.order_items']);
    expect(found('zzz')).toEqual([]);
  });

  it('narrows to a schema with schema.name, and lists everything for nothing typed', () => {
    expect(found('audit.ord')).toEqual(['audit.orders']);
    expect(found('audit.')).toEqual(['audit.orders']);
    expect(found('')).toHaveLength(5);
    expect(searchTables(tables, '', 2)).toHaveLength(2);
  });
});
