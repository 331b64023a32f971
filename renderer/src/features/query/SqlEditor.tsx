import { sql } from '@codemirror/lang-sql';
import CodeMirror, { keymap, Prec } from '@uiw/react-codemirror';
import { useMemo } from 'react';

/** The SQL editor; Mod-Enter runs the tab. */
export function SqlEditor({ value, onChange, onRun }: { value: string; onChange(value: string): void; onRun(): void }) {
  const extensions = useMemo(
    () => [sql(), Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }]))],
    [onRun],
  );
  return (
    <div className="editor" data-testid="sql-editor">
      <CodeMirror value={value} height="180px" theme="dark" extensions={extensions} onChange={onChange} basicSetup={{ foldGutter: false }} />
    </div>
  );
}
