import { describe, expect, it } from 'vitest';
import { tableChangeSql } from '../../../shared/sql/tableChanges';

const table = { schema: 'sales', name: 'Order "items"' };

describe('tableChangeSql', () => {
  it('drops a table or a view with the engine\'s quoting, CASCADE only where PostgreSQL has it', () => {
    expect(tableChangeSql('postgres', 'drop', { table, kind: 'table', cascade: true })).toBe('DROP TABLE "sales"."Order ""items""" CASCADE');
    expect(tableChangeSql('postgres', 'drop', { table, kind: 'view', cascade: false })).toBe('DROP VIEW "sales"."Order ""items"""');
    expect(tableChangeSql('mariadb', 'drop', { table: { schema: 'shop', name: 'a`b' }, kind: 'table', cascade: true })).toBe('DROP TABLE `shop`.`a``b`');
    expect(tableChangeSql('sqlserver', 'drop', { table: { schema: 'dbo', name: 'x]y' }, kind: 'table', cascade: false })).toBe('DROP TABLE [dbo].[x]]y]');
  });

  it('empties a table with TRUNCATE, or DELETE on SQLite, and refuses to empty a view', () => {
    expect(tableChangeSql('postgres', 'truncate', { table, kind: 'table', cascade: true })).toBe('TRUNCATE TABLE "sales"."Order ""items""" CASCADE');
    expect(tableChangeSql('mysql', 'truncate', { table: { schema: null, name: 't' }, kind: 'table', cascade: true })).toBe('TRUNCATE TABLE `t`');
    expect(tableChangeSql('sqlite', 'truncate', { table: { schema: 'main', name: 't' }, kind: 'table', cascade: false })).toBe('DELETE FROM "main"."t"');
    expect(() => tableChangeSql('postgres', 'truncate', { table, kind: 'view', cascade: false })).toThrow(/view/);
  });
});
