import type { ColumnMeta, ExportFormat, RowsWindow } from '../../../../shared/query';
import { layoutFor } from './exportLayout';
import { exportFailure, PartialFile } from './partialFile';

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

/** Writes a stored result to `file` as UTF-8 CSV or JSON, a window of rows at a time with a yield between writes. */
export async function exportResultFile(source: ExportSource, file: string, options: { format: ExportFormat; headers: boolean }): Promise<ExportOutcome> {
  const layout = layoutFor(options.format, source.columns, { headers: options.headers });
  const out = await PartialFile.create(file);
  try {
    await out.write(layout.head);
    for (let offset = 0; offset < source.rowCount; offset += ROWS_PER_WRITE) {
      const window = source.read(offset, Math.min(ROWS_PER_WRITE, source.rowCount - offset), WHOLE_CELLS);
      await out.write(layout.rows(window.rows, offset === 0));
    }
    await out.write(layout.tail(source.rowCount > 0));
    await out.commit();
    return { path: file, rows: source.rowCount, bytes: out.bytes };
  } catch (error) {
    await out.abort();
    throw exportFailure(error, file);
  }
}
