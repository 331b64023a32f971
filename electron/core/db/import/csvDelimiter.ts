import type { CsvDelimiter } from '../../../../shared/query';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/**
 * Guesses a CSV file's delimiter from the start of its text: the candidate that appears most often
 * outside quotes in the first record. Ties go to the earlier candidate (a comma first), and a line
 * with none of them (one column) reads as comma-separated.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if ([...counts.values()].some((count) => count > 0)) break;
    } else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}
