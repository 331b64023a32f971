import type { ColumnMeta } from '../../../../shared/query';

const BINARY_CHARSET = 63;
const NOT_NULL_FLAG = 1;

const typeNames: Record<number, [text: string, binary?: string]> = {
  0x00: ['decimal'], 0xf6: ['decimal'], 0x01: ['tinyint'], 0x02: ['smallint'], 0x03: ['int'], 0x04: ['float'], 0x05: ['double'],
  0x06: ['null'], 0x07: ['timestamp'], 0x08: ['bigint'], 0x09: ['mediumint'], 0x0a: ['date'], 0x0b: ['time'], 0x0c: ['datetime'],
  0x0d: ['year'], 0x0e: ['date'], 0x0f: ['varchar', 'varbinary'], 0x10: ['bit'], 0xf2: ['vector'], 0xf5: ['json'], 0xf7: ['enum'], 0xf8: ['set'],
  0xf9: ['tinytext', 'tinyblob'], 0xfa: ['mediumtext', 'mediumblob'], 0xfb: ['longtext', 'longblob'], 0xfc: ['text', 'blob'],
  0xfd: ['varchar', 'varbinary'], 0xfe: ['char', 'binary'], 0xff: ['geometry'],
};

export interface MysqlField {
  name: string;
  columnType: number;
  characterSet: number;
  flags: number;
  /** The database, table and column the value was read from; empty for expressions. */
  schema?: string;
  orgTable?: string;
  orgName?: string;
}

export function mysqlColumnMeta(fields: readonly MysqlField[]): ColumnMeta[] {
  return fields.map((field) => {
    const names = typeNames[field.columnType];
    const binary = field.characterSet === BINARY_CHARSET && names?.[1] !== undefined;
    return {
      name: field.name,
      dataType: names ? (binary ? names[1]! : names[0]) : `type ${field.columnType}`,
      nullable: (field.flags & NOT_NULL_FLAG) === 0,
      ...(field.schema && field.orgTable && field.orgName ? { origin: { schema: field.schema, table: field.orgTable, column: field.orgName } } : {}),
    };
  });
}
