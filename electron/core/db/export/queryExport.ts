import { BurrowError } from '../../../../shared/errors';
import type { FileFormat } from '../../../../shared/query';
import type { TableName } from '../../../../shared/export/sqlInsert';
import type { DbConnection, ResultWriter, RunSink } from '../types';
import { layoutFor } from './exportLayout';
import { FileRowWriter } from './fileRowWriter';
import { exportFailure, PartialFile } from './partialFile';

/** What a running export shares with whoever may cancel it. */
export interface ExportControl {
  cancelled: boolean;
  writer: FileRowWriter | null;
}

export interface QueryExport {
  sql: string;
  params: string[];
  format: FileFormat;
  /** CSV: a first record with the column names. */
  headers: boolean;
  /** SQL: the table the INSERTs fill. */
  table: TableName | null;
}

/** A second result set cannot come from the one statement; should a server send one, it is not written. */
const refusingWriter: ResultWriter = { push: () => false, markLimited: () => {}, end: () => {} };

/**
 * Streams every row of one query from `connection` into `file`, without the result store or a row
 * limit. The file appears only when every row is written; a cancel or a failure leaves no file.
 */
export async function streamQueryToFile(
  connection: DbConnection,
  query: QueryExport,
  file: string,
  control: ExportControl,
  onProgress: (rows: number, bytes: number) => void,
): Promise<{ path: string; rows: number; bytes: number }> {
  const out = await PartialFile.create(file);
  try {
    const sink: RunSink = {
      beginRows: (columns) => {
        if (control.writer) return refusingWriter;
        const layout = layoutFor(query.format, columns, { headers: query.headers, engine: connection.engine, table: query.table });
        // A file that cannot be written stops the query too, rather than reading the rest for nothing.
        control.writer = new FileRowWriter(columns, layout, out, onProgress, () => void connection.cancel().catch(() => {}));
        if (control.cancelled) control.writer.stop();
        return control.writer;
      },
      command: () => {},
    };
    await connection.run(query.sql, { rowLimit: null, params: query.params }, sink);
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the export was cancelled');
    if (!control.writer) throw new BurrowError('QUERY_FAILED', 'the query returned no rows to export (it answered with a command tag)');
    await control.writer.finish();
    // A cancel that came while the last rows were written still wins: the file is not put in place.
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the export was cancelled');
    await out.commit();
    return { path: file, rows: control.writer.rows, bytes: out.bytes };
  } catch (error) {
    await out.abort();
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the export was cancelled; no file was written');
    throw exportFailure(control.writer?.failed ?? error, file);
  }
}
