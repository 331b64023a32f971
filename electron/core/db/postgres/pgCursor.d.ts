declare module 'pg-cursor' {
  import type { Submittable } from 'pg';

  interface CursorConfig {
    rowMode?: 'array';
    types?: { getTypeParser(oid: number, format?: string): (value: string) => unknown };
  }

  /** The parts of pg-cursor 2.x that Burrow uses (the package ships no types). */
  import { EventEmitter } from 'node:events';

  export default class Cursor extends EventEmitter implements Submittable {
    constructor(text: string, values?: unknown[], config?: CursorConfig);
    submit(connection: unknown): void;
    read(rows: number): Promise<unknown[]>;
    close(): Promise<void>;
    /** Called by pg for each DataRow message of this cursor's portal. */
    handleDataRow(message: { fields: (string | null)[] }): void;
  }
}
