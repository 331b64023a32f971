import { sql } from '@codemirror/lang-sql';
import CodeMirror, { keymap, Prec, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';

/**
 * The SQL editor; Mod-Enter runs the tab. When a run fails at a known place (`errorAt`, a 1-based
 * offset into the text), the cursor goes there.
 */
export function SqlEditor({ value, onChange, onRun, errorAt = null }: { value: string; onChange(value: string): void; onRun(): void; errorAt?: number | null }) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const extensions = useMemo(
    () => [sql(), Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }]))],
    [onRun],
  );
  useEffect(() => {
    const view = editor.current?.view;
    if (!view || errorAt === null || errorAt < 1 || errorAt > view.state.doc.length + 1) return;
    view.dispatch({ selection: { anchor: errorAt - 1 }, scrollIntoView: true });
    view.focus();
  }, [errorAt]);
  return (
    <div className="editor" data-testid="sql-editor">
      <CodeMirror ref={editor} value={value} height="180px" theme="dark" extensions={extensions} onChange={onChange} basicSetup={{ foldGutter: false }} />
    </div>
  );
}
