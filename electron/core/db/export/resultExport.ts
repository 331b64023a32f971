import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnMeta, RowsWindow } from '../../../../shared/query';
import { BurrowError } from '../../../../shared/errors';
import { csvRecord } from './csv';

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

export interface ExportOutcome {
  path: string;
  rows: number;
  bytes: number;
}

/**
 * Writes a stored result to `file` as UTF-8 CSV, a window of rows at a time with a yield between
 * writes. It writes a temporary file beside the target and renames it at the end, so a failed or
 * interrupted export never leaves a half file under the chosen name, nor replaces a good one.
 */
export async function exportCsv(source: ExportSource, file: string, options: { headers: boolean }): Promise<ExportOutcome> {
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
    if (options.headers) await write(csvRecord(source.columns.map((column) => column.name)));
    for (let offset = 0; offset < source.rowCount; offset += ROWS_PER_WRITE) {
      const window = source.read(offset, Math.min(ROWS_PER_WRITE, source.rowCount - offset), WHOLE_CELLS);
      await write(window.rows.map(csvRecord).join(''));
    }
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
