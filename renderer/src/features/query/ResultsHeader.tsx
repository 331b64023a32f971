import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { ColumnMeta } from '../../../../shared/query';

/** Arrow keys move a column edge by this much. */
const KEY_STEP_PX = 16;

/**
 * The results grid's header row, inside the grid's scroller (sticky, so it scrolls sideways with the
 * rows). Each column's right edge drags to resize it, double-click fits it to the loaded rows, and
 * with the focus on it the arrow keys move it.
 */
export function ResultsHeader({ columns, widths, template, width, height, onResize, onFit }: {
  columns: readonly ColumnMeta[];
  widths: readonly number[];
  template: string;
  width: number;
  height: number;
  onResize(column: number, width: number): void;
  onFit(column: number): void;
}) {
  const drag = useRef<{ column: number; startX: number; startWidth: number } | null>(null);
  const begin = (column: number) => (event: PointerEvent<HTMLSpanElement>): void => {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { column, startX: event.clientX, startWidth: widths[column] ?? 0 };
  };
  const move = (event: PointerEvent<HTMLSpanElement>): void => {
    const current = drag.current;
    if (current) onResize(current.column, current.startWidth + event.clientX - current.startX);
  };
  const end = (event: PointerEvent<HTMLSpanElement>): void => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const keys = (column: number) => (event: KeyboardEvent<HTMLSpanElement>): void => {
    const step = event.key === 'ArrowRight' ? KEY_STEP_PX : event.key === 'ArrowLeft' ? -KEY_STEP_PX : 0;
    // The grid's own keys (moving the row selection) must not see these.
    event.stopPropagation();
    if (step !== 0) {
      event.preventDefault();
      onResize(column, (widths[column] ?? 0) + step);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onFit(column);
    }
  };
  return (
    <div className="grid-header" style={{ gridTemplateColumns: template, width, height }} data-testid="grid-header">
      <span className="row-number">#</span>
      {columns.map((column, index) => (
        <span key={index} className="grid-header-cell" title={`${column.dataType}${column.nullable === false ? ' NOT NULL' : ''}`}>
          {column.name}
          <span className="col-resize" role="separator" aria-orientation="vertical" aria-label={`Resize ${column.name}`}
            aria-valuenow={widths[index]} tabIndex={0} title="Drag to resize; double-click to fit"
            onPointerDown={begin(index)} onPointerMove={move} onPointerUp={end} onPointerCancel={end}
            onDoubleClick={(event) => {
              event.stopPropagation();
              onFit(index);
            }}
            onClick={(event) => event.stopPropagation()}
            onKeyDown={keys(index)} />
        </span>
      ))}
    </div>
  );
}
