import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { QueryService } from '../../../electron/core/db/queryService';
import { makeTempDir, startPostgres, type PostgresServer, type TempDir } from '../../env';

/** A small RFC 4180 reader for the test: records of fields, with null for an unquoted empty field. */
function parseCsv(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          value += text[i++];
        }
      }
      field = value;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r') end++;
      field = end === i ? null : text.slice(i, end);
      i = end;
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('exporting a stored result as CSV or JSON (real PostgreSQL)', () => {
  let postgres: PostgresServer;
  let dir: TempDir;
  const service = new QueryService();
  let connectionId: string;

  beforeAll(async () => {
    [postgres] = await Promise.all([startPostgres()]);
    dir = makeTempDir('export');
    ({ connectionId } = await service.connect(
      { engine: 'postgres', host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database, tls: { mode: 'disable' } },
      { kind: 'tcp', host: postgres.host, port: postgres.port },
    ));
  });
  afterAll(async () => {
    await service.closeAll();
    await postgres?.stop();
    dir?.remove();
  });

  async function resultOf(sql: string): Promise<{ resultId: string; runId: string }> {
    const started = service.run({ connectionId, sql, rowLimit: null });
    const status = await service.wait(started.runId, 60_000);
    expect(status.state).toBe('done');
    return { resultId: status.results.at(-1)!.resultId, runId: status.runId };
  }

  it('writes every row, exactly: quotes, commas, line breaks, unicode, NULL apart from empty, booleans, bytes, 8000-char text', async () => {
    const { resultId } = await resultOf(`
      SELECT * FROM (VALUES
        (1, 'plain', true, '\\x00ff'::bytea),
        (2, 'comma, "quote" and
newline', false, NULL),
        (3, '', NULL, ''::bytea),
        (4, NULL, true, '\\xdeadbeef'::bytea),
        (5, 'naïve ☃ 漢字', NULL, NULL),
        (6, repeat('x', 8000), NULL, NULL)
      ) AS t(id, label, flag, raw) ORDER BY id`);
    const file = dir.join('special.csv');
    const outcome = await service.exportResult({ resultId, format: 'csv', headers: true }, async (suggested) => {
      expect(suggested).toMatch(/^result-\d{8}-\d{6}\.csv$/);
      return file;
    });
    const text = readFileSync(file, 'utf8');
    expect(outcome).toEqual({ path: file, rows: 6, bytes: Buffer.byteLength(text) });
    expect(parseCsv(text)).toEqual([
      ['id', 'label', 'flag', 'raw'],
      ['1', 'plain', 'true', '\\x00ff'],
      ['2', 'comma, "quote" and\nnewline', 'false', null],
      ['3', '', null, '\\x'],
      ['4', null, 'true', '\\xdeadbeef'],
      ['5', 'naïve ☃ 漢字', null, null],
      ['6', 'x'.repeat(8000), null, null],
    ]);
  });

  it('exports 50,000 rows a window at a time, without headers when asked, and the result stays readable', async () => {
    const { resultId } = await resultOf('SELECT g, md5(g::text) FROM generate_series(1, 50000) AS g');
    const file = dir.join('big.csv');
    const outcome = await service.exportResult({ resultId, format: 'csv', headers: false }, async () => file);
    expect(outcome.rows).toBe(50_000);
    const records = parseCsv(readFileSync(file, 'utf8'));
    expect(records).toHaveLength(50_000);
    expect(records[0]![0]).toBe('1');
    expect(records[49_999]![0]).toBe('50000');
    expect(records[49_999]![1]).toMatch(/^[0-9a-f]{32}$/);
    expect(service.rows({ resultId, offset: 49_999, limit: 1 }).rows).toEqual([['50000', records[49_999]![1]!]]);
  });

  it('writes JSON: objects keyed by column (repeats numbered), exact numbers, embedded json, null, strings for the rest', async () => {
    const { resultId } = await resultOf(`
      SELECT * FROM (VALUES
        (9223372036854775807::int8, 12345678901234567890.123456789::numeric, 'NaN'::float8, '{"a": [1, {"b": null}]}'::jsonb, 'x"y\\z
w'::text, true, '\\xdeadbeef'::bytea, '2024-02-29 23:59:59.123456+05:30'::timestamptz, '{1,2}'::int[], 1),
        (-1, 0.5, 1.5e300, 'null'::jsonb, '', NULL, NULL, NULL, NULL, 2),
        (NULL, NULL, NULL, NULL, NULL, false, ''::bytea, NULL, '{}'::int[], 3)
      ) AS t(big, exact, f, doc, label, flag, raw, at, list, big) ORDER BY 10`);
    const file = dir.join('special.json');
    const outcome = await service.exportResult({ resultId, format: 'json' }, async (suggested, format) => {
      expect(suggested).toMatch(/^result-\d{8}-\d{6}\.json$/);
      expect(format).toBe('json');
      return file;
    });
    const text = readFileSync(file, 'utf8');
    expect(outcome).toEqual({ path: file, rows: 3, bytes: Buffer.byteLength(text) });
    // The exact digits are in the file, whatever a JavaScript parser makes of them.
    expect(text).toContain('"big":9223372036854775807,');
    expect(text).toContain('"exact":12345678901234567890.123456789,');
    expect(text.split('\n')).toHaveLength(6);
    const objects = JSON.parse(text) as Record<string, unknown>[];
    expect(objects).toEqual([
      { big: Number('9223372036854775807'), exact: Number('12345678901234567890.123456789'), f: 'NaN', doc: { a: [1, { b: null }] }, label: 'x"y\\z\nw', flag: true, raw: '\\xdeadbeef', at: '2024-02-29 18:29:59.123456+00', list: '{1,2}', big_2: 1 },
      { big: -1, exact: 0.5, f: 1.5e300, doc: null, label: '', flag: null, raw: null, at: null, list: null, big_2: 2 },
      { big: null, exact: null, f: null, doc: null, label: null, flag: false, raw: '\\x', at: null, list: '{}', big_2: 3 },
    ]);
    const empty = await resultOf('SELECT 1 AS one WHERE false');
    await service.exportResult({ resultId: empty.resultId, format: 'json' }, async () => dir.join('empty.json'));
    expect(readFileSync(dir.join('empty.json'), 'utf8')).toBe('[]\n');
    expect(await service.exportResult({ resultId, format: 'xml' }, async () => file).catch((error: unknown) => error)).toMatchObject({ code: 'VALIDATION' });
  });

  it('a cancelled dialog writes nothing; an unwritable folder is EXPORT_FAILED and leaves no partial file; a good file is replaced whole', async () => {
    const { resultId } = await resultOf('SELECT 1 AS one');
    expect(await service.exportResult({ resultId }, async () => null)).toEqual({ path: null, rows: 0, bytes: 0 });
    const locked = makeTempDir('export-locked');
    try {
      chmodSync(locked.path, 0o500);
      // Root ignores directory modes; then the target's folder simply does not exist.
      const target = process.getuid?.() === 0 ? locked.join('missing', 'one.csv') : locked.join('one.csv');
      const error = await service.exportResult({ resultId }, async () => target).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(BurrowError);
      expect(error).toMatchObject({ code: 'EXPORT_FAILED' });
      expect((error as BurrowError).message).toMatch(/cannot write in .*Choose another folder/);
      chmodSync(locked.path, 0o700);
      expect(readdirSync(locked.path).filter((name) => name !== 'missing')).toEqual([]);
    } finally {
      chmodSync(locked.path, 0o700);
      locked.remove();
    }
    const existing = dir.join('existing.csv');
    writeFileSync(existing, 'old contents\r\n');
    await service.exportResult({ resultId }, async () => existing);
    expect(readFileSync(existing, 'utf8')).toBe('one\r\n1\r\n');
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(existsSync(existing)).toBe(true);
  });

  it('a command result has no rows to export', async () => {
    const started = service.run({ connectionId, sql: 'CREATE TEMP TABLE e (a int)' });
    const status = await service.wait(started.runId, 10_000);
    await expect(service.exportResult({ resultId: status.results[0]!.resultId }, async () => dir.join('never.csv'))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(existsSync(dir.join('never.csv'))).toBe(false);
  });
});
