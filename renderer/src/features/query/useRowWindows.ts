import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell } from '../../../../shared/query';
import { burrow } from '../../ipc/client';

export const WINDOW_ROWS = 200;

/**
 * Row windows of one stored result, fetched as the grid scrolls into them. Only the windows near
 * the viewport are kept; the result itself stays in the main process.
 */
export function useRowWindows(resultId: string | null, rowCount: number) {
  const [windows, setWindows] = useState<Map<number, Cell[][]>>(new Map());
  const inFlight = useRef(new Set<number>());

  useEffect(() => {
    setWindows(new Map());
    inFlight.current.clear();
  }, [resultId]);

  const ensure = useCallback(
    (firstRow: number, lastRow: number) => {
      if (!resultId) return;
      for (let start = Math.floor(firstRow / WINDOW_ROWS) * WINDOW_ROWS; start <= lastRow && start < rowCount; start += WINDOW_ROWS) {
        const complete = windows.get(start)?.length === Math.min(WINDOW_ROWS, rowCount - start);
        if (complete || inFlight.current.has(start)) continue;
        inFlight.current.add(start);
        void burrow().query.rows({ resultId, offset: start, limit: WINDOW_ROWS }).then((result) => {
          inFlight.current.delete(start);
          if (!result.ok) return;
          setWindows((old) => {
            const next = new Map(old);
            next.set(start, result.value.rows);
            // Keep memory flat on long scrolls: drop windows far from this one.
            for (const key of next.keys()) if (Math.abs(key - start) > WINDOW_ROWS * 20) next.delete(key);
            return next;
          });
        });
      }
    },
    [resultId, rowCount, windows],
  );

  const rowAt = (index: number): Cell[] | undefined => windows.get(Math.floor(index / WINDOW_ROWS) * WINDOW_ROWS)?.[index % WINDOW_ROWS];
  return { ensure, rowAt };
}
