import type { StateCreator } from 'zustand';
import type { Cell, ResultSummary } from '../../../shared/query';
import { burrow } from '../ipc/client';
import { splitDialectOf } from '../../../shared/sql/dialect';
import { resultEditability } from '../features/query/resultEditability';
import {
  afterResultSave, buildResultEdits, noResultEdits, withResultCell, withResultDeleteToggled, type ResultEdits,
} from '../features/query/resultEdits';
import { savedText, type EditValue } from '../features/schema/tableEdits';
import { describeEdit } from './tableEditSlice';
import type { SafetySlice } from './safetySlice';
import type { SchemaSlice } from './schemaSlice';
import type { SessionsSlice } from './sessionsSlice';
import type { ProfilesSlice } from './profilesSlice';
import { sessionReadOnly } from './sessionReadOnly';
import type { WorkspaceSlice } from './workspaceSlice';

/** Edits to one query result; a failed save keeps `edits.pending` and may point at the row that failed. */
export interface ResultEditState {
  edits: ResultEdits;
  saving: boolean;
  status: string | null;
  error: { text: string; row: number | null } | null;
}

export const idleResultEdits: ResultEditState = { edits: noResultEdits, saving: false, status: null, error: null };

/**
 * Editing the rows of a query result read from one table with its primary key (see
 * resultEditability). Changes wait per result until Save sends them in one transaction.
 */
export interface ResultEditSlice {
  resultEdits: Record<string, ResultEditState>;
  setResultCell(tabId: string, resultId: string, row: number, cells: readonly Cell[], column: string, value: EditValue): void;
  toggleResultDelete(tabId: string, resultId: string, rows: readonly { index: number; cells: readonly Cell[] }[]): void;
  discardResultEdits(resultId: string): void;
  /** Forgets the edits of results that are going away (a new run, a closed tab). */
  dropResultEdits(resultIds: readonly string[]): void;
  saveResultEdits(tabId: string, resultId: string): Promise<void>;
}

export const createResultEditSlice: StateCreator<ResultEditSlice & WorkspaceSlice & SchemaSlice & SafetySlice & SessionsSlice & Partial<Pick<ProfilesSlice, 'profiles'>>, [], [], ResultEditSlice> = (set, get) => {
  const stateOf = (resultId: string): ResultEditState => get().resultEdits[resultId] ?? idleResultEdits;
  const patch = (resultId: string, change: Partial<ResultEditState>): void =>
    set((state) => ({ resultEdits: { ...state.resultEdits, [resultId]: { ...(state.resultEdits[resultId] ?? idleResultEdits), ...change } } }));
  /** The result as the tab shows it now, with where its edits go; null when it is gone or read-only. */
  const targetOf = (tabId: string, resultId: string) => {
    const tab = get().tabs.find((t) => t.id === tabId);
    const result: ResultSummary | undefined = tab?.run?.results.find((r) => r.resultId === resultId);
    if (!tab || !result || sessionReadOnly({ profiles: get().profiles ?? { status: 'loading' }, sessions: get().sessions }, tab.sessionId)) return null;
    const engine = get().sessions[tab.sessionId]?.engine;
    const source = tab.ranSql !== undefined && engine ? { sql: tab.ranSql, dialect: splitDialectOf(engine) } : null;
    const editability = resultEditability(get().schemas[tab.sessionId], result.columns, result.complete, source);
    return editability.editable ? { sessionId: tab.sessionId, target: editability } : null;
  };
  const edit = (tabId: string, resultId: string, change: (edits: ResultEdits, target: NonNullable<ReturnType<typeof targetOf>>['target']) => ResultEdits): void => {
    const found = targetOf(tabId, resultId);
    const current = stateOf(resultId);
    if (!found || current.saving) return;
    patch(resultId, { edits: change(current.edits, found.target), status: null });
  };

  return {
    resultEdits: {},
    setResultCell: (tabId, resultId, row, cells, column, value) => edit(tabId, resultId, (edits, target) => withResultCell(edits, target, row, cells, column, value)),
    toggleResultDelete: (tabId, resultId, rows) => edit(tabId, resultId, (edits, target) => withResultDeleteToggled(edits, target, rows)),
    discardResultEdits: (resultId) => patch(resultId, { edits: { ...stateOf(resultId).edits, pending: {} }, error: null }),
    dropResultEdits(resultIds) {
      if (!resultIds.some((id) => get().resultEdits[id])) return;
      set((state) => ({ resultEdits: Object.fromEntries(Object.entries(state.resultEdits).filter(([id]) => !resultIds.includes(id))) }));
    },
    async saveResultEdits(tabId, resultId) {
      const found = targetOf(tabId, resultId);
      const current = stateOf(resultId);
      if (!found || current.saving) return;
      const built = buildResultEdits(current.edits);
      if (built.edits.length === 0) return;
      const { table } = found.target;
      if (!(await get().guardRun(found.sessionId, () => built.edits.map((e) => ({ text: describeEdit(table.name, e), writes: true }))))) return;
      patch(resultId, { saving: true, status: null, error: null });
      const result = await burrow().schema.edit({ connectionId: found.sessionId, table, edits: built.edits });
      if (!result.ok) {
        const at = result.error.detail?.editIndex;
        patch(resultId, { saving: false, error: { text: `${result.error.code}: ${result.error.message}`, row: typeof at === 'number' ? (built.rows[at] ?? null) : null } });
        return;
      }
      patch(resultId, { saving: false, edits: afterResultSave(stateOf(resultId).edits), status: savedText(result.value) });
    },
  };
};
