import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import {
  keywordCompletionSource, MariaSQL, MSSQL, MySQL, PostgreSQL, schemaCompletionSource, SQLite, StandardSQL,
  type SQLConfig, type SQLDialect, type SQLNamespace,
} from '@codemirror/lang-sql';
import type { Extension } from '@codemirror/state';
import type { Engine } from '../../../../shared/profile';
import type { SchemaInfo, TableInfo } from '../../../../shared/query';
import { quoteIdentifier } from '../../../../shared/sql/dialect';

const DIALECTS: Record<Engine, SQLDialect> = { postgres: PostgreSQL, mysql: MySQL, mariadb: MariaSQL, sqlserver: MSSQL, sqlite: SQLite };

/** The schema an unqualified table name resolves to, as each engine does by default. */
export const DEFAULT_SCHEMA: Record<Engine, (info: SchemaInfo) => string> = {
  postgres: () => 'public',
  mysql: (info) => info.currentDatabase,
  mariadb: (info) => info.currentDatabase,
  sqlserver: () => 'dbo',
  sqlite: () => 'main',
};

/**
 * A name as the engine needs it written: plain when it is a simple identifier (for PostgreSQL a
 * lower-case one, since it folds unquoted names to lower case), else quoted.
 */
export function writtenName(engine: Engine, name: string): string {
  return (engine === 'postgres' ? /^[a-z_][a-z0-9_$]*$/ : /^[A-Za-z_][A-Za-z0-9_]*$/).test(name) ? name : quoteIdentifier(engine, name);
}

const named = (engine: Engine, name: string, type: string, detail: string): Completion => {
  const written = writtenName(engine, name);
  return written === name ? { label: name, type, detail } : { label: name, type, detail, apply: written };
};

// lang-sql reads a dot in a namespace key as a path step; a name's own dots are escaped.
const key = (name: string): string => name.replaceAll('.', '\\.');

const columnsOf = (engine: Engine, table: TableInfo): Completion[] =>
  [...table.columns]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((column) => named(engine, column.name, 'property', column.primaryKey ? `${column.dataType} · key` : column.dataType));

/**
 * Pure: the editor's SQL language for a session: the engine's dialect (keywords, quoting,
 * comments) and completion of its schemas, tables and views, and their columns (also after an
 * alias). Tables of the engine's default schema complete without their schema.
 */
export function sqlLanguageConfig(engine: Engine, info: SchemaInfo | null): SQLConfig {
  const config: SQLConfig = { dialect: DIALECTS[engine], upperCaseKeywords: true };
  if (!info) return config;
  const schemas = new Map<string, Record<string, SQLNamespace>>();
  const unqualified: Record<string, SQLNamespace> = {};
  for (const table of info.tables) {
    const entry: SQLNamespace = { self: named(engine, table.name, table.kind === 'view' ? 'class' : 'type', table.kind), children: columnsOf(engine, table) };
    if (table.schema === null) {
      unqualified[key(table.name)] = entry;
      continue;
    }
    let tables = schemas.get(table.schema);
    if (!tables) schemas.set(table.schema, (tables = {}));
    tables[key(table.name)] = entry;
  }
  const namespace: Record<string, SQLNamespace> = { ...unqualified };
  for (const [schema, tables] of schemas) namespace[key(schema)] = { self: named(engine, schema, 'namespace', 'schema'), children: tables };
  config.schema = namespace;
  const fallback = DEFAULT_SCHEMA[engine](info);
  if (schemas.has(fallback)) config.defaultSchema = fallback;
  else if (schemas.size === 1) config.defaultSchema = [...schemas.keys()][0];
  return config;
}

/** Keywords, except right after a qualifier's dot (`t.`), where only the schema's names make sense. */
export function keywordsNotAfterDot(dialect: SQLDialect): CompletionSource {
  const keywords = keywordCompletionSource(dialect, true);
  return (context) => (context.matchBefore(/\.\w*$/) ? null : keywords(context));
}

/** The editor extension for `config`: its dialect, with schema names and keywords to complete. */
export function sqlLanguage(config: SQLConfig = {}): Extension {
  const dialect = config.dialect ?? StandardSQL;
  return [
    dialect.extension,
    dialect.language.data.of({ autocomplete: schemaCompletionSource(config) }),
    dialect.language.data.of({ autocomplete: keywordsNotAfterDot(dialect) }),
  ];
}
