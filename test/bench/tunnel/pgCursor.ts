import { createRequire } from 'node:module';
import type pg from 'pg';

/** The part of pg-cursor the benchmark uses (the package ships no types). */
export interface PgCursor<Row> extends pg.Submittable {
  read(rowCount: number): Promise<Row[]>;
  close(): Promise<void>;
}

type PgCursorConstructor = new <Row>(text: string, values?: unknown[], config?: { rowMode?: 'array' }) => PgCursor<Row>;

const require = createRequire(import.meta.url);
const Cursor = require('pg-cursor') as PgCursorConstructor;

/** Opens a portal for `text`; each `read(n)` is one Execute round trip of at most n rows. */
export function openCursor<Row>(client: pg.Client, text: string): PgCursor<Row> {
  return client.query(new Cursor<Row>(text, undefined, { rowMode: 'array' }));
}
