import { useMemo } from 'react';
import type { ResultSummary } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import { idleResultEdits } from '../../store/resultEditSlice';
import { resultEditability } from './resultEditability';

/** Whether the shown result can be edited, and its edits so far. */
export function useResultEditing(sessionId: string, result: ResultSummary) {
  const schema = useBurrowStore((state) => state.schemas[sessionId]);
  const state = useBurrowStore((s) => s.resultEdits[result.resultId]) ?? idleResultEdits;
  const editability = useMemo(() => resultEditability(schema, result.columns, result.complete), [schema, result.columns, result.complete]);
  return { editability, state };
}
