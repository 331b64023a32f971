import { useMemo } from 'react';
import type { ResultSummary } from '../../../../shared/query';
import { splitDialectOf } from '../../../../shared/sql/dialect';
import type { QueryTab } from '../../store/workspaceSlice';
import { useBurrowStore } from '../../store';
import { idleResultEdits } from '../../store/resultEditSlice';
import { resultEditability, type ResultEditability } from './resultEditability';
import { READ_ONLY_REASON, sessionReadOnly } from '../../store/sessionReadOnly';

/** Whether the shown result can be edited, and its edits so far. */
export function useResultEditing(tab: QueryTab, result: ResultSummary) {
  const schema = useBurrowStore((state) => state.schemas[tab.sessionId]);
  const engine = useBurrowStore((state) => state.sessions[tab.sessionId]?.engine);
  const state = useBurrowStore((s) => s.resultEdits[result.resultId]) ?? idleResultEdits;
  const sql = tab.ranSql;
  const readOnly = useBurrowStore((state) => sessionReadOnly(state, tab.sessionId));
  const editability = useMemo(
    (): ResultEditability => (readOnly
      ? { editable: false, reason: READ_ONLY_REASON }
      : resultEditability(schema, result.columns, result.complete, sql !== undefined && engine ? { sql, dialect: splitDialectOf(engine) } : null)),
    [schema, result.columns, result.complete, sql, engine, readOnly],
  );
  return { editability, state };
}
