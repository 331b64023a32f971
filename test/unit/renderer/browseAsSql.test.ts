import { describe, expect, it } from 'vitest';
import { browseAsSql } from '../../../renderer/src/features/schema/browseAsSql';

describe('a table browser as SQL', () => {
  it('writes the table, filters and sort with the engine\'s quoting and literals', () => {
    expect(browseAsSql('postgres', { schema: 'app', name: 'odd"name' }, [
      { column: 'note', op: 'like', value: "%it's%" },
      { column: 'id', op: 'in', value: ['1', '2'] },
      { column: 'gone', op: 'is null' },
      { column: 'total', op: '>=', value: '10' },
    ], [{ column: 'id', direction: 'desc' }])).toBe([
      'SELECT *',
      'FROM "app"."odd""name"',
      `WHERE "note"::text LIKE '%it''s%'`,
      `  AND "id" IN ('1', '2')`,
      '  AND "gone" IS NULL',
      `  AND "total" >= '10'`,
      'ORDER BY "id" DESC',
    ].join('\n'));
    expect(browseAsSql('mysql', { schema: 'shop', name: 't' }, [{ column: 'path', op: '=', value: 'C:\\x' }], [])).toBe("SELECT *\nFROM `shop`.`t`\nWHERE `path` = 'C:\\\\x'");
    expect(browseAsSql('sqlserver', { schema: 'dbo', name: 't' }, [{ column: 'n', op: 'not like', value: 'a%' }], [])).toBe("SELECT *\nFROM [dbo].[t]\nWHERE CAST([n] AS NVARCHAR(MAX)) NOT LIKE N'a%'");
    expect(browseAsSql('sqlite', { schema: null, name: 't' }, [], [])).toBe('SELECT *\nFROM "t"');
  });
});
