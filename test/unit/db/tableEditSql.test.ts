import { describe, expect, it } from 'vitest';
import { buildEditStatement, transactionSql } from '../../../electron/core/db/edit/tableEditSql';

const items = { schema: 'app', name: 'items' };

describe('table edit statements', () => {
  it('updates by key with every value a parameter, in each engine\'s placeholders and quotes', () => {
    const update = { kind: 'update' as const, key: { id: '7', region: 'eu' }, set: { name: 'x', note: null } };
    expect(buildEditStatement('postgres', items, update)).toEqual({
      sql: 'UPDATE "app"."items" SET "name" = $1, "note" = $2 WHERE "id" = $3 AND "region" = $4',
      params: ['x', null, '7', 'eu'],
    });
    expect(buildEditStatement('sqlserver', items, update).sql).toBe('UPDATE [app].[items] SET [name] = @p1, [note] = @p2 WHERE [id] = @p3 AND [region] = @p4');
    expect(buildEditStatement('mariadb', { schema: null, name: 'it`ems' }, update).sql).toBe('UPDATE `it``ems` SET `name` = ?, `note` = ? WHERE `id` = ? AND `region` = ?');
  });

  it('matches a NULL key part with IS NULL, since = NULL matches nothing', () => {
    expect(buildEditStatement('sqlite', items, { kind: 'delete', key: { a: null, b: '2' } })).toEqual({ sql: 'DELETE FROM "app"."items" WHERE "a" IS NULL AND "b" = ?', params: ['2'] });
  });

  it('inserts only the columns given, or a row of defaults in the engine\'s own words', () => {
    expect(buildEditStatement('postgres', items, { kind: 'insert', values: { 'we"ird': 'v', n: null } })).toEqual({ sql: 'INSERT INTO "app"."items" ("we""ird", "n") VALUES ($1, $2)', params: ['v', null] });
    expect(buildEditStatement('postgres', items, { kind: 'insert', values: {} }).sql).toBe('INSERT INTO "app"."items" DEFAULT VALUES');
    expect(buildEditStatement('mysql', items, { kind: 'insert', values: {} }).sql).toBe('INSERT INTO `app`.`items` () VALUES ()');
  });

  it('opens transactions as each engine spells it', () => {
    expect(['postgres', 'mysql', 'sqlserver', 'sqlite'].map((engine) => transactionSql(engine as 'postgres').begin)).toEqual(['BEGIN', 'START TRANSACTION', 'BEGIN TRANSACTION', 'BEGIN']);
  });
});
