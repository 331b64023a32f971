import { z } from 'zod';
import { engineSchema, tlsModeSchema } from './profile';

/**
 * Requests and results of the database layer (electron/core/db): connect, run SQL into the result
 * store, page through stored rows, cancel, introspect and browse. Every operation takes one plain
 * payload and returns JSON-able data; cell values are never JS numbers, so nothing loses precision.
 */

const idSchema = z.string().min(1).max(64);

/** TLS settings with the PEM material already read from the user's files (see shared/profile tlsSchema). */
export const tlsMaterialSchema = z
  .object({
    mode: tlsModeSchema.default('prefer'),
    caPem: z.string().max(1_000_000).optional(),
    clientCertPem: z.string().max(1_000_000).optional(),
    clientKeyPem: z.string().max(1_000_000).optional(),
    serverName: z.string().trim().min(1).max(255).optional(),
  })
  .strict();
export type TlsMaterial = z.output<typeof tlsMaterialSchema>;

const rowLimitSchema = z
  .number({ error: 'rowLimit must be a number' })
  .int('rowLimit must be a whole number')
  .min(1, 'rowLimit must be between 1 and 100000000')
  .max(100_000_000, 'rowLimit must be between 1 and 100000000');

/** How to log in; where the bytes go (a tunnel stream, TCP, a file) is given separately. */
export const dbConnectConfigSchema = z
  .object({
    engine: engineSchema,
    /** Host as the server sees it; also the TLS name unless `tls.serverName` is set. Empty for sqlite. */
    host: z.string().max(255).default(''),
    port: z.number().int().min(1).max(65535).nullable().default(null),
    /** Database name; for sqlite, the file path. */
    database: z.string().max(4096).default(''),
    user: z.string().max(512).default(''),
    password: z.string().max(4096).default(''),
    tls: tlsMaterialSchema.default({ mode: 'prefer' }),
    connectTimeoutMs: z.number().int().min(100).max(300_000).default(20_000),
    /** The server refuses writes: sqlite opens the file read-only, PostgreSQL and MySQL make the session's transactions read-only. */
    readOnly: z.boolean().default(false),
    /** Applied to row-returning statements when a run does not say otherwise; null means no limit. */
    defaultRowLimit: rowLimitSchema.nullable().default(1000),
  })
  .strict();
export type DbConnectConfig = z.output<typeof dbConnectConfigSchema>;
export type DbConnectConfigInput = z.input<typeof dbConnectConfigSchema>;

