import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ResultSummary } from '../../../../shared/query';
import { cellText } from './cellText';
import { useRowWindows } from './useRowWindows';

const ROW_HEIGHT = 24;

/** A virtualized grid over a stored result: only visible rows are rendered or fetched. */
export function ResultsGrid({ result }: { result: ResultSummary }) {
  const scroller = useRef<HTMLDivElement>(null);
  const { ensure, rowAt } = useRowWindows(result.resultId, result.rowCount);
  const virtualizer = useVirtualizer({
    count: result.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  const template = `56px repeat(${result.columns.length}, minmax(120px, 1fr))`;

  return (
    <div className="grid" data-testid="results-grid">
      <div className="grid-header" style={{ gridTemplateColumns: template }}>
        <span className="row-number">#</span>
        {result.columns.map((column, index) => (
          <span key={index} title={`${column.dataType}${column.nullable === false ? ' NOT NULL' : ''}`}>
            {column.name}
          </span>
        ))}
      </div>
      <div ref={scroller} className="grid-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                className="grid-row"
                data-testid="grid-row"
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span className="row-number">{item.index + 1}</span>
                {result.columns.map((_, column) => {
                  const cell = cellText(row?.[column]);
                  return (
                    <span key={column} className={`cell cell-${cell.kind}`}>
                      {cell.text}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
