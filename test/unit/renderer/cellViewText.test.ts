import { describe, expect, it } from 'vitest';
import { cellViewText } from '../../../renderer/src/features/query/cellViewText';

describe('the cell viewer', () => {
  it('lays out JSON objects and arrays, and copies the value as the server gave it', () => {
    expect(cellViewText('{"a":1,"b":[1,2]}', 'jsonb')).toEqual({ text: '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}', copy: '{"a":1,"b":[1,2]}', note: '17 characters, JSON' });
    expect(cellViewText('[1, 2]', 'text').text).toBe('[\n  1,\n  2\n]');
    // JSON scalars, and text that only looks like JSON, stay as they are.
    expect(cellViewText('42', 'json')).toEqual({ text: '42', copy: '42', note: '2 characters' });
    expect(cellViewText('{not json', 'text')).toEqual({ text: '{not json', copy: '{not json', note: '9 characters' });
  });

  it('shows NULL, booleans, binary and cut text for what they are', () => {
    expect(cellViewText(null, 'text')).toEqual({ text: 'NULL', copy: '', note: 'NULL' });
    expect(cellViewText(true, 'bool').text).toBe('true');
    expect(cellViewText({ kind: 'binary', hex: 'deadbeef', length: 4, truncated: false }, 'bytea')).toEqual({ text: 'deadbeef', copy: 'deadbeef', note: '4 bytes' });
    expect(cellViewText({ kind: 'long', text: 'abc', length: 20_000_000 }, 'text').note).toBe('20,000,000 characters, cut for display');
  });
});
