import type { Engine } from '../../../../shared/profile';

/** Types offered as the user types one (any other the engine knows can be typed). */
export const COMMON_TYPES: Record<Engine, string[]> = {
  postgres: ['integer', 'bigint', 'numeric(12,2)', 'text', 'varchar(255)', 'boolean', 'date', 'timestamptz', 'jsonb', 'uuid', 'bytea'],
  mysql: ['int', 'bigint', 'decimal(12,2)', 'varchar(255)', 'text', 'tinyint(1)', 'date', 'datetime', 'timestamp', 'json', 'blob'],
  mariadb: ['int', 'bigint', 'decimal(12,2)', 'varchar(255)', 'text', 'tinyint(1)', 'date', 'datetime', 'timestamp', 'json', 'blob'],
  sqlite: ['INTEGER', 'REAL', 'TEXT', 'BLOB', 'NUMERIC'],
  sqlserver: ['int', 'bigint', 'decimal(12,2)', 'nvarchar(255)', 'nvarchar(max)', 'bit', 'date', 'datetime2', 'uniqueidentifier', 'varbinary(max)'],
};
