import { describe, expect, it } from 'vitest';
import { readsTableRowByRow, singleTableOf } from '../../../shared/sql/singleTableSelect';

describe('plain SELECTs from one table', () => {
  it('names the table of SELECT … FROM one table, with or without schema, alias, clauses, quoting', () => {
    expect(singleTableOf('SELECT * FROM orders', 'postgres')).toEqual({ schema: null, name: 'orders' });
    expect(singleTableOf('select id, total * 2 from shop.orders as o where o.id in (select order_id from lines) order by id limit 5;', 'postgres'))
      .toEqual({ schema: 'shop', name: 'orders' });
    expect(singleTableOf('SELECT "Id" FROM "My Schema"."Odd ""Name""" x FOR UPDATE', 'postgres')).toEqual({ schema: 'My Schema', name: 'Odd "Name"' });
    expect(singleTableOf('SELECT `id` FROM `shop`.`orders` GROUP BY id -- FROM other JOIN x\n', 'mysql')).toEqual({ schema: 'shop', name: 'orders' });
    expect(singleTableOf("SELECT 'FROM a, b' AS s, id FROM [main].t", 'sqlite')).toEqual({ schema: 'main', name: 't' });
    expect(singleTableOf('SELECT * FROM ONLY orders WHERE id = 1', 'postgres')).toEqual({ schema: null, name: 'orders' });
  });

  it('is null for joins, lists, set operations, CTEs, subqueries and non-SELECTs', () => {
    for (const sql of [
      'SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id',
      'SELECT * FROM orders, customers',
      'SELECT * FROM orders NATURAL JOIN lines',
      'SELECT id FROM orders UNION SELECT id FROM old_orders',
      'WITH o AS (SELECT * FROM orders) SELECT * FROM o',
      'SELECT * FROM (SELECT * FROM orders) s',
      'SELECT id, (SELECT max(n) FROM orders o2 WHERE o2.id < o.id) FROM orders o',
      'SELECT * FROM generate_series(1, 3)',
      'SELECT * FROM orders TABLESAMPLE SYSTEM (10)',
      'SELECT 1',
      'UPDATE orders SET total = 1',
      'TABLE orders',
    ]) expect(singleTableOf(sql, 'postgres'), sql).toBeNull();
  });

  it('a run reads a table row by row when a plain SELECT reads it and nothing else reads it otherwise', () => {
    const orders = { schema: 'shop', table: 'orders' };
    expect(readsTableRowByRow('UPDATE orders SET note = 1; SELECT * FROM orders', 'postgres', orders)).toBe(true);
    expect(readsTableRowByRow('SELECT * FROM Shop.Orders', 'mysql', orders)).toBe(true);
    expect(readsTableRowByRow('SELECT * FROM other.orders', 'postgres', orders)).toBe(false);
    expect(readsTableRowByRow('SELECT * FROM orders; SELECT a.id FROM orders a JOIN orders b ON true', 'postgres', orders)).toBe(false);
    expect(readsTableRowByRow('SELECT * FROM customers', 'postgres', orders)).toBe(false);
  });
});
