/**
 * Every value arrives as the server's own text (exact numerics, timestamps with their zone, array
 * and JSON literals), except booleans and bytea, which become real booleans and bytes.
 */
const BOOL = 16;
const BYTEA = 17;

const identity = (value: string): string => value;
const parseBool = (value: string): boolean => value === 't';
const parseBytea = (value: string): Buffer => (value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : Buffer.from(unescapeBytea(value), 'latin1'));

/** How a column's text becomes a stored cell (see DataRowEncoder): kept as text, a boolean, or bytes. */
export const FIELD_TEXT = 0;
export const FIELD_BOOL = 1;
export const FIELD_BYTEA = 2;

export function fieldKindOf(oid: number): number {
  return oid === BOOL ? FIELD_BOOL : oid === BYTEA ? FIELD_BYTEA : FIELD_TEXT;
}

export const rawTextTypes = {
  getTypeParser(oid: number): (value: string) => unknown {
    if (oid === BOOL) return parseBool;
    if (oid === BYTEA) return parseBytea;
    return identity;
  },
  /** True when a cell of this type is stored as the server's text, unparsed. */
  isText(oid: number): boolean {
    return oid !== BOOL && oid !== BYTEA;
  },
};

/** bytea_output = escape (old servers): octal escapes and doubled backslashes. */
export function unescapeBytea(value: string): string {
  return value.replace(/\\(\\|[0-7]{3})/g, (_match, code: string) => (code === '\\' ? '\\' : String.fromCharCode(parseInt(code, 8))));
}

/** Names of the built-in types, so column metadata needs no round trip for the common case. */
export const builtinTypeNames: Record<number, string> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 24: 'regproc', 25: 'text', 26: 'oid',
  114: 'json', 142: 'xml', 600: 'point', 650: 'cidr', 700: 'float4', 701: 'float8', 790: 'money', 829: 'macaddr', 869: 'inet',
  1000: '_bool', 1001: '_bytea', 1005: '_int2', 1007: '_int4', 1009: '_text', 1016: '_int8', 1021: '_float4', 1022: '_float8',
  1015: '_varchar', 1042: 'bpchar', 1043: 'varchar', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz',
  1186: 'interval', 1231: '_numeric', 1266: 'timetz', 1560: 'bit', 1562: 'varbit', 1700: 'numeric', 2950: 'uuid', 2951: '_uuid',
  3802: 'jsonb', 3807: '_jsonb', 199: '_json', 1115: '_timestamp', 1185: '_timestamptz', 1182: '_date', 2249: 'record', 705: 'unknown',
  3614: 'tsvector', 3904: 'int4range', 3926: 'int8range', 3906: 'numrange', 3910: 'tstzrange', 3912: 'daterange', 774: 'macaddr8',
};
