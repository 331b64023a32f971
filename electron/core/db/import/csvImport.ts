import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { BurrowError } from '../../../../shared/errors';
import type { ColumnInfo, ImportPreview } from '../../../../shared/query';
import { toErrorShape } from '../../errors';
import { runCommand } from '../edit/runCommand';
import { transactionSql } from '../edit/tableEditSql';
import type { DbConnection } from '../types';
import { CsvParser, type CsvRecord } from './csvParser';
import { insertRows, planImport, rowsPerInsert, type ImportColumn } from './importPlan';

type TableName = { schema: string | null; name: string };

/** What a running import shares with whoever may cancel it. */
export interface ImportControl {
  cancelled: boolean;
}

const PREVIEW_RECORDS = 6;

const label = (table: TableName): string => (table.schema ? `${table.schema}.${table.name}` : table.name);

async function tableColumns(connection: DbConnection, table: TableName): Promise<ColumnInfo[]> {
  const info = await connection.introspect(table.schema ?? undefined);
  const found = info.tables.find((t) => t.name === table.name && (table.schema === null || t.schema === table.schema));
  if (!found) throw new BurrowError('NOT_FOUND', `there is no table ${label(table)} to import into`, { table: label(table) });
  if (found.kind !== 'table') throw new BurrowError('VALIDATION', `${label(table)} is a view: import into a table`, { table: label(table) });
  return found.columns;
}

/** The file's records with the bytes read so far; the stream is read only as fast as records are taken. */
async function* csvRecords(path: string): AsyncGenerator<{ record: CsvRecord; bytes: number }> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const parser = new CsvParser();
  try {
    for await (const chunk of stream) {
      for (const record of parser.push(chunk as string)) yield { record, bytes: stream.bytesRead };
    }
    for (const record of parser.end()) yield { record, bytes: stream.bytesRead };
  } catch (error) {
    if (error instanceof BurrowError) throw error;
    throw new BurrowError('IMPORT_FAILED', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { path });
  } finally {
    stream.destroy();
  }
}

/** The file's header and first rows, and how its columns meet the table's; nothing is written. */
export async function previewCsvImport(connection: DbConnection, table: TableName, path: string): Promise<ImportPreview> {
  const columns = await tableColumns(connection, table);
  const records: CsvRecord[] = [];
  for await (const { record } of csvRecords(path)) {
    records.push(record);
    if (records.length >= PREVIEW_RECORDS) break;
  }
  const header = records[0]?.fields;
  if (!header) throw new BurrowError('VALIDATION', `${path} is empty: its first line should name the columns`, { path });
  const names = header.map((name) => name ?? '');
  const plan = planImport(columns, names);
  return { header: names, sample: records.slice(1).map((r) => r.fields), unknown: plan.unknown, missing: plan.missing, bytes: (await stat(path)).size };
}

/** A batch the server refused, with its rows, so the failing line can be found. */
class BatchFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly rows: CsvRecord[],
  ) {
    super('batch failed');
  }
}

/**
 * Loads a CSV file into `table` in one transaction: every row or none. The first record names the
 * columns (see planImport); each later one must have as many fields. Rows go in multi-row INSERTs
 * with bind parameters. When the server refuses a batch, its rows are tried one by one (in a
 * transaction rolled back again) to name the line that fails.
 */
export async function importCsvFile(
  connection: DbConnection,
  table: TableName,
  path: string,
  control: ImportControl,
  onProgress: (rows: number, bytes: number) => void,
): Promise<{ rows: number }> {
  const columns = await tableColumns(connection, table);
  const tx = transactionSql(connection.engine);
  let plan: ImportColumn[] | null = null;
  let batchSize = 0;
  let batch: CsvRecord[] = [];
  let rows = 0;
  const flush = async (bytes: number): Promise<void> => {
    if (batch.length === 0 || !plan) return;
    const statement = insertRows(connection.engine, table, plan, batch);
    try {
      await runCommand(connection, statement.sql, statement.params);
    } catch (error) {
      throw new BatchFailed(error, batch);
    }
    rows += batch.length;
    batch = [];
    onProgress(rows, bytes);
  };
  await runCommand(connection, tx.begin);
  try {
    let bytes = 0;
    for await (const item of csvRecords(path)) {
      if (control.cancelled) throw new BurrowError('CANCELLED', 'the import was cancelled');
      const { record } = item;
      bytes = item.bytes;
      if (!plan) {
        const found = planImport(columns, record.fields.map((name) => name ?? ''));
        if (found.unknown.length > 0) {
          throw new BurrowError('VALIDATION', `the file names columns ${label(table)} does not have: ${found.unknown.join(', ')}`, { unknown: found.unknown });
        }
        plan = found.columns;
        batchSize = rowsPerInsert(connection.engine, plan.length);
        continue;
      }
      if (record.fields.length !== plan.length) {
        throw new BurrowError('VALIDATION', `line ${record.line}: ${record.fields.length} fields, but the first line names ${plan.length} columns`, { line: record.line });
      }
      batch.push(record);
      if (batch.length >= batchSize) await flush(bytes);
    }
    if (!plan) throw new BurrowError('VALIDATION', `${path} is empty: its first line should name the columns`, { path });
    await flush(bytes);
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the import was cancelled');
    await runCommand(connection, tx.commit);
    return { rows };
  } catch (error) {
    await runCommand(connection, tx.rollback).catch(() => {});
    if (control.cancelled) throw new BurrowError('CANCELLED', 'the import was cancelled; nothing was imported');
    if (error instanceof BatchFailed) throw await describeFailure(connection, table, plan!, error);
    const shape = toErrorShape(error);
    throw new BurrowError(shape.code, `${shape.message}; nothing was imported`, shape.detail);
  }
}

/** Finds the refused batch's failing line by trying its rows one at a time, then rolls that back too. */
async function describeFailure(connection: DbConnection, table: TableName, columns: ImportColumn[], failed: BatchFailed): Promise<BurrowError> {
  const shape = toErrorShape(failed.reason);
  const tx = transactionSql(connection.engine);
  let culprit: { line: number; shape: ReturnType<typeof toErrorShape> } | null = null;
  try {
    await runCommand(connection, tx.begin);
    for (const record of failed.rows) {
      const statement = insertRows(connection.engine, table, columns, [record]);
      try {
        await runCommand(connection, statement.sql, statement.params);
      } catch (error) {
        culprit = { line: record.line, shape: toErrorShape(error) };
        break;
      }
    }
  } catch {
    // Finding the line is a courtesy; the batch's own error still stands.
  } finally {
    await runCommand(connection, tx.rollback).catch(() => {});
  }
  if (culprit) return new BurrowError(culprit.shape.code, `line ${culprit.line}: ${culprit.shape.message}; nothing was imported`, { ...culprit.shape.detail, line: culprit.line });
  const first = failed.rows[0]!.line;
  const last = failed.rows.at(-1)!.line;
  return new BurrowError(shape.code, `lines ${first}–${last}: ${shape.message}; nothing was imported`, { ...shape.detail, line: first });
}
