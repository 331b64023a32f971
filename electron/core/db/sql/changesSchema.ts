import type { Engine } from '../../../../shared/profile';
import { withoutDelimiterDirectives } from '../mysql/mysqlDelimiters';
import { splitDialectOf } from '../../../../shared/sql/dialect';
import { firstKeyword, splitStatements } from '../../../../shared/sql/splitStatements';

/** Statements after which the schema tree is out of date (row estimates included, for TRUNCATE). */
const SCHEMA_CHANGING = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'COMMENT', 'TRUNCATE', 'IMPORT', 'ATTACH', 'DETACH']);

/**
 * Whether a run's SQL holds a statement that changes what introspection shows, so the workspace
 * can refresh its schema tree when the run ends. PostgreSQL's dollar quotes and MySQL's backslash
 * escapes need their own split; SQL Server's quoting is close enough to SQLite's for finding
 * statement starts.
 */
export function changesSchema(sql: string, engine: Engine): boolean {
  const dialect = splitDialectOf(engine);
  const text = dialect === 'mysql' ? withoutDelimiterDirectives(sql) : sql;
  return splitStatements(text, dialect).some((statement) => SCHEMA_CHANGING.has(firstKeyword(statement.text)));
}
