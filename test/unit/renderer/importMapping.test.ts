import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/query';
import { defaultedColumns, initialChoices, mappingProblem, requestColumns } from '../../../renderer/src/features/schema/importMapping';

const preview: ImportPreview = {
  delimiter: ',',
  fileColumns: ['ID', 'name', 'extra'],
  sample: [],
  tableColumns: [{ name: 'id', dataType: 'int' }, { name: 'name', dataType: 'text' }, { name: 'made', dataType: 'date' }],
  suggested: ['id', 'name', null],
  bytes: 10,
};

describe('import mapping', () => {
  it('starts from the suggestion, leaving a file column that matched nothing for the user to choose', () => {
    const choices = initialChoices(preview);
    expect(choices).toEqual(['id', 'name', undefined]);
    expect(mappingProblem(choices, preview.fileColumns)).toBe('Choose a table column for extra, or leave it out.');
  });

  it('accepts a column left out, and lists the table columns that get their default', () => {
    const choices = ['id', 'name', null];
    expect(mappingProblem(choices, preview.fileColumns)).toBeNull();
    expect(defaultedColumns(choices, preview.tableColumns)).toEqual(['made']);
    expect(requestColumns(choices)).toEqual(['id', 'name', null]);
  });

  it('refuses a table column filled twice and a mapping that leaves everything out', () => {
    expect(mappingProblem(['id', null, 'id'], preview.fileColumns)).toBe('ID and extra both fill id: leave one of them out.');
    expect(mappingProblem([null, null, null], preview.fileColumns)).toMatch(/^Every file column is left out/);
    expect(mappingProblem([undefined, undefined, 'id'], preview.fileColumns)).toBe('Choose a table column for ID, name, or leave them out.');
  });
});
