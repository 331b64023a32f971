import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { BurrowError } from '../../../../shared/errors';
import type { ColumnInfo, CsvDelimiter, CsvReadOptions, ImportPreview } from '../../../../shared/query';
import { toErrorShape } from '../../errors';
import { runCommand } from '../edit/runCommand';
import { transactionSql } from '../edit/tableEditSql';
import type { DbConnection } from '../types';
import { detectDelimiter } from './csvDelimiter';
import { CsvParser, type CsvRecord } from './csvParser';
import { insertRows, planImport, rowsPerInsert, suggestColumns, type ImportColumn } from './importPlan';

type TableName = { schema: string | null; name: string };

/** What a running import shares with whoever may cancel it. */
export interface ImportControl {
  cancelled: boolean;
}

const PREVIEW_ROWS = 5;

const label = (table: TableName): string => (table.schema ? `${table.schema}.${table.name}` : table.name);

async function tableColumns(connection: DbConnection, table: TableName): Promise<ColumnInfo[]> {
  const info = await connection.introspect(table.schema ?? undefined);
  const found = info.tables.find((t) => t.name === table.name && (table.schema === null || t.schema === table.schema));
  if (!found) throw new BurrowError('NOT_FOUND', `there is no table ${label(table)} to import into`, { table: label(table) });
  if (found.kind !== 'table') throw new BurrowError('VALIDATION', `${label(table)} is a view: import into a table`, { table: label(table) });
  return found.columns;
}

/** How the file is read, with the defaults filled in (a missing delimiter is detected). */
interface ReadOptions {
  delimiter?: CsvDelimiter;
  header: boolean;
  emptyAsNull: boolean;
}

/**
 * The file's records with the bytes read so far; the stream is read only as fast as records are
 * taken. Without a delimiter, the first piece of text decides it (`onDelimiter` hears which).
 */
async function* csvRecords(path: string, options: CsvReadOptions, onDelimiter?: (delimiter: CsvDelimiter) => void): AsyncGenerator<{ record: CsvRecord; bytes: number }> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let parser: CsvParser | null = null;
  const parserFor = (text: string): CsvParser => {
    const delimiter = options.delimiter ?? detectDelimiter(text);
    onDelimiter?.(delimiter);
    return new CsvParser({ delimiter, emptyAsNull: options.emptyAsNull });
  };
  try {
    for await (const chunk of stream) {
      parser ??= parserFor(chunk as string);
      for (const record of parser.push(chunk as string)) yield { record, bytes: stream.bytesRead };
    }
    for (const record of (parser ?? parserFor('')).end()) yield { record, bytes: stream.bytesRead };
  } catch (error) {
    if (error instanceof BurrowError) throw error;
    throw new BurrowError('IMPORT_FAILED', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { path });
  } finally {
    stream.destroy();
  }
}

const emptyFile = (path: string): BurrowError => new BurrowError('VALIDATION', `${path} is empty: there is nothing to import`, { path });

/** Labels for a file's columns: the header's names, or "column 1", "column 2"… */
function fileColumnLabels(first: CsvRecord, header: boolean): string[] {
  return first.fields.map((name, index) => (header ? (name ?? '') : `column ${index + 1}`));
}

/** The file's first rows and the table column each file column would fill; nothing is written. */
export async function previewCsvImport(connection: DbConnection, table: TableName, path: string, options: CsvReadOptions): Promise<ImportPreview> {
  const columns = await tableColumns(connection, table);
  const read = readOptions(options);
  const records: CsvRecord[] = [];
  for await (const { record } of csvRecords(path, read, (delimiter) => (read.delimiter = delimiter))) {
    records.push(record);
    if (records.length >= PREVIEW_ROWS + (read.header ? 1 : 0)) break;
  }
  const first = records[0];
  if (!first) throw emptyFile(path);
  const fileColumns = fileColumnLabels(first, read.header);
  return {
    delimiter: read.delimiter ?? ',',
    fileColumns,
    sample: records.slice(read.header ? 1 : 0).map((r) => r.fields),
    tableColumns: columns.map((column) => ({ name: column.name, dataType: column.dataType })),
    suggested: suggestColumns(columns, fileColumns, read.header),
    bytes: (await stat(path)).size,
  };
}

function readOptions(options: CsvReadOptions): ReadOptions {
  return { header: options.header ?? true, emptyAsNull: options.emptyAsNull ?? true, ...(options.delimiter ? { delimiter: options.delimiter } : {}) };
}

/**
 * The plan for the file's first record: the mapping given, else the suggestion, which must then
 * place every file column (a name the table lacks stops the import rather than losing its data).
 */
function planFor(columns: readonly ColumnInfo[], table: TableName, first: CsvRecord, header: boolean, mapping: readonly (string | null)[] | undefined): ImportColumn[] {
  if (mapping) {
    if (mapping.length !== first.fields.length) {
      throw new BurrowError('VALIDATION', `the import maps ${mapping.length} file columns, but line ${first.line} has ${first.fields.length}: preview the file again`, { line: first.line });
    }
    return planImport(columns, mapping, label(table)).columns;
  }
  const labels = fileColumnLabels(first, header);
  const suggested = suggestColumns(columns, labels, header);
  const unplaced = labels.filter((_name, index) => suggested[index] === null);
  if (unplaced.length > 0) {
    throw new BurrowError('VALIDATION', `the file's columns ${unplaced.join(', ')} match no column of ${label(table)}: map each to a column or leave it out`, { unknown: unplaced });
  }
  return planImport(columns, suggested, label(table)).columns;
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
 * Loads a CSV file into `table` in one transaction: every row or none. The mapping (or, without
 * one, the header's names: see planFor) says which table column each file column fills; every
 * record must have as many fields as the first. Rows go in multi-row INSERTs
 * with bind parameters. When the server refuses a batch, its rows are tried one by one (in a
 * transaction rolled back again) to name the line that fails.
 */
export async function importCsvFile(
  connection: DbConnection,
  table: TableName,
  source: { path: string; options: CsvReadOptions; columns?: readonly (string | null)[] },
  control: ImportControl,
  onProgress: (rows: number, bytes: number) => void,
): Promise<{ rows: number }> {
  const { path } = source;
  const read = readOptions(source.options);
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
    let fields = 0;
    for await (const item of csvRecords(path, read)) {
      if (control.cancelled) throw new BurrowError('CANCELLED', 'the import was cancelled');
      const { record } = item;
      bytes = item.bytes;
      if (!plan) {
        plan = planFor(columns, table, record, read.header, source.columns);
        fields = record.fields.length;
        batchSize = rowsPerInsert(connection.engine, plan.length);
        if (read.header) continue;
      }
      if (record.fields.length !== fields) {
        throw new BurrowError('VALIDATION', `line ${record.line}: ${record.fields.length} fields, but the first line has ${fields}`, { line: record.line });
      }
      batch.push(record);
      if (batch.length >= batchSize) await flush(bytes);
    }
    if (!plan) throw emptyFile(path);
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
