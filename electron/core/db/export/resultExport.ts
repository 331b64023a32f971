import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnMeta, ExportFormat, RowsWindow } from '../../../../shared/query';
import { BurrowError } from '../../../../shared/errors';
import { csvRecord } from '../../../../shared/export/csv';
import { jsonRowWriter } from '../../../../shared/export/json';

/** Rows read from the store per write: large enough for few writes, small enough to keep main responsive. */
const ROWS_PER_WRITE = 2_000;
/** Whole cells: an export is not a screen, so no cell is cut. */
const WHOLE_CELLS = Number.MAX_SAFE_INTEGER;

export interface ExportSource {
  columns: readonly ColumnMeta[];
  /** Rows stored when the export starts; rows arriving later are not part of it. */
  rowCount: number;
  read(offset: number, limit: number, maxCellBytes: number): RowsWindow;
}

/** How a format frames the rows: text before them, each window's rows, and text after them. */
interface Layout {
  head: string;
  rows(rows: readonly RowsWindow['rows'][number][], first: boolean): string;
  tail: string;
}

function layoutFor(format: ExportFormat, columns: readonly ColumnMeta[], headers: boolean, rowCount: number): Layout {
  if (format === 'csv') {
    return { head: headers ? csvRecord(columns.map((column) => column.name)) : '', rows: (rows) => rows.map(csvRecord).join(''), tail: '' };
  }
  // One object per line inside an array, so a large file stays readable and greppable.
  const object = jsonRowWriter(columns);
  return {
    head: rowCount === 0 ? '[' : '[\n',
    rows: (rows, first) => (first ? '' : ',\n') + rows.map(object).join(',\n'),
    tail: rowCount === 0 ? ']\n' : '\n]\n',
  };
}

export interface ExportOutcome {
  path: string;
  rows: number;
  bytes: number;
}

/**
 * Writes a stored result to `file` as UTF-8 CSV or JSON, a window of rows at a time with a yield
 * between writes. It writes a temporary file beside the target and renames it at the end, so a
 * failed or interrupted export never leaves a half file under the chosen name, nor replaces a good one.
 */
export async function exportResultFile(source: ExportSource, file: string, options: { format: ExportFormat; headers: boolean }): Promise<ExportOutcome> {
  const layout = layoutFor(options.format, source.columns, options.headers, source.rowCount);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await open(temporary, 'wx').catch((error: NodeJS.ErrnoException) => {
    throw new BurrowError('EXPORT_FAILED', `cannot write in ${path.dirname(file)}: ${error.code ?? error.message}. Choose another folder.`, { path: file });
  });
  let stillOpen = true;
  let bytes = 0;
  try {
    const write = async (text: string): Promise<void> => {
      const buffer = Buffer.from(text, 'utf8');
      await handle.write(buffer);
      bytes += buffer.length;
    };
    if (layout.head) await write(layout.head);
    for (let offset = 0; offset < source.rowCount; offset += ROWS_PER_WRITE) {
      const window = source.read(offset, Math.min(ROWS_PER_WRITE, source.rowCount - offset), WHOLE_CELLS);
      await write(layout.rows(window.rows, offset === 0));
    }
    if (layout.tail) await write(layout.tail);
    await handle.sync();
    stillOpen = false;
    await handle.close();
    await rename(temporary, file);
    return { path: file, rows: source.rowCount, bytes };
  } catch (error) {
    if (stillOpen) await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    if (error instanceof BurrowError) throw error;
    throw new BurrowError('EXPORT_FAILED', `export to ${file} failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { path: file });
  }
}
