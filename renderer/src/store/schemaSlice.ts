import type { StateCreator } from 'zustand';
import type { BurrowErrorShape } from '../../../shared/errors';
import type { BrowsePage, BrowseRequest, SchemaInfo } from '../../../shared/query';
import { burrow } from '../ipc/client';
import { noEdits, type PendingEdits, type RowRef } from '../features/schema/tableEdits';

/** A refresh keeps showing the tree it had (`refreshing`), so expanded nodes and the scroll position stay. */
export type SchemaState =
  | { status: 'loading' }
  | { status: 'ready'; info: SchemaInfo; refreshing?: boolean }
  | { status: 'failed'; error: BurrowErrorShape };

export type BrowseTable = { schema: string | null; name: string };
export type BrowseSort = NonNullable<BrowseRequest['sort']>[number];
export type BrowseFilter = NonNullable<BrowseRequest['filters']>[number];

/** One table browser: what it asks for (sort, filters, page) and the page it shows. */
export interface BrowseView {
  id: string;
  sessionId: string;
  table: BrowseTable;
  sort: BrowseSort[];
  filters: BrowseFilter[];
  offset: number;
  limit: number;
  page: BrowsePage | null;
  loading: boolean;
  error: string | null;
  /** Unsaved changes to the page's rows (see TableEditSlice); any new page read drops them. */
  pending: PendingEdits;
  selected: RowRef | null;
  saving: boolean;
  /** The last save's outcome; a failed one keeps `pending` and may point at the row that failed. */
  saved: string | null;
  saveError: { text: string; row: RowRef | null } | null;
  /** The exact row count behind the filters: counted on its own for tables estimated small, on request for big ones. */
  count: CountState;
  /** How the schema tree's menu opened it: with its export dialog up, or on its Structure view. */
  openedFor?: 'export' | 'structure';
}

export type CountState = { state: 'none' } | { state: 'counting' } | { state: 'done'; rows: number } | { state: 'failed'; error: string };

/** Tables the planner estimates at fewer rows than this (or cannot estimate) are counted without asking. */
export const AUTO_COUNT_MAX_ROWS = 200_000;

export interface SchemaSlice {
  /** Introspection per session id. */
  schemas: Record<string, SchemaState>;
  /** Table browsers by id; a browser tab in the workspace points at one. */
  browsers: Record<string, BrowseView>;
  loadSchema(sessionId: string): Promise<void>;
  /** `filters`: the browser starts narrowed (a foreign key followed from another table). */
  openBrowser(id: string, sessionId: string, table: BrowseTable, filters?: BrowseFilter[], options?: { openedFor?: 'export' | 'structure' }): void;
  browse(id: string, change?: Partial<Pick<BrowseView, 'sort' | 'filters' | 'offset'>>): Promise<void>;
  closeBrowser(id: string): void;
  /** Counts the rows behind the browser's filters (COUNT(*) on the session, after any queued run). */
  countRows(id: string): Promise<void>;
}

export const BROWSE_PAGE_ROWS = 300;

/** Pure: the sort after clicking a column header (ascending, then descending, then off). */
export function nextSort(sort: readonly BrowseSort[], column: string): BrowseSort[] {
  const current = sort.find((s) => s.column === column);
  if (!current) return [{ column, direction: 'asc' }];
  if (current.direction === 'asc') return [{ column, direction: 'desc' }];
  return [];
}

/** Pure: whether a browser counts its rows without being asked: the table is estimated small, or not estimated. */
export function countsByItself(schema: SchemaState | undefined, table: BrowseTable): boolean {
  if (schema?.status !== 'ready') return false;
  const info = schema.info.tables.find((t) => t.schema === table.schema && t.name === table.name);
  const estimate = info?.estimatedRows ?? null;
  return estimate === null || estimate < AUTO_COUNT_MAX_ROWS;
}