export const connectionInfoSchema = z.object({
  connectionId: idSchema,
  engine: engineSchema,
  serverVersion: z.string(),
  database: z.string(),
  tls: z.boolean(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const connectionIdRequestSchema = z.object({ connectionId: idSchema }).strict();
export const dbCloseRequestSchema = connectionIdRequestSchema;

export const queryRunRequestSchema = z
  .object({
    connectionId: idSchema,
    sql: z.string().min(1, 'SQL is required').max(16 * 1024 * 1024, 'SQL is at most 16 MB'),
    /** Absent: the connection's default; null: no limit for this run. */
    rowLimit: rowLimitSchema.nullable().optional(),
  })
  .strict();
export type QueryRunRequest = z.output<typeof queryRunRequestSchema>;

export const columnMetaSchema = z.object({
  name: z.string(),
  /** The database's own type name (`int8`, `varchar`, `datetimeoffset`, ...). */
  dataType: z.string(),
  /** null where the driver does not say. */
  nullable: z.boolean().nullable(),
  /**
   * The table column this result column reads, where the driver says so (PostgreSQL, MySQL/MariaDB,
   * SQLite); absent for expressions. PostgreSQL fills it once the result is complete.
   */
  origin: z.object({ schema: z.string(), table: z.string(), column: z.string() }).optional(),
});
export type ColumnMeta = z.infer<typeof columnMetaSchema>;

/** One statement's outcome: a result set (rows) or a command tag. */
export const resultSummarySchema = z.object({
  resultId: idSchema,
  index: z.number().int(),
  kind: z.enum(['rows', 'command']),
  columns: z.array(columnMetaSchema),
  /** Rows stored so far (grows while `complete` is false). */
  rowCount: z.number().int(),
  complete: z.boolean(),
  /** The row limit cut the result: the server had more rows. */
  limited: z.boolean(),
  /** The store's byte budget was reached; rows after `rowCount` were not kept. */
  budgetExceeded: z.boolean(),
  /** Command tag (`INSERT`, `UPDATE`, `CREATE TABLE`, ...) where the server gives one. */
  command: z.string().nullable(),
  rowsAffected: z.number().int().nullable(),
  storedBytes: z.number().int(),
});
export type ResultSummary = z.infer<typeof resultSummarySchema>;

export const errorShapeSchema = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const runStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type RunState = z.infer<typeof runStateSchema>;

export const runStatusSchema = z.object({
  runId: idSchema,
  connectionId: idSchema,
  state: runStateSchema,
  results: z.array(resultSummarySchema),
  error: errorShapeSchema.nullable(),
  elapsedMs: z.number(),
  /** The SQL holds a statement that changes the schema (CREATE, ALTER, DROP, ...): refresh the schema tree when the run ends. */
  changesSchema: z.boolean(),
});
export type RunStatus = z.infer<typeof runStatusSchema>;

export const queryStatusRequestSchema = z
  .object({
    runId: idSchema,
    /** Long-poll: answer as soon as anything changes, or after this long. */
    waitMs: z.number().int().min(0).max(30_000).default(0),
  })
  .strict();
export const queryCancelRequestSchema = z.object({ runId: idSchema }).strict();
export const queryReleaseRequestSchema = z.object({ runId: idSchema }).strict();

export const queryRowsRequestSchema = z
  .object({
    resultId: idSchema,
    offset: z.number().int().min(0, 'offset must not be negative'),
    limit: z.number().int().min(1).max(10_000, 'limit is at most 10000 rows'),
    /** Longer text or binary cells come back cut, as a `long` / `binary` cell with their full length. */
    maxCellBytes: z.number().int().min(16).max(16 * 1024 * 1024).default(256 * 1024),
  })
  .strict();
export type QueryRowsRequest = z.input<typeof queryRowsRequestSchema>;

/**
 * A cell: text (numbers, dates with their zone, JSON, arrays, uuid all as the server's exact text),
 * a boolean, NULL, binary as hex with its byte length, or text cut at `maxCellBytes`.
 */
export const cellSchema = z.union([
  z.string(),
  z.boolean(),
  z.null(),
  z.object({ kind: z.literal('binary'), hex: z.string(), length: z.number().int(), truncated: z.boolean() }),
  z.object({ kind: z.literal('long'), text: z.string(), length: z.number().int() }),
]);
export type Cell = z.infer<typeof cellSchema>;

export const rowsWindowSchema = z.object({
  resultId: idSchema,
  offset: z.number().int(),
  rows: z.array(z.array(cellSchema)),
  rowCount: z.number().int(),
  complete: z.boolean(),
});
export type RowsWindow = z.infer<typeof rowsWindowSchema>;

/** CSV (RFC 4180) or JSON (an array of objects keyed by column name). */
export const exportFormatSchema = z.enum(['csv', 'json'], { error: 'format must be csv or json' });
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Saves a stored result as a file the user picks in a save dialog (main shows it; the renderer never names a path). */
export const queryExportRequestSchema = z
  .object({
    resultId: idSchema,
    format: exportFormatSchema.default('csv'),
    /** CSV: a first record with the column names (JSON objects always carry them). */
    headers: z.boolean().default(true),
  })
  .strict();
export type QueryExportRequest = z.input<typeof queryExportRequestSchema>;
/** `path` is null when the user cancelled the dialog. */
export const queryExportResultSchema = z.object({ path: z.string().nullable(), rows: z.number().int(), bytes: z.number().int() });
export type QueryExportResult = z.infer<typeof queryExportResultSchema>;

// Introspection

export const introspectRequestSchema = z
  .object({
    connectionId: idSchema,
    /** Only this schema (or, for MySQL, database); absent means every user schema of the current database. */
    schema: z.string().min(1).max(255).optional(),
  })
  .strict();

export const columnInfoSchema = z.object({
  name: z.string(),
  dataType: z.string(),
  nullable: z.boolean(),
  default: z.string().nullable(),
  primaryKey: z.boolean(),
  ordinal: z.number().int(),
  /** MySQL and MariaDB: what restating the column (MODIFY) has to keep. */
  mysql: z
    .object({
      /** information_schema's EXTRA: auto_increment, on update …, generated. */
      extra: z.string(),
      comment: z.string(),
      charset: z.string().nullable(),
      collation: z.string().nullable(),
      generated: z.boolean(),
    })
    .optional(),
});
export const indexInfoSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  unique: z.boolean(),
  primary: z.boolean(),
});
export const foreignKeyInfoSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  referencedSchema: z.string().nullable(),
  referencedTable: z.string(),
  referencedColumns: z.array(z.string()),
});
export const tableInfoSchema = z.object({
  schema: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['table', 'view']),
  /** The planner's estimate, not a count; null when the engine keeps none. */
  estimatedRows: z.number().nullable(),
  columns: z.array(columnInfoSchema),
  indexes: z.array(indexInfoSchema),
  foreignKeys: z.array(foreignKeyInfoSchema),
});
export const schemaInfoSchema = z.object({
  databases: z.array(z.string()),
  currentDatabase: z.string(),
  schemas: z.array(z.string()),
  tables: z.array(tableInfoSchema),
});
export type ColumnInfo = z.infer<typeof columnInfoSchema>;
export type IndexInfo = z.infer<typeof indexInfoSchema>;
export type ForeignKeyInfo = z.infer<typeof foreignKeyInfoSchema>;
export type TableInfo = z.infer<typeof tableInfoSchema>;
export type SchemaInfo = z.infer<typeof schemaInfoSchema>;

