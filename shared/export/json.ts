import type { Cell, ColumnMeta } from '../query';

/** Column types whose text is written as a JSON number, when it is one (NaN and Infinity stay strings). */
const NUMERIC_TYPES = new Set([
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'tinyint', 'mediumint', 'oid',
  'numeric', 'decimal', 'float4', 'float8', 'real', 'double', 'float', 'money', 'smallmoney',
]);
const JSON_TYPES = new Set(['json', 'jsonb']);
export const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export type ValueKind = 'number' | 'json' | 'text';

/** The type's leading word, lower-cased: `DECIMAL(10,2)` and `double precision` as `decimal` and `double`. */
const baseType = (dataType: string): string => /^[A-Za-z0-9_]*/.exec(dataType.trim())![0].toLowerCase();

/** How a column's cells are written: numbers bare, json embedded, the rest as text. */
export function kindOf(column: ColumnMeta): ValueKind {
  const type = baseType(column.dataType);
  if (NUMERIC_TYPES.has(type)) return 'number';
  if (JSON_TYPES.has(type)) return 'json';
  return 'text';
}

/** Object keys for the columns: a repeated name gets `_2`, `_3`, ... so no value is lost to a duplicate key. */
export function jsonKeys(columns: readonly ColumnMeta[]): string[] {
  const used = new Set<string>();
  return columns.map((column) => {
    let key = column.name;
    for (let n = 2; used.has(key); n++) key = `${column.name}_${n}`;
    used.add(key);
    return key;
  });
}

/**
 * One JSON value for a cell. Numbers are written as the server's exact text (a bigint or a decimal
 * keeps every digit), json and jsonb columns are embedded as JSON, NULL is null, binary is its hex
 * after `\x` as in CSV, and everything else (dates with their zone, uuids, arrays) is a string.
 */
export function jsonValue(cell: Cell, kind: ValueKind): string {
  if (cell === null) return 'null';
  if (typeof cell === 'boolean') return String(cell);
  if (typeof cell !== 'string') return JSON.stringify(cell.kind === 'binary' ? `\\x${cell.hex}` : cell.text);
  if ((kind === 'number' && JSON_NUMBER.test(cell)) || (kind === 'json' && isJson(cell))) return cell;
  return JSON.stringify(cell);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Turns rows into JSON objects keyed by column name (`{"id":1,"name":"a"}`). */
export function jsonRowWriter(columns: readonly ColumnMeta[]): (row: readonly Cell[]) => string {
  const keys = jsonKeys(columns).map((key) => JSON.stringify(key));
  const kinds = columns.map(kindOf);
  return (row) => `{${row.map((cell, index) => `${keys[index]}:${jsonValue(cell, kinds[index]!)}`).join(',')}}`;
}
