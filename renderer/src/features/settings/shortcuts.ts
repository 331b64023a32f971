/** The keyboard shortcuts, grouped as the user meets them; `Mod` is Cmd on macOS and Ctrl elsewhere. */
export const SHORTCUTS: { area: string; keys: string; does: string }[] = [
  { area: 'Editor', keys: 'Mod+Enter', does: 'Run the selection, or the whole tab' },
  { area: 'Editor', keys: 'Mod+Shift+Enter', does: 'Run the statement at the cursor' },
  { area: 'Editor', keys: 'Mod+Shift+F', does: 'Format the selection, or the whole tab' },
  { area: 'Editor', keys: 'Ctrl+Space', does: 'Complete a keyword, table or column' },
  { area: 'Editor', keys: 'Mod+S', does: 'Save the query by name (again: update it)' },
  { area: 'Editor', keys: 'Mod+O', does: 'Open a SQL file (into this tab when it is empty, else a new one)' },
  { area: 'Editor', keys: 'Mod+Shift+S', does: 'Save to the tab\'s SQL file (Mod+Alt+S: to another file)' },
  { area: 'Editor', keys: 'Mod+.', does: 'Cancel the running query' },
  { area: 'Tabs', keys: 'Mod+T', does: 'New query tab on the same connection' },
  { area: 'Tabs', keys: 'Mod+W', does: 'Close the tab (the last one closes its connection)' },
  { area: 'Tabs', keys: 'Mod+N', does: 'New connection' },
  { area: 'Tabs', keys: 'Mod+P', does: 'Open a table by name' },
  { area: 'Tabs', keys: 'Ctrl+Tab, Ctrl+Shift+Tab', does: 'Next or previous tab (also Ctrl+Page Down / Page Up)' },
  { area: 'Tabs', keys: 'Mod+1 … Mod+9', does: 'Go to the first eight tabs, or the last' },
  { area: 'Tabs', keys: 'Double-click a tab', does: 'Rename the query tab' },
  { area: 'Results', keys: 'Shift+Click', does: 'Select a range of rows' },
  { area: 'Results', keys: 'Mod+A', does: 'Select every row' },
  { area: 'Results', keys: 'Arrows, Page Up/Down, Home, End', does: 'Move the selection (with Shift, grow it)' },
  { area: 'Results', keys: 'Double-click', does: 'Show a cell whole, or edit it in a result read from one table' },
  { area: 'Results', keys: 'Mod+C', does: 'Copy the selected rows (add Shift for the column names too)' },
  { area: 'Results', keys: 'Right-click', does: 'Copy a value, or rows as CSV, JSON, SQL INSERT or Markdown; edit, set NULL, delete rows' },
  { area: 'Results', keys: 'Delete, Mod+S', does: 'Mark the selected rows for deletion; save a result\'s changes' },
  { area: 'Results', keys: 'Drag a column edge', does: 'Resize the column (double-click: fit it to its content)' },
  { area: 'Table browser', keys: 'Double-click', does: 'Edit a cell (Enter keeps, Escape cancels)' },
  { area: 'Table browser', keys: 'Right-click', does: 'Filter by the cell\'s value; follow its foreign keys' },
  { area: 'Table browser', keys: 'Delete', does: 'Mark the selected row for deletion, or take the mark back' },
  { area: 'Table browser', keys: 'Mod+D', does: 'Duplicate the selected row as a new one (its key left out)' },
  { area: 'Table browser', keys: 'Mod+S', does: 'Save the changes in one transaction' },
];

/** Pure: a shortcut as this platform writes it. */
export const keysFor = (keys: string, platform: string): string => keys.replaceAll('Mod', platform === 'darwin' ? 'Cmd' : 'Ctrl');
