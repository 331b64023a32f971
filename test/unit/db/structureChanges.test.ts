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
    expect(() => structureChangeSql('mysql', my, { kind: 'alterColumn', before, after: { ...before, type: 'bigint', nullable: false } })).toThrow('its definition is not known (refresh the schema), so it cannot be restated');
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

  it('restates a MySQL column whole when its type or NULL changes: character set, AUTO_INCREMENT, ON UPDATE and comment kept', () => {
    const label: ColumnSpec = { name: 'label', type: 'varchar(40)', nullable: true, default: "'x'", mysql: { extra: '', comment: "it's \\ here", charset: 'utf8mb4', collation: 'utf8mb4_bin', generated: false } };
    expect(structureChangeSql('mariadb', my, { kind: 'alterColumn', before: label, after: { ...label, type: 'varchar(80)', nullable: false } })).toEqual([
      "ALTER TABLE `orders` MODIFY COLUMN `label` varchar(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'it''s \\\\ here'",
    ]);
    // To a type that is not text, the character set is not restated; a rename still comes last.
    expect(structureChangeSql('mysql', my, { kind: 'alterColumn', before: label, after: { ...label, name: 'code', type: 'int', default: null } })).toEqual([
      "ALTER TABLE `orders` MODIFY COLUMN `label` int NULL COMMENT 'it''s \\\\ here'",
      'ALTER TABLE `orders` RENAME COLUMN `label` TO `code`',
    ]);
    const id: ColumnSpec = { name: 'id', type: 'int(11)', nullable: false, default: null, mysql: { extra: 'auto_increment', comment: '', charset: null, collation: null, generated: false } };
    expect(structureChangeSql('mysql', my, { kind: 'alterColumn', before: id, after: { ...id, type: 'bigint' } })).toEqual(['ALTER TABLE `orders` MODIFY COLUMN `id` bigint NOT NULL AUTO_INCREMENT']);
    const touched: ColumnSpec = { name: 'touched', type: 'timestamp', nullable: true, default: 'current_timestamp()', mysql: { extra: 'on update current_timestamp()', comment: '', charset: null, collation: null, generated: false } };
    expect(structureChangeSql('mariadb', my, { kind: 'alterColumn', before: touched, after: { ...touched, nullable: false } })).toEqual([
      'ALTER TABLE `orders` MODIFY COLUMN `touched` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()',
    ]);
    const qty: ColumnSpec = { name: 'qty', type: 'int(11)', nullable: true, default: 'NULL', mysql: { extra: '', comment: '', charset: null, collation: null, generated: false } };
    expect(structureChangeSql('mariadb', my, { kind: 'alterColumn', before: qty, after: { ...qty, nullable: false } })).toEqual(['ALTER TABLE `orders` MODIFY COLUMN `qty` int(11) NOT NULL']);
    const total: ColumnSpec = { name: 'total', type: 'int', nullable: true, default: null, mysql: { extra: 'VIRTUAL GENERATED', comment: '', charset: null, collation: null, generated: true } };
    expect(() => structureChangeSql('mysql', my, { kind: 'alterColumn', before: total, after: { ...total, type: 'bigint' } })).toThrow('a generated column: change its expression and type in SQL');
  });
});

describe('foreign keys', () => {
  const foreignKey = {
    name: 'orders_customer_fkey', columns: ['customer_id', 'shop'], referencedTable: { schema: 'sales', name: 'customers' },
    referencedColumns: ['id', 'shop'], onDelete: 'CASCADE' as const, onUpdate: 'NO ACTION' as const,
  };

  it('adds one with its actions, and drops one, in each engine\'s syntax', () => {
    expect(structureChangeSql('postgres', pg, { kind: 'addForeignKey', foreignKey })).toEqual([
      'ALTER TABLE "public"."Orders" ADD CONSTRAINT "orders_customer_fkey" FOREIGN KEY ("customer_id", "shop") REFERENCES "sales"."customers" ("id", "shop") ON DELETE CASCADE',
    ]);
    expect(structureChangeSql('mysql', my, { kind: 'addForeignKey', foreignKey: { ...foreignKey, onDelete: 'NO ACTION', onUpdate: 'SET NULL' } })).toEqual([
      'ALTER TABLE `orders` ADD CONSTRAINT `orders_customer_fkey` FOREIGN KEY (`customer_id`, `shop`) REFERENCES `sales`.`customers` (`id`, `shop`) ON UPDATE SET NULL',
    ]);
    expect(structureChangeSql('mariadb', my, { kind: 'dropForeignKey', name: 'orders_customer_fkey' })).toEqual(['ALTER TABLE `orders` DROP FOREIGN KEY `orders_customer_fkey`']);
    expect(structureChangeSql('sqlserver', ms, { kind: 'dropForeignKey', name: 'fk' })).toEqual(['ALTER TABLE [dbo].[orders] DROP CONSTRAINT [fk]']);
  });

  it('refuses what cannot be written: SQLite, no columns, an unpaired column', () => {
    expect(() => structureChangeSql('sqlite', lite, { kind: 'addForeignKey', foreignKey })).toThrow('SQLite cannot add a foreign key without rebuilding the table');
    expect(() => structureChangeSql('sqlite', lite, { kind: 'dropForeignKey', name: 'x' })).toThrow('SQLite cannot drop a foreign key without rebuilding the table');
    expect(() => structureChangeSql('postgres', pg, { kind: 'addForeignKey', foreignKey: { ...foreignKey, columns: [], referencedColumns: [] } })).toThrow('choose at least one column for the foreign key');
    expect(() => structureChangeSql('postgres', pg, { kind: 'addForeignKey', foreignKey: { ...foreignKey, referencedColumns: ['id', ''] } })).toThrow('choose the referenced column for each column');
  });
});
