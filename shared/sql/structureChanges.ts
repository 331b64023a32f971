import type { Engine } from '../profile';
import type { ColumnInfo } from '../query';
import { qualifiedTable, quoteIdentifier } from './dialect';

/** A column as the structure editor writes it: `type` and `default` are SQL the user typed. */
export interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean;
  /** An SQL expression (`'text'`, `0`, `now()`), or null for no default. */
  default: string | null;
  /** MySQL and MariaDB: the rest of the column's definition, which a MODIFY restates. */
  mysql?: ColumnInfo['mysql'];
}

export type StructureChange =
  | { kind: 'addColumn'; column: ColumnSpec }
  | { kind: 'alterColumn'; before: ColumnSpec; after: ColumnSpec }
  | { kind: 'dropColumn'; name: string; cascade: boolean }
  | { kind: 'addIndex'; name: string; columns: readonly string[]; unique: boolean }
  | { kind: 'dropIndex'; name: string }
  | { kind: 'addForeignKey'; foreignKey: NewForeignKey }
  | { kind: 'dropForeignKey'; name: string };

export const referentialActions = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'] as const;
export type ReferentialAction = (typeof referentialActions)[number];

export interface NewForeignKey {
  name: string;
  columns: readonly string[];
  referencedTable: { schema: string | null; name: string };
  /** Pairs with `columns`, in order. */
  referencedColumns: readonly string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

type Table = { schema: string | null; name: string };

/** What an engine changes of an existing column in place (without rebuilding the table). */
export interface ColumnEdits {
  rename: boolean;
  type: boolean;
  nullable: boolean;
  default: boolean;
}

/**
 * SQLite changes nothing but a column's name without rebuilding the table, and SQL Server's
 * defaults are named constraints: those changes are left to SQL. MySQL and MariaDB change a type
 * or NULL by restating the whole column (MODIFY), which is done only with the rest of its
 * definition known (see modifyClause).
 */
export function columnEditsOf(engine: Engine): ColumnEdits {
  if (engine === 'postgres') return { rename: true, type: true, nullable: true, default: true };
  if (engine === 'sqlserver') return { rename: true, type: true, nullable: true, default: false };
  if (engine === 'mysql' || engine === 'mariadb') return { rename: true, type: true, nullable: true, default: true };
  return { rename: true, type: false, nullable: false, default: false };
}

/** A change the editor refuses, with the reason as the user reads it. */
export class StructureChangeError extends Error {}

const required = (value: string, what: string): string => {
  const trimmed = value.trim();
  if (!trimmed) throw new StructureChangeError(`${what} is required`);
  return trimmed;
};

function columnDefinition(engine: Engine, column: ColumnSpec): string {
  const def = column.default === null ? '' : ` DEFAULT ${required(column.default, 'the default (or no default)')}`;
  return `${quoteIdentifier(engine, required(column.name, 'a column name'))} ${required(column.type, 'a type')}${column.nullable ? (engine === 'sqlserver' ? ' NULL' : '') : ' NOT NULL'}${def}`;
}

const sqlString = (text: string): string => `N'${text.replace(/'/g, "''")}'`;

/** What differs between a column as it is and as edited (surrounding spaces do not count). */
export function columnChanges(before: ColumnSpec, after: ColumnSpec): { renamed: boolean; retyped: boolean; renulled: boolean; redefaulted: boolean } {
  return {
    renamed: after.name.trim() !== before.name,
    retyped: after.type.trim() !== before.type.trim(),
    renulled: after.nullable !== before.nullable,
    redefaulted: (after.default?.trim() ?? null) !== (before.default?.trim() ?? null),
  };
}

function alterColumn(engine: Engine, table: Table, before: ColumnSpec, after: ColumnSpec): string[] {
  const target = qualifiedTable(engine, table);
  const can = columnEditsOf(engine);
  required(after.name, 'a column name');
  required(after.type, 'a type');
  const { renamed, retyped, renulled, redefaulted } = columnChanges(before, after);
  if (!renamed && !retyped && !renulled && !redefaulted) throw new StructureChangeError('nothing is changed');
  if ((retyped && !can.type) || (renulled && !can.nullable) || (redefaulted && !can.default)) {
    const what = [retyped && !can.type && 'its type', renulled && !can.nullable && 'whether it takes NULL', redefaulted && !can.default && 'its default'].filter(Boolean).join(', ');
    throw new StructureChangeError(`${what}: not changed in place on this engine; write the ALTER TABLE yourself`);
  }
  const column = quoteIdentifier(engine, before.name);
  const statements: string[] = [];
  if (engine === 'postgres') {
    const parts: string[] = [];
    if (retyped) parts.push(`ALTER COLUMN ${column} TYPE ${after.type.trim()}`);
    if (renulled) parts.push(`ALTER COLUMN ${column} ${after.nullable ? 'DROP' : 'SET'} NOT NULL`);
    if (redefaulted) parts.push(after.default === null ? `ALTER COLUMN ${column} DROP DEFAULT` : `ALTER COLUMN ${column} SET DEFAULT ${required(after.default, 'the default (or no default)')}`);
    if (parts.length > 0) statements.push(`ALTER TABLE ${target} ${parts.join(', ')}`);
  } else if (engine === 'sqlserver') {
    if (retyped || renulled) statements.push(`ALTER TABLE ${target} ALTER COLUMN ${column} ${after.type.trim()}${after.nullable ? ' NULL' : ' NOT NULL'}`);
  } else if ((engine === 'mysql' || engine === 'mariadb') && (retyped || renulled)) {
    statements.push(`ALTER TABLE ${target} MODIFY COLUMN ${column} ${modifyClause(before, after)}`);
  } else if (redefaulted) {
    statements.push(after.default === null ? `ALTER TABLE ${target} ALTER COLUMN ${column} DROP DEFAULT` : `ALTER TABLE ${target} ALTER COLUMN ${column} SET DEFAULT ${required(after.default, 'the default (or no default)')}`);
  }
  // Last, so the statements before it still name the column as it was.
  if (renamed) {
    statements.push(engine === 'sqlserver'
      ? `EXEC sp_rename ${sqlString(`${target}.${column}`)}, ${sqlString(after.name.trim())}, N'COLUMN'`
      : `ALTER TABLE ${target} RENAME COLUMN ${column} TO ${quoteIdentifier(engine, after.name.trim())}`);
  }
  return statements;
}

const STRING_TYPE = /^(var)?char\b|^(tiny|medium|long)?text\b|^enum\b|^set\b/i;

/**
 * MySQL's MODIFY: the column's new type, NULL and default, and what it had besides, restated
 * (character set and collation for a string type, AUTO_INCREMENT, ON UPDATE, the comment), since
 * whatever a MODIFY leaves out is dropped. A generated column, or one whose definition is not
 * known, is refused.
 */
function modifyClause(before: ColumnSpec, after: ColumnSpec): string {
  const kept = before.mysql;
  if (!kept) throw new StructureChangeError('its definition is not known (refresh the schema), so it cannot be restated');
  if (kept.generated) throw new StructureChangeError('a generated column: change its expression and type in SQL');
  const type = after.type.trim();
  const charset = kept.charset && STRING_TYPE.test(type) ? ` CHARACTER SET ${kept.charset}${kept.collation ? ` COLLATE ${kept.collation}` : ''}` : '';
  // MariaDB reports a nullable column without a default as DEFAULT NULL, which a NOT NULL column cannot keep.
  const noDefault = after.default === null || (!after.nullable && /^null$/i.test(after.default.trim()));
  const def = noDefault ? '' : ` DEFAULT ${required(after.default!, 'the default (or no default)')}`;
  const auto = /\bauto_increment\b/i.test(kept.extra) ? ' AUTO_INCREMENT' : '';
  const onUpdate = /\bon update (.+)$/i.exec(kept.extra)?.[1];
  const comment = kept.comment ? ` COMMENT '${kept.comment.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : '';
  return `${type}${charset}${after.nullable ? ' NULL' : ' NOT NULL'}${def}${auto}${onUpdate ? ` ON UPDATE ${onUpdate.trim()}` : ''}${comment}`;
}

function addForeignKey(engine: Engine, target: string, key: NewForeignKey): string {
  if (engine === 'sqlite') throw new StructureChangeError('SQLite cannot add a foreign key without rebuilding the table');
  if (key.columns.length === 0) throw new StructureChangeError('choose at least one column for the foreign key');
  if (key.referencedColumns.length !== key.columns.length || key.referencedColumns.some((name) => !name)) {
    throw new StructureChangeError('choose the referenced column for each column');
  }
  const list = (names: readonly string[]): string => names.map((name) => quoteIdentifier(engine, name)).join(', ');
  const actions = (key.onDelete === 'NO ACTION' ? '' : ` ON DELETE ${key.onDelete}`) + (key.onUpdate === 'NO ACTION' ? '' : ` ON UPDATE ${key.onUpdate}`);
  return `ALTER TABLE ${target} ADD CONSTRAINT ${quoteIdentifier(engine, required(key.name, 'a foreign key name'))} FOREIGN KEY (${list(key.columns)}) REFERENCES ${qualifiedTable(engine, key.referencedTable)} (${list(key.referencedColumns)})${actions}`;
}

/** An index's name as DROP INDEX and SQLite's CREATE INDEX take it: in the table's schema. */
function indexName(engine: Engine, table: Table, name: string): string {
  const index = quoteIdentifier(engine, required(name, 'an index name'));
  return table.schema && (engine === 'postgres' || engine === 'sqlite') ? `${quoteIdentifier(engine, table.schema)}.${index}` : index;
}

/**
 * Pure: the statements that make `change` to `table`, in the engine's syntax and quoting, in the
 * order they run. Names are quoted; types and defaults are SQL the user typed, shown to them before
 * anything runs. Throws StructureChangeError for what cannot be written.
 */
export function structureChangeSql(engine: Engine, table: Table, change: StructureChange): string[] {
  const target = qualifiedTable(engine, table);
  switch (change.kind) {
    case 'addColumn':
      return [`ALTER TABLE ${target} ADD ${engine === 'sqlserver' ? '' : 'COLUMN '}${columnDefinition(engine, change.column)}`];
    case 'alterColumn':
      return alterColumn(engine, table, change.before, change.after);
    case 'dropColumn':
      return [`ALTER TABLE ${target} DROP COLUMN ${quoteIdentifier(engine, required(change.name, 'a column name'))}${change.cascade && engine === 'postgres' ? ' CASCADE' : ''}`];
    case 'addIndex': {
      if (change.columns.length === 0) throw new StructureChangeError('choose at least one column for the index');
      const columns = change.columns.map((name) => quoteIdentifier(engine, name)).join(', ');
      const on = engine === 'sqlite' ? quoteIdentifier(engine, table.name) : target;
      const name = engine === 'sqlite' ? indexName(engine, table, change.name) : quoteIdentifier(engine, required(change.name, 'an index name'));
      return [`CREATE ${change.unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${on} (${columns})`];
    }
    case 'addForeignKey':
      return [addForeignKey(engine, target, change.foreignKey)];
    case 'dropForeignKey':
      if (engine === 'sqlite') throw new StructureChangeError('SQLite cannot drop a foreign key without rebuilding the table');
      return [`ALTER TABLE ${target} DROP ${engine === 'mysql' || engine === 'mariadb' ? 'FOREIGN KEY' : 'CONSTRAINT'} ${quoteIdentifier(engine, required(change.name, 'a foreign key name'))}`];
    case 'dropIndex':
      if (engine === 'postgres' || engine === 'sqlite') return [`DROP INDEX ${indexName(engine, table, change.name)}`];
      return [`DROP INDEX ${quoteIdentifier(engine, required(change.name, 'an index name'))} ON ${target}`];
  }
}