export const createSchemaSlice: StateCreator<SchemaSlice, [], [], SchemaSlice> = (set, get) => {
  /** The latest request per browser: a slower answer to an earlier click must not replace a newer page. */
  const latest = new Map<string, number>();
  /** The same for introspection per session: a refresh after DDL may overtake a manual one. */
  const latestSchema = new Map<string, number>();
  let requests = 0;
  const patchBrowser = (id: string, change: Partial<BrowseView>): void =>
    set((state) => (state.browsers[id] ? { browsers: { ...state.browsers, [id]: { ...state.browsers[id], ...change } } } : {}));

  return {
    schemas: {},
    browsers: {},
    async loadSchema(sessionId) {
      const request = ++requests;
      latestSchema.set(sessionId, request);
      set((state) => {
        const current = state.schemas[sessionId];
        const next: SchemaState = current?.status === 'ready' ? { ...current, refreshing: true } : { status: 'loading' };
        return { schemas: { ...state.schemas, [sessionId]: next } };
      });
      const result = await burrow().schema.introspect({ connectionId: sessionId });
      if (latestSchema.get(sessionId) !== request) return;
      set((state) => ({ schemas: { ...state.schemas, [sessionId]: result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error } } }));
    },
    openBrowser(id, sessionId, table, filters = [], options = {}) {
      set((state) => ({
        browsers: {
          ...state.browsers,
          [id]: {
            id, sessionId, table, sort: [], filters, offset: 0, limit: BROWSE_PAGE_ROWS, page: null, loading: false, error: null,
            pending: noEdits, selected: null, saving: false, saved: null, saveError: null, count: { state: 'none' },
            ...(options.openedFor ? { openedFor: options.openedFor } : {}),
          },
        },
      }));
      void get().browse(id);
    },
    async browse(id, change = {}) {
      const view = get().browsers[id];
      if (!view) return;
      const next = { ...view, ...change };
      // A plain reload (as after a save) keeps the save's status line; another page, sort or filter drops it.
      const saved = Object.keys(change).length === 0 ? view.saved : null;
      // Paging and sorting keep the count; new filters, or a reload (the rows may have changed), count again.
      const keepsCount = change.filters === undefined && Object.keys(change).length > 0;
      patchBrowser(id, { ...change, loading: true, error: null, pending: noEdits, selected: null, saveError: null, saved, ...(keepsCount ? {} : { count: { state: 'none' as const } }) });
      const request = ++requests;
      latest.set(id, request);
      const result = await burrow().schema.browse({
        connectionId: next.sessionId, table: next.table, sort: next.sort, filters: next.filters, offset: next.offset, limit: next.limit,
      });
      if (latest.get(id) !== request) return;
      if (result.ok) patchBrowser(id, { page: result.value, loading: false });
      else patchBrowser(id, { loading: false, error: `${result.error.code}: ${result.error.message}` });
      const after = get().browsers[id];
      if (result.ok && after?.count.state === 'none' && countsByItself(get().schemas[after.sessionId], after.table)) void get().countRows(id);
    },
    async countRows(id) {
      const view = get().browsers[id];
      if (!view || view.count.state === 'counting') return;
      const filters = view.filters;
      patchBrowser(id, { count: { state: 'counting' } });
      let result: Awaited<ReturnType<ReturnType<typeof burrow>['schema']['count']>>;
      try {
        result = await burrow().schema.count({ connectionId: view.sessionId, table: view.table, filters });
      } catch (error) {
        result = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      }
      // Filters changed meanwhile: this count is of other rows.
      if (get().browsers[id]?.filters !== filters) return;
      patchBrowser(id, { count: result.ok ? { state: 'done', rows: result.value.rows } : { state: 'failed', error: `${result.error.code}: ${result.error.message}` } });
    },
    closeBrowser(id) {
      latest.delete(id);
      set((state) => {
        const browsers = { ...state.browsers };
        delete browsers[id];
        return { browsers };
      });
    },
  };
};
