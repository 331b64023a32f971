import { BurrowError } from '../../../../shared/errors';
import type { ParsedTableExport } from '../../../../shared/query';
import { buildExportQuery } from '../browse/browseQuery';
import type { DbConnection, ResultWriter, RunSink } from '../types';
import { layoutFor } from './exportLayout';
import { FileRowWriter } from './fileRowWriter';
import { exportFailure, PartialFile } from './partialFile';

/** What a running export shares with whoever may cancel it. */
export interface ExportControl {
  cancelled: boolean;
  writer: FileRowWriter | null;
}

/** A second result set of the one SELECT cannot happen; should a server send one, it is not written. */
const refusingWriter: ResultWriter = { push: () => false, markLimited: () => {}, end: () => {} };

/**
 * Streams every row of a table (its browser's filters and sort applied) from `connection` into
 * `file`, in the request's format, without the result store. The file appears only when the whole
 * table is written; a cancel or a failure leaves no file behind.
 */
export async function streamTableToFile(
  connection: DbConnection,
  request: ParsedTableExport,
  file: string,
  control: ExportControl,
  onProgress: (rows: number, bytes: number) => void,
): Promise<{ path: string; rows: number; bytes: number }> {
  const query = buildExportQuery(connection.engine, request);
  const out = await PartialFile.create(file);
  try {
    const sink: RunSink = {
      beginRows: (columns) => {
        if (control.writer) return refusingWriter;
        const layout = layoutFor(request.format, columns, { headers: request.headers, engine: connection.engine, table: request.table });
        // A file that cannot be written stops the query too, rather than reading the rest of the table for nothing.
        control.writer = new FileRowWriter(columns, layout, out, onProgress, () => void connection.cancel().catch(() => {}));
        if (control.cancelled) control.writer.stop();
        return control.writer;
      },
      command: () => {},
    };
    await connection.run(query.sql, { rowLimit: null, params: query.params }, sink);
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the export was cancelled');
    if (!control.writer) throw new BurrowError('QUERY_FAILED', `the table query of ${request.table.name} returned no rows to export`);
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
