import type { SQLConfig } from '@codemirror/lang-sql';
import CodeMirror, { keymap, Prec, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { formatInEditor, type Formatter } from './formatInEditor';
import { sqlLanguage } from './sqlCompletion';
import { useBurrowStore } from '../../store';

export interface SqlEditorHandle {
  /** Formats the selection, or the whole text (as Mod-Shift-F does). */
  format(): void;
}

interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Mod-Shift-Enter: the statement at the cursor (or the selection). */
  onRunStatement(): void;
  /** Mod-S: save the tab's SQL as a named query. */
  onSave(): void;
  /** Mod-O: open a SQL file; Mod-Shift-S: save to the tab's file (Mod-Alt-S: Save As). */
  onOpenFile(): void;
  onSaveFile(saveAs: boolean): void;
  /** The main selection, as it changes (what Run runs when it is not empty). */
  onSelection(range: { from: number; to: number }): void;
  errorAt?: number | null;
  /** The session's dialect and what its schema offers for completion (see sqlLanguageConfig). */
  language?: SQLConfig;
  formatter: Formatter;
  /** After a format: why it could not be done, or null. */
  onFormatted(error: string | null): void;
  ref?: Ref<SqlEditorHandle>;
}

/**
 * The SQL editor; Mod-Enter runs the tab (or its selection), Mod-Shift-Enter the statement at the
 * cursor, Mod-Shift-F formats (one undoable change), Mod-S saves the query by name, Mod-O opens a SQL
 * file and Mod-Shift-S saves to one. When a run fails at a known place (`errorAt`, a
 * 1-based offset into the text), the cursor goes there.
 */
export function SqlEditor({ value, onChange, onRun, onRunStatement, onSave, onOpenFile, onSaveFile, onSelection, errorAt = null, language, formatter, onFormatted, ref }: SqlEditorProps) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const theme = useBurrowStore((state) => state.theme);
  const extensions = useMemo(
    () => [
      sqlLanguage(language),
      Prec.highest(keymap.of([
        { key: 'Mod-Enter', run: () => (onRun(), true) },
        { key: 'Mod-Shift-Enter', run: () => (onRunStatement(), true) },
        { key: 'Mod-Shift-f', run: (view) => (onFormatted(formatInEditor(view, formatter)), true) },
        { key: 'Mod-s', run: () => (onSave(), true) },
        { key: 'Mod-o', run: () => (onOpenFile(), true) },
        { key: 'Mod-Shift-s', run: () => (onSaveFile(false), true) },
        { key: 'Mod-Alt-s', run: () => (onSaveFile(true), true) },
      ])),
    ],
    [onRun, onRunStatement, onSave, onOpenFile, onSaveFile, language, formatter, onFormatted],
  );
  useImperativeHandle(ref, () => ({
    format() {
      const view = editor.current?.view;
      if (!view) return;
      onFormatted(formatInEditor(view, formatter));
      view.focus();
    },
  }), [formatter, onFormatted]);
  useEffect(() => {
    const view = editor.current?.view;
    if (!view || errorAt === null || errorAt < 1 || errorAt > view.state.doc.length + 1) return;
    view.dispatch({ selection: { anchor: errorAt - 1 }, scrollIntoView: true });
    view.focus();
  }, [errorAt]);
  return (
    <div className="editor" data-testid="sql-editor">
      <CodeMirror ref={editor} value={value} height="180px" theme={theme} extensions={extensions} onChange={onChange}
        onUpdate={(update) => {
          if (!update.selectionSet && !update.docChanged) return;
          const { from, to } = update.state.selection.main;
          onSelection({ from, to });
        }}
        basicSetup={{ foldGutter: false }} />
    </div>
  );
}
