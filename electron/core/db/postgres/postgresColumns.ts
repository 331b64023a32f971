import type { ColumnMeta } from '../../../../shared/query';
import { builtinTypeNames } from './postgresTypes';

/** Column metadata from a RowDescription, before the catalog lookup refines type names and nullability. */
export function resolveColumnMeta(fields: readonly { name: string; dataTypeID: number }[]): ColumnMeta[] {
  return fields.map((field) => ({
    name: field.name,
    dataType: builtinTypeNames[field.dataTypeID] ?? `oid ${field.dataTypeID}`,
    nullable: null,
  }));
}

/** format_type(oid, NULL) of common built-in types: what the catalog lookup would name them. */
export const formattedBuiltinTypes: Readonly<Record<number, string>> = {
  16: 'boolean', 17: 'bytea', 18: '"char"', 19: 'name', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 26: 'oid',
  114: 'json', 700: 'real', 701: 'double precision', 1043: 'character varying', 1082: 'date', 1083: 'time without time zone',
  1114: 'timestamp without time zone', 1184: 'timestamp with time zone', 1186: 'interval', 1266: 'time with time zone',
  1700: 'numeric', 2950: 'uuid', 3802: 'jsonb',
};

/**
 * Pure: the type names of a result made only of expressions of common built-in types (no table
 * column, no type modifier), which the catalog could tell nothing more about; null when the
 * catalog lookup is needed. `SELECT now()`, `count(*)` and EXPLAIN then cost one round trip, not two.
 */
export function typeNamesWithoutCatalog(fields: readonly { dataTypeID: number; dataTypeModifier: number; tableID: number }[]): string[] | null {
  const names: string[] = [];
  for (const field of fields) {
    const name = formattedBuiltinTypes[field.dataTypeID];
    if (field.tableID !== 0 || field.dataTypeModifier !== -1 || name === undefined) return null;
    names.push(name);
  }
  return names;
}