// Table browsing

/** A table by schema (null: the connection's default) and name, as every table request names it. */
const tableRefSchema = z.object({ schema: z.string().min(1).max(255).nullable().default(null), name: z.string().min(1).max(255) }).strict();

export const filterOperatorSchema = z.enum(['=', '<>', '<', '<=', '>', '>=', 'like', 'not like', 'is null', 'is not null', 'in']);
export type FilterOperator = z.infer<typeof filterOperatorSchema>;

export const browseFilterSchema = z
  .object({
    column: z.string().min(1).max(255),
    op: filterOperatorSchema,
    /** Compared as the server converts text to the column's type; a list for `in`; absent for the null tests. */
    value: z.union([z.string().max(65_536), z.array(z.string().max(65_536)).min(1).max(1000)]).optional(),
  })
  .strict()
  .superRefine((filter, ctx) => {
    const needsNone = filter.op === 'is null' || filter.op === 'is not null';
    if (needsNone && filter.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `${filter.op} takes no value` });
    if (!needsNone && filter.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `${filter.op} needs a value` });
    if (filter.op === 'in' && !Array.isArray(filter.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'in needs a list of values' });
    if (filter.op !== 'in' && Array.isArray(filter.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: `${filter.op} takes one value` });
  });
export type BrowseFilter = z.infer<typeof browseFilterSchema>;

/** A browser's sort (first key first) and filters (all must hold), as its pages, count and export take them. */
const browseSortSchema = z.array(z.object({ column: z.string().min(1).max(255), direction: z.enum(['asc', 'desc']) }).strict()).max(16).default([]);
const browseFiltersSchema = z.array(browseFilterSchema).max(32).default([]);

export const browseRequestSchema = z
  .object({
    connectionId: idSchema,
    table: tableRefSchema,
    sort: browseSortSchema,
    filters: browseFiltersSchema,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).default(300),
    maxCellBytes: z.number().int().min(16).max(16 * 1024 * 1024).default(256 * 1024),
  })
  .strict();
export type BrowseRequest = z.input<typeof browseRequestSchema>;

/** How many rows a table browser's filters let through (COUNT(*) with the same WHERE as its pages). */
export const countRequestSchema = z
  .object({
    connectionId: idSchema,
    table: tableRefSchema,
    filters: browseFiltersSchema,
  })
  .strict();
export const countResultSchema = z.object({ rows: z.number().int().min(0) });

export const browsePageSchema = z.object({
  columns: z.array(columnMetaSchema),
  rows: z.array(z.array(cellSchema)),
  offset: z.number().int(),
  hasMore: z.boolean(),
});
export type BrowsePage = z.infer<typeof browsePageSchema>;

/** A whole table's export also offers SQL: one INSERT per row, in the engine's quoting. */
export const tableExportFormatSchema = z.enum(['csv', 'json', 'sql'], { error: 'format must be csv, json or sql' });
/** Any file an export writes; what a save dialog filters by. */
export type FileFormat = z.infer<typeof tableExportFormatSchema>;

/**
 * Streams a whole table (with a browser's filters and sort) to a file the user picks, on a
 * connection of its own, so the session's queries go on meanwhile. Rows go from the driver to the
 * file without passing through the result store, so no row limit or store budget applies.
 * `exportId` is chosen by the caller, to follow progress (`query.onExportProgress`) and to cancel.
 */
export const tableExportRequestSchema = z
  .object({
    connectionId: idSchema,
    exportId: idSchema,
    table: tableRefSchema,
    sort: browseSortSchema,
    filters: browseFiltersSchema,
    format: tableExportFormatSchema.default('csv'),
    /** CSV: a first record with the column names. */
    headers: z.boolean().default(true),
  })
  .strict();
export type TableExportRequest = z.input<typeof tableExportRequestSchema>;

/**
 * Sends a query the user ran again, on a connection of its own and without the row limit, and
 * streams every row to a file: for a result cut by the row limit or the store's budget. The SQL
 * must be one statement that only reads.
 */
export const queryExportAllRequestSchema = z
  .object({
    connectionId: idSchema,
    exportId: idSchema,
    sql: z.string().min(1).max(1_000_000),
    format: exportFormatSchema.default('csv'),
    headers: z.boolean().default(true),
  })
  .strict();

