import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { MySQL, PostgreSQL, schemaCompletionSource } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { SchemaInfo, TableInfo } from '../../../shared/query';
import type { Engine } from '../../../shared/profile';
import { keywordsNotAfterDot, sqlLanguage, sqlLanguageConfig, writtenName } from '../../../renderer/src/features/query/sqlCompletion';

const table = (schema: string | null, name: string, columns: string[], kind: 'table' | 'view' = 'table'): TableInfo => ({
  schema, name, kind, estimatedRows: null, indexes: [], foreignKeys: [],
  // Listed out of order: completion follows the ordinal.
  columns: columns.map((column, i) => ({ name: column, dataType: i === 0 ? 'integer' : 'text', nullable: i > 0, default: null, primaryKey: i === 0, ordinal: i + 1 })).reverse(),
});

const info = (tables: TableInfo[], currentDatabase = 'app'): SchemaInfo => ({ databases: [currentDatabase], currentDatabase, schemas: [...new Set(tables.map((t) => t.schema ?? ''))], tables });

/** What the editor would offer with the cursor at `|`, through lang-sql's own completion over a real parse. */
function complete(engine: Engine, schema: SchemaInfo, textWithCursor: string): CompletionResult | null {
  const pos = textWithCursor.indexOf('|');
  const config = sqlLanguageConfig(engine, schema);
  const state = EditorState.create({ doc: textWithCursor.replace('|', ''), extensions: [sqlLanguage(config)] });
  return schemaCompletionSource(config)(new CompletionContext(state, pos, true)) as CompletionResult | null;
}
const labels = (result: CompletionResult | null): string[] => (result?.options ?? []).map((option) => option.label);

describe('SQL editor completion from the session schema', () => {
  const pg = info([
    table('public', 'customers', ['id', 'name', 'email']),
    table('public', 'Order Items', ['id', 'qty']),
    table('audit', 'events', ['id', 'at']),
    table('public', 'active_customers', ['id'], 'view'),
  ]);

  it('offers the default schema\'s tables and views unqualified, and every schema', () => {
    const result = complete('postgres', pg, 'SELECT * FROM cu|');
    expect(labels(result)).toEqual(expect.arrayContaining(['customers', 'Order Items', 'active_customers', 'public', 'audit']));
    expect(labels(result)).not.toContain('events');
    const customers = result!.options.find((option) => option.label === 'customers')!;
    expect([customers.type, customers.detail]).toEqual(['type', 'table']);
    expect(result!.options.find((option) => option.label === 'active_customers')!.detail).toBe('view');
    // A name that is no plain identifier is written quoted.
    expect(result!.options.find((option) => option.label === 'Order Items')!.apply).toBe('"Order Items"');
  });

  it('offers a schema\'s tables after its name, and a table\'s columns (in order, with types) after its name or alias', () => {
    expect(labels(complete('postgres', pg, 'SELECT * FROM audit.|'))).toEqual(['events']);
    const columns = complete('postgres', pg, 'SELECT c.| FROM customers c');
    expect(labels(columns)).toEqual(['id', 'name', 'email']);
    expect(columns!.options.map((option) => option.detail)).toEqual(['integer · key', 'text', 'text']);
    expect(labels(complete('postgres', pg, 'SELECT customers.| FROM customers'))).toEqual(['id', 'name', 'email']);
    expect(labels(complete('postgres', pg, 'SELECT e.| FROM audit.events e'))).toEqual(['id', 'at']);
  });

  it('uses each engine\'s dialect, default schema and quoting', () => {
    const mysql = info([table('shop', 'orders', ['id']), table('other', 'x-y', ['id'])], 'shop');
    const config = sqlLanguageConfig('mysql', mysql);
    expect(config.dialect).toBe(MySQL);
    expect(config.defaultSchema).toBe('shop');
    expect(labels(complete('mysql', mysql, 'SELECT * FROM o|'))).toEqual(expect.arrayContaining(['orders', 'shop', 'other']));
    expect(complete('mysql', mysql, 'SELECT * FROM other.|')!.options[0]!.apply).toBe('`x-y`');
    expect(sqlLanguageConfig('postgres', null)).toEqual({ dialect: PostgreSQL, upperCaseKeywords: true });
    expect(sqlLanguageConfig('sqlite', info([table('main', 'notes', ['id'])], '/tmp/a.db')).defaultSchema).toBe('main');
    expect(['sqlserver', 'sqlite', 'mariadb'].map((engine) => writtenName(engine as Engine, 'a]b"c`d'))).toEqual(['[a]]b"c`d]', '"a]b""c`d"', '`a]b"c``d`']);
    // Only PostgreSQL folds unquoted names, so only there a capital needs quotes.
    expect(['postgres', 'mysql', 'sqlserver', 'sqlite'].map((engine) => writtenName(engine as Engine, 'Orders'))).toEqual(['"Orders"', 'Orders', 'Orders', 'Orders']);
  });

  it('keeps a table whose name holds a dot as one name', () => {
    const dotted = info([table('public', 'v1.items', ['id', 'sku'])]);
    expect(labels(complete('postgres', dotted, 'SELECT * FROM public.|'))).toEqual(['v1.items']);
    expect(labels(complete('postgres', dotted, 'SELECT i.| FROM "v1.items" i'))).toEqual(['id', 'sku']);
  });

  it('offers keywords (upper case) for a word, but not after a qualifier\'s dot', () => {
    const keywords = (text: string): string[] => {
      const state = EditorState.create({ doc: text, extensions: [sqlLanguage(sqlLanguageConfig('postgres', pg))] });
      return labels(keywordsNotAfterDot(PostgreSQL)(new CompletionContext(state, text.length, true)) as CompletionResult | null);
    };
    expect(keywords('SELECT * FROM customers c WHERE c.lab')).toEqual([]);
    expect(keywords('SELECT * FROM customers c WHERE c.')).toEqual([]);
    expect(keywords('SELECT * FROM customers c WHERE lab')).toContain('LABEL');
    expect(keywords('SELECT * FROM customers ORD')).toContain('ORDER');
  });
});
