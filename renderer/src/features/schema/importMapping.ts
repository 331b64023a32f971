import type { ImportPreview } from '../../../../shared/query';

/** What a file column goes into: a table column's name, null to leave it out, or undefined while unchosen. */
export type ColumnChoice = string | null | undefined;

/** The preview's suggestion, with no match left for the user to choose. */
export function initialChoices(preview: ImportPreview): ColumnChoice[] {
  return preview.suggested.map((name) => name ?? undefined);
}

/** Why the import cannot start with these choices, or null when it can. */
export function mappingProblem(choices: readonly ColumnChoice[], fileColumns: readonly string[]): string | null {
  const unchosen = fileColumns.filter((_label, index) => choices[index] === undefined);
  if (unchosen.length > 0) return `Choose a table column for ${unchosen.join(', ')}, or leave ${unchosen.length === 1 ? 'it' : 'them'} out.`;
  const firstBy = new Map<string, number>();
  for (const [index, choice] of choices.entries()) {
    if (typeof choice !== 'string') continue;
    const earlier = firstBy.get(choice);
    if (earlier !== undefined) return `${fileColumns[earlier]} and ${fileColumns[index]} both fill ${choice}: leave one of them out.`;
    firstBy.set(choice, index);
  }
  if (firstBy.size === 0) return 'Every file column is left out: choose at least one table column to fill.';
  return null;
}

/** Table columns no file column fills: they get their default. */
export function defaultedColumns(choices: readonly ColumnChoice[], tableColumns: readonly { name: string }[]): string[] {
  const filled = new Set(choices.filter((choice): choice is string => typeof choice === 'string'));
  return tableColumns.map((column) => column.name).filter((name) => !filled.has(name));
}

/** The request's `columns`, once `mappingProblem` found none. */
export function requestColumns(choices: readonly ColumnChoice[]): (string | null)[] {
  return choices.map((choice) => choice ?? null);
}
