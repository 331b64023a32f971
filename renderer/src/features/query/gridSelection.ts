export type GridSelection = { anchor: number; focus: number } | null;

/**
 * Pure: the selection after a navigation key in a grid of `rowCount` rows, or undefined for a key
 * that does not navigate. Arrows move one row, Page keys one screen (`pageRows`), Home and End to
 * the ends; with Shift the selection grows from its anchor instead of moving.
 */
export function moveSelection(selection: GridSelection, key: string, shift: boolean, rowCount: number, pageRows: number): GridSelection | undefined {
  if (rowCount === 0) return undefined;
  const from = selection?.focus ?? -1;
  const step = Math.max(1, pageRows);
  const targets: Record<string, number> = {
    ArrowDown: from + 1,
    ArrowUp: selection ? from - 1 : 0,
    PageDown: from + step,
    PageUp: selection ? from - step : 0,
    Home: 0,
    End: rowCount - 1,
  };
  if (!(key in targets)) return undefined;
  const focus = Math.min(rowCount - 1, Math.max(0, targets[key]!));
  return shift && selection ? { anchor: selection.anchor, focus } : { anchor: focus, focus };
}
