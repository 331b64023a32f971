import { describe, expect, it } from 'vitest';
import { suggestedFileName } from '../../../renderer/src/features/query/sqlFileActions';

describe('suggestedFileName', () => {
  it('names a tab\'s file after its title, without characters file systems refuse, ending in .sql', () => {
    expect(suggestedFileName('Staging · 2')).toBe('Staging · 2.sql');
    expect(suggestedFileName('a/b: "c"?')).toBe('a b c.sql');
    expect(suggestedFileName('report.SQL')).toBe('report.SQL');
    expect(suggestedFileName('  ')).toBe('query.sql');
  });
});
