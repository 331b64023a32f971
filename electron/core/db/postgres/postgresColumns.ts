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
