import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/query';
import { sqliteRebuildScript } from '../../../shared/sql/sqliteRebuild';

const table: TableInfo = {
  schema: 'main', name: 'parts', kind: 'table', estimatedRows: 2,
  columns: [
    { name: 'id', dataType: 'INTEGER', nullable: false, default: null, primaryKey: true, ordinal: 1 },
    { name: 'qty', dataType: 'TEXT', nullable: true, default: null, primaryKey: false, ordinal: 2 },
    { name: 'code', dataType: 'TEXT', nullable: true, default: null, primaryKey: false, ordinal: 3 },
  ],
  indexes: [
    { name: 'parts_qty', columns: ['qty'], unique: false, primary: false },
    { name: 'sqlite_autoindex_parts_1', columns: ['code'], unique: true, primary: false },
  ],
  foreignKeys: [{ name: 'fk_owner', columns: ['code'], referencedSchema: null, referencedTable: 'owners', referencedColumns: ['code'] }],
};

describe('sqliteRebuildScript', () => {
  it('rebuilds the table with the changed column, copies the rows, and makes its indexes again under the new name', () => {
    const before = { name: 'qty', type: 'TEXT', nullable: true, default: null };
    expect(sqliteRebuildScript(table, before, { name: 'amount', type: 'INTEGER', nullable: false, default: '0' }).split('\n')).toEqual([
      '-- SQLite changes a column\'s type, NULL or default only by rebuilding its table. Read this before running it.',
      '-- Not carried over: the foreign keys fk_owner. Add them to the CREATE TABLE below.',
      '-- Triggers, CHECK constraints and AUTOINCREMENT are not carried over either (see the old definition in sqlite_schema).',
      'PRAGMA foreign_keys = OFF;',
      'BEGIN;',
      'CREATE TABLE "main"."parts__rebuild" (',
      '  "id" INTEGER NOT NULL,',
      '  "amount" INTEGER NOT NULL DEFAULT 0,',
      '  "code" TEXT,',
      '  PRIMARY KEY ("id")',
      ');',
      'INSERT INTO "main"."parts__rebuild" ("id", "amount", "code") SELECT "id", "qty", "code" FROM "main"."parts";',
      'DROP TABLE "main"."parts";',
      'ALTER TABLE "main"."parts__rebuild" RENAME TO "parts";',
      'CREATE INDEX "main"."parts_qty" ON "parts" ("amount");',
      'CREATE UNIQUE INDEX "main"."parts_code_key" ON "parts" ("code");',
      'COMMIT;',
      'PRAGMA foreign_keys = ON;',
    ]);
  });
});
