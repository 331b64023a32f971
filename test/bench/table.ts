import { goalMet, type BenchRow, type InfoRow } from './results';

const formatValue = (value: number, unit: string): string => {
  const text = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
  return `${text} ${unit}`;
};

function render(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** The rows written to results.json, with each goal checked. */
export function formatRows(rows: readonly BenchRow[]): string {
  return render(
    ['id', 'value', 'reference', 'ratio', 'goal', 'result'],
    rows.map((row) => [
      row.id,
      formatValue(row.value, row.unit),
      `${row.reference} ${formatValue(row.referenceValue, row.unit)}`,
      `${row.ratio}x`,
      row.goal,
      goalMet(row.ratio, row.goal) ? 'pass' : 'FAIL',
    ]),
  );
}

/** Comparisons that are printed for context only. */
export function formatInfo(info: readonly InfoRow[]): string {
  return render(
    ['context (not in results.json)', 'value', 'reference', 'ratio'],
    info.map((row) => [row.label, formatValue(row.value, row.unit), `${row.reference} ${formatValue(row.referenceValue, row.unit)}`, `${row.ratio}x`]),
  );
}
