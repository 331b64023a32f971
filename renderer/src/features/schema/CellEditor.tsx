import { useRef, useState, type KeyboardEvent } from 'react';
import type { EditValue } from './tableEdits';

/**
 * One cell's inline editor. Enter (or leaving the field) keeps what was typed as a pending change;
 * Escape, or leaving it untouched, keeps the cell as it was, so opening a NULL cell does not turn
 * it into ''. `onCommit(undefined)` puts a new row's cell back to DEFAULT.
 */
export function CellEditor({ initial, placeholder, isNewRow, onCommit, onCancel }: {
  initial: string;
  placeholder: string;
  isNewRow: boolean;
  onCommit(value: EditValue | undefined): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(initial);
  const typed = useRef(false);
  // The field's blur follows Enter, Escape and the buttons: only the first ending counts.
  const ended = useRef(false);
  const end = (action: () => void): void => {
    if (ended.current) return;
    ended.current = true;
    action();
  };
  const keep = (): void => end(() => (typed.current ? onCommit(text) : onCancel()));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      keep();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      end(onCancel);
    }
  };
  // mousedown, not click: the buttons must act before the field's blur keeps the typed text.
  const button = (label: string, title: string, value: EditValue | undefined) => (
    <button type="button" className="small" title={title} onMouseDown={(event) => {
      event.preventDefault();
      end(() => onCommit(value));
    }}>{label}</button>
  );
  return (
    <span className="cell-editor">
      <input
        aria-label="Cell value"
        autoFocus
        value={text}
        placeholder={placeholder}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={keep}
      />
      {button('NULL', 'Set this cell to NULL', null)}
      {isNewRow && button('DEFAULT', "Leave this cell to the column's default", undefined)}
    </span>
  );
}
