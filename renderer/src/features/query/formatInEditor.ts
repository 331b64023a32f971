import type { EditorView } from '@codemirror/view';

export type Formatter = (sql: string) => { ok: true; text: string } | { ok: false; error: string };

/**
 * Formats the selection, or the whole text when nothing is selected, as one undoable change.
 * Answers why it could not, or null.
 */
export function formatInEditor(view: EditorView, formatter: Formatter): string | null {
  const { from, to } = view.state.selection.main;
  const [start, end] = from < to ? [from, to] : [0, view.state.doc.length];
  const source = view.state.sliceDoc(start, end);
  if (!source.trim()) return null;
  const result = formatter(source);
  if (!result.ok) return result.error;
  if (result.text === source) return null;
  view.dispatch({
    changes: { from: start, to: end, insert: result.text },
    ...(from < to ? { selection: { anchor: start, head: start + result.text.length } } : {}),
    userEvent: 'input.format',
    scrollIntoView: true,
  });
  return null;
}
