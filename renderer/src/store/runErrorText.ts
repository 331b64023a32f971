import type { BurrowErrorShape } from '../../../shared/errors';

/**
 * The error text for a run of part of the editor (a selection): servers count lines and columns
 * from the start of what they were sent, so the place in the editor is added when it differs.
 * `ranAt` is where the run's SQL starts in the editor.
 */
export function errorTextInEditor(error: Pick<BurrowErrorShape, 'message' | 'detail'>, ranAt: { line: number; column: number } | undefined): string {
  const line = error.detail?.line;
  if (!ranAt || (ranAt.line === 1 && ranAt.column === 1) || typeof line !== 'number' || line < 1) return error.message;
  const editorLine = ranAt.line + line - 1;
  const column = error.detail?.column;
  if (typeof column !== 'number' || column < 1) return `${error.message} (line ${editorLine} in the editor)`;
  const editorColumn = line === 1 ? ranAt.column + column - 1 : column;
  return `${error.message} (line ${editorLine}, column ${editorColumn} in the editor)`;
}