/** How a CSV file is read. An omitted delimiter is detected from the first line. */
export const csvDelimiterSchema = z.enum([',', ';', '\t', '|']);
export type CsvDelimiter = z.infer<typeof csvDelimiterSchema>;
export const csvReadOptionsSchema = z
  .object({
    delimiter: csvDelimiterSchema.optional(),
    /** The first line names the columns (else every line is data). */
    header: z.boolean().default(true),
    /** An unquoted empty field is NULL (PostgreSQL COPY's convention), else the empty string. */
    emptyAsNull: z.boolean().default(true),
  })
  .strict();
export type CsvReadOptions = z.input<typeof csvReadOptionsSchema>;

/** The most file columns an import maps, as many as a result may have. */
const MAX_IMPORT_COLUMNS = 1000;

/**
 * Loads a CSV file (picked with the host's open dialog: `path` comes from `dialogs.pickFile`) into a
 * table, in one transaction on a connection of its own: every row or none. `columns` says, for each
 * file column in order, the table column it fills or null to leave it out; without it the header's
 * names are matched to the table's. Table columns no file column fills get their default.
 */
export const tableImportRequestSchema = z
  .object({
    connectionId: idSchema,
    importId: idSchema,
    table: tableRefSchema,
    path: z.string().min(1).max(4096),
    options: csvReadOptionsSchema.default({ header: true, emptyAsNull: true }),
    columns: z.array(z.string().min(1).max(255).nullable()).min(1).max(MAX_IMPORT_COLUMNS).optional(),
  })
  .strict();
export const tableImportResultSchema = z.object({ rows: z.number().int() });
export const importPreviewRequestSchema = tableImportRequestSchema.omit({ importId: true, columns: true });
/** The file's first records and how its columns meet the table's, before anything is written. */
export const importPreviewSchema = z.object({
  /** The delimiter used (the one asked for, or the one detected). */
  delimiter: csvDelimiterSchema,
  /** A label per file column: the header's names, or "column 1", "column 2"… without a header. */
  fileColumns: z.array(z.string()),
  sample: z.array(z.array(z.string().nullable())),
  /** The table's columns, in order, with their types. */
  tableColumns: z.array(z.object({ name: z.string(), dataType: z.string() })),
  /**
   * For each file column, the table column it would fill by default: the header name matched
   * (exactly, else the one match without regard to case), or the same position without a header;
   * null where nothing matches (the user must choose a column or leave it out).
   */
  suggested: z.array(z.string().nullable()),
  bytes: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export const importCancelRequestSchema = z.object({ importId: idSchema }).strict();
export const importProgressSchema = z.object({ importId: idSchema, rows: z.number().int(), bytes: z.number().int() });
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** Stops a table or query export by the id its caller chose. */
export const exportCancelRequestSchema = z.object({ exportId: idSchema }).strict();
export const exportProgressSchema = z.object({ exportId: idSchema, rows: z.number().int(), bytes: z.number().int() });
export type ExportProgress = z.infer<typeof exportProgressSchema>;

// Table editing

const editColumnSchema = z.string().min(1).max(255);
/** A value as text the server converts to the column's type; null is SQL NULL. */
const editValueSchema = z.string().max(16 * 1024 * 1024, 'a value is at most 16 MB').nullable();
const columnValuesSchema = z.record(editColumnSchema, editValueSchema).refine((values) => Object.keys(values).length <= 1000, 'at most 1000 columns');
/** The row's primary key: every key column with the value the row had when it was read. */
const rowKeySchema = columnValuesSchema.refine((key) => Object.keys(key).length > 0, 'a row key needs at least one column');

export const tableEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), key: rowKeySchema, set: columnValuesSchema.refine((set) => Object.keys(set).length > 0, 'an update sets at least one column') }).strict(),
  /** Columns left out get their defaults. */
  z.object({ kind: z.literal('insert'), values: columnValuesSchema }).strict(),
  z.object({ kind: z.literal('delete'), key: rowKeySchema }).strict(),
]);
export type TableEdit = z.infer<typeof tableEditSchema>;

/**
 * Changes to one table's rows, applied in one transaction in order: all of them or none. An
 * update or delete must find exactly its row by key, else nothing is applied (CONFLICT).
 */
export const tableEditRequestSchema = z
  .object({
    connectionId: idSchema,
    table: tableRefSchema,
    edits: z.array(tableEditSchema).min(1, 'nothing to save').max(10_000, 'at most 10000 changes at once'),
  })
  .strict();
export type TableEditRequest = z.input<typeof tableEditRequestSchema>;
export const tableEditResultSchema = z.object({ updated: z.number().int(), inserted: z.number().int(), deleted: z.number().int() });
export type TableEditResult = z.infer<typeof tableEditResultSchema>;
