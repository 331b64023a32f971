import { describe, expect, it } from 'vitest';
import { buildBrowseQuery, buildCountQuery } from '../../../electron/core/db/browse/browseQuery';
import { quoteIdentifier } from '../../../shared/sql/dialect';
import { firstKeyword, splitStatements } from '../../../shared/sql/splitStatements';
import { tlsConnectionOptions } from '../../../electron/core/db/tls/tlsOptions';
import { describeGreeting } from '../../../electron/core/db/transport/serverSocket';

describe('splitStatements', () => {
  it('splits PostgreSQL at top-level semicolons only, keeping offsets', () => {
    const sql = "SELECT ';', \"a;b\", $$x;y$$, $t$ ; $t$, E'\\';' /* ; /* nested ; */ */ ; -- c;\nINSERT INTO t VALUES (1);;  ";
    const statements = splitStatements(sql, 'postgres');
    expect(statements.map((s) => s.text)).toEqual(["SELECT ';', \"a;b\", $$x;y$$, $t$ ; $t$, E'\\';' /* ; /* nested ; */ */", 'INSERT INTO t VALUES (1)']);
    expect(statements[1]?.start).toBe(sql.indexOf('INSERT'));
  });

  it('drops comment-only statements and keeps SQLite trigger bodies whole', () => {
    expect(splitStatements('-- nothing\n/* here */ ;', 'postgres')).toEqual([]);
    const trigger = 'CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE x SET a = CASE WHEN 1 THEN 2 END; DELETE FROM y; END';
    expect(splitStatements(`${trigger}; SELECT [a;b], \`c;d\` FROM x`, 'sqlite').map((s) => s.text)).toEqual([trigger, 'SELECT [a;b], `c;d` FROM x']);
  });

  it('splits MySQL with backslash escapes, backticks and # comments, and says where each statement\'s separator ended', () => {
    const sql = "SELECT 'a\\';b', \"c\\\";d\", `e;f` # g;h\n;  SELECT 1--1;\n-- x;\nDO 2";
    const statements = splitStatements(sql, 'mysql');
    expect(statements.map((s) => s.text)).toEqual(["SELECT 'a\\';b', \"c\\\";d\", `e;f` # g;h", 'SELECT 1--1', 'DO 2']);
    expect(statements.map((s) => s.afterSeparator)).toEqual([0, sql.indexOf(';  SELECT') + 1, sql.indexOf(';\n-- x') + 1]);
    expect(statements[2]?.start).toBe(sql.indexOf('DO 2'));
    // Every segment between semicolons, when asked: an empty one starts where its separator ended.
    expect(splitStatements('SELECT 1; ;-- c\n;SELECT 2;', 'mysql', { keepEmpty: true }).map((s) => [s.text, s.afterSeparator])).toEqual([['SELECT 1', 0], ['', 9], ['', 11], ['SELECT 2', 17], ['', 26]]);
    // The same text read as PostgreSQL ends the first string at the backslash.
    expect(splitStatements(sql, 'postgres')[0]?.text).toBe("SELECT 'a\\'");
  });

  it('finds the first keyword past comments and parentheses', () => {
    expect(firstKeyword('/* x */ -- y\n (select 1)')).toBe('SELECT');
  });
});

describe('browse queries', () => {
  it('quotes identifiers so any name is safe, per engine', () => {
    expect(quoteIdentifier('postgres', 'a"b')).toBe('"a""b"');
    expect(quoteIdentifier('mysql', 'a`b')).toBe('`a``b`');
    expect(quoteIdentifier('sqlserver', 'a]b')).toBe('[a]]b]');
  });

  it('puts every filter value in a bind parameter', () => {
    const spec = {
      table: { schema: 'public', name: 'orders' },
      sort: [{ column: 'id', direction: 'desc' as const }],
      filters: [{ column: 'note', op: 'like' as const, value: "%'; DROP TABLE x; --" }, { column: 'id', op: 'in' as const, value: ['1', '2'] }, { column: 'x', op: 'is null' as const }],
      offset: 300,
      limit: 301,
    };
    expect(buildBrowseQuery('postgres', spec)).toEqual({
      sql: 'SELECT * FROM "public"."orders" WHERE "note"::text LIKE $1 AND "id" IN ($2, $3) AND "x" IS NULL ORDER BY "id" DESC LIMIT 301 OFFSET 300',
      params: ["%'; DROP TABLE x; --", '1', '2'],
    });
    expect(buildBrowseQuery('mariadb', spec).sql).toBe('SELECT * FROM `public`.`orders` WHERE `note` LIKE ? AND `id` IN (?, ?) AND `x` IS NULL ORDER BY `id` DESC LIMIT 301 OFFSET 300');
    expect(buildBrowseQuery('sqlserver', { ...spec, sort: [] }).sql).toBe(
      'SELECT * FROM [public].[orders] WHERE CAST([note] AS NVARCHAR(MAX)) LIKE @p1 AND [id] IN (@p2, @p3) AND [x] IS NULL ORDER BY (SELECT NULL) OFFSET 300 ROWS FETCH NEXT 301 ROWS ONLY',
    );
  });

  it('counts with the same WHERE clause and parameters as the pages', () => {
    const spec = { table: { schema: 'public', name: 'orders' }, filters: [{ column: 'note', op: 'like' as const, value: "%'x" }, { column: 'id', op: '>' as const, value: '5' }] };
    expect(buildCountQuery('postgres', spec)).toEqual({ sql: 'SELECT COUNT(*) FROM "public"."orders" WHERE "note"::text LIKE $1 AND "id" > $2', params: ["%'x", '5'] });
    expect(buildCountQuery('sqlserver', spec).sql).toBe('SELECT COUNT_BIG(*) FROM [public].[orders] WHERE CAST([note] AS NVARCHAR(MAX)) LIKE @p1 AND [id] > @p2');
    expect(buildCountQuery('sqlite', { table: { schema: null, name: 't' }, filters: [] })).toEqual({ sql: 'SELECT COUNT(*) FROM "t"', params: [] });
  });
});

describe('TLS modes', () => {
  it('maps libpq modes to chain and name checks', () => {
    expect(tlsConnectionOptions({ mode: 'disable' }, 'db')).toBeNull();
    expect(tlsConnectionOptions({ mode: 'require' }, 'db')).toMatchObject({ rejectUnauthorized: false, servername: 'db' });
    expect(tlsConnectionOptions({ mode: 'require', caPem: 'CA' }, 'db')).toMatchObject({ rejectUnauthorized: true, ca: 'CA' });
    const full = tlsConnectionOptions({ mode: 'verify-full', serverName: 'db.burrow.test' }, '10.0.0.5')!;
    expect(full).toMatchObject({ rejectUnauthorized: true, servername: 'db.burrow.test' });
    expect(tlsConnectionOptions({ mode: 'verify-full' }, '10.0.0.5')!.servername).toBeUndefined();
    expect(tlsConnectionOptions({ mode: 'verify-ca' }, 'db')!.checkServerIdentity!('x', {} as never)).toBeUndefined();
  });
});

describe('protocol sniffing', () => {
  it('names what answered on the port', () => {
    expect(describeGreeting(Buffer.from([0x5b, 0, 0, 0, 10, 0x31]))).toBe('a MySQL/MariaDB handshake');
    expect(describeGreeting(Buffer.from('SSH-2.0-OpenSSH'))).toBe('an SSH banner');
    expect(describeGreeting(null)).toBe('nothing');
  });
});
