import type { Engine } from '../../../../shared/profile';
import type { Cell, ColumnMeta, FileFormat } from '../../../../shared/query';
import { csvRecord } from '../../../../shared/export/csv';
import { jsonRowWriter } from '../../../../shared/export/json';
import { insertRowWriter, isCutCell, type TableName } from '../../../../shared/export/sqlInsert';

/** How a format frames rows that arrive in batches: text before them, each batch, and text after them. */
export interface ExportLayout {
  head: string;
  rows(rows: readonly (readonly Cell[])[], first: boolean): string;
  tail(anyRows: boolean): string;
}

export interface LayoutOptions {
  /** CSV: a first record with the column names. */
  headers: boolean;
  /** SQL: the engine whose quoting the INSERTs use and the table they fill. */
  engine?: Engine;
  table?: TableName | null;
}

export function layoutFor(format: FileFormat, columns: readonly ColumnMeta[], options: LayoutOptions): ExportLayout {
  if (format === 'csv') {
    return { head: options.headers ? csvRecord(columns.map((column) => column.name)) : '', rows: (rows) => rows.map(csvRecord).join(''), tail: () => '' };
  }
  if (format === 'sql') {
    if (!options.engine) throw new Error('an SQL export needs the engine whose syntax it writes');
    const insert = insertRowWriter(options.engine, options.table ?? null, columns);
    return {
      head: '',
      rows: (rows) => {
        if (rows.some((row) => row.some(isCutCell))) throw new Error('a value was cut, so an INSERT would not hold it');
        return rows.map((row) => `${insert(row)}\n`).join('');
      },
      tail: () => '',
    };
  }
  // One object per line inside an array, so a large file stays readable and greppable.
  const object = jsonRowWriter(columns);
  return {
    head: '[',
    rows: (rows, first) => (rows.length === 0 ? '' : (first ? '\n' : ',\n') + rows.map(object).join(',\n')),
    tail: (anyRows) => (anyRows ? '\n]\n' : ']\n'),
  };
}
