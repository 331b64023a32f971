import { describe, expect, it } from 'vitest';
import { structureChangeSql, type ColumnSpec } from '../../../shared/sql/structureChanges';

const pg = { schema: 'public', name: 'Orders' };
const my = { schema: null, name: 'orders' };
const lite = { schema: 'main', name: 'orders' };
const ms = { schema: 'dbo', name: 'orders' };
const note: ColumnSpec = { name: 'note', type: 'text', nullable: true, default: null };

describe('structureChangeSql', () => {
  it('adds a column with its type, NOT NULL and default, in each engine\'s syntax', () => {
    const column: ColumnSpec = { name: 'Status "x"', type: 'varchar(20)', nullable: false, default: "'new'" };
    expect(structureChangeSql('postgres', pg, { kind: 'addColumn', column })).toEqual([`ALTER TABLE "public"."Orders" ADD COLUMN "Status ""x""" varchar(20) NOT NULL DEFAULT 'new'`]);
    expect(structureChangeSql('mariadb', my, { kind: 'addColumn', column: note })).toEqual(['ALTER TABLE `orders` ADD COLUMN `note` text']);
    expect(structureChangeSql('sqlite', lite, { kind: 'addColumn', column })).toEqual([`ALTER TABLE "main"."orders" ADD COLUMN "Status ""x""" varchar(20) NOT NULL DEFAULT 'new'`]);
    expect(structureChangeSql('sqlserver', ms, { kind: 'addColumn', column: note })).toEqual(['ALTER TABLE [dbo].[orders] ADD [note] text NULL']);
  });

  it('changes type, NULL and default of a PostgreSQL column in one statement, and renames it last', () => {
    const before: ColumnSpec = { name: 'total', type: 'integer', nullable: true, default: '0' };
    expect(structureChangeSql('postgres', pg, { kind: 'alterColumn', before, after: { name: 'amount', type: 'numeric(12,2)', nullable: false, default: null } })).toEqual([
      'ALTER TABLE "public"."Orders" ALTER COLUMN "total" TYPE numeric(12,2), ALTER COLUMN "total" SET NOT NULL, ALTER COLUMN "total" DROP DEFAULT',
      'ALTER TABLE "public"."Orders" RENAME COLUMN "total" TO "amount"',
    ]);
    expect(structureChangeSql('postgres', pg, { kind: 'alterColumn', before, after: { ...before, default: ' 1 ' } })).toEqual(['ALTER TABLE "public"."Orders" ALTER COLUMN "total" SET DEFAULT 1']);
  });

  it('does in place what each other engine can, and refuses the rest saying what', () => {
    const before: ColumnSpec = { name: 'qty', type: 'int(11)', nullable: true, default: 'NULL' };
    expect(structureChangeSql('mariadb', my, { kind: 'alterColumn', before, after: { ...before, name: 'quantity', default: '1' } })).toEqual([
      'ALTER TABLE `orders` ALTER COLUMN `qty` SET DEFAULT 1',
      'ALTER TABLE `orders` RENAME COLUMN `qty` TO `quantity`',
    ]);
    expect(() => structureChangeSql('mysql', my, { kind: 'alterColumn', before, after: { ...before, type: 'bigint', nullable: false } })).toThrow(/^its type, whether it takes NULL: not changed in place on this engine; write the ALTER TABLE yourself$/);
    expect(structureChangeSql('sqlite', lite, { kind: 'alterColumn', before: note, after: { ...note, name: 'remark' } })).toEqual(['ALTER TABLE "main"."orders" RENAME COLUMN "note" TO "remark"']);
    expect(() => structureChangeSql('sqlite', lite, { kind: 'alterColumn', before: note, after: { ...note, default: "''" } })).toThrow(/^its default: not changed in place/);
    expect(structureChangeSql('sqlserver', ms, { kind: 'alterColumn', before: note, after: { name: "it's", type: 'nvarchar(max)', nullable: false, default: null } })).toEqual([
      'ALTER TABLE [dbo].[orders] ALTER COLUMN [note] nvarchar(max) NOT NULL',
      "EXEC sp_rename N'[dbo].[orders].[note]', N'it''s', N'COLUMN'",
    ]);
    expect(() => structureChangeSql('postgres', pg, { kind: 'alterColumn', before: note, after: { ...note, type: ' text ' } })).toThrow('nothing is changed');
    expect(() => structureChangeSql('postgres', pg, { kind: 'alterColumn', before: note, after: { ...note, name: ' ' } })).toThrow('a column name is required');
  });

  it('drops a column (CASCADE on PostgreSQL when asked), and adds or drops an index where each engine names it', () => {
    expect(structureChangeSql('postgres', pg, { kind: 'dropColumn', name: 'note', cascade: true })).toEqual(['ALTER TABLE "public"."Orders" DROP COLUMN "note" CASCADE']);
    expect(structureChangeSql('mariadb', my, { kind: 'dropColumn', name: 'note', cascade: true })).toEqual(['ALTER TABLE `orders` DROP COLUMN `note`']);
    const index = { kind: 'addIndex' as const, name: 'orders_by_day', columns: ['day', 'id'], unique: true };
    expect(structureChangeSql('postgres', pg, index)).toEqual(['CREATE UNIQUE INDEX "orders_by_day" ON "public"."Orders" ("day", "id")']);
    expect(structureChangeSql('sqlite', lite, index)).toEqual(['CREATE UNIQUE INDEX "main"."orders_by_day" ON "orders" ("day", "id")']);
    expect(structureChangeSql('sqlserver', ms, { ...index, unique: false })).toEqual(['CREATE INDEX [orders_by_day] ON [dbo].[orders] ([day], [id])']);
    expect(() => structureChangeSql('mysql', my, { ...index, columns: [] })).toThrow('choose at least one column for the index');
    expect(structureChangeSql('postgres', pg, { kind: 'dropIndex', name: 'orders_by_day' })).toEqual(['DROP INDEX "public"."orders_by_day"']);
    expect(structureChangeSql('mysql', my, { kind: 'dropIndex', name: 'orders_by_day' })).toEqual(['DROP INDEX `orders_by_day` ON `orders`']);
    expect(structureChangeSql('sqlserver', ms, { kind: 'dropIndex', name: 'orders_by_day' })).toEqual(['DROP INDEX [orders_by_day] ON [dbo].[orders]']);
  });
});
