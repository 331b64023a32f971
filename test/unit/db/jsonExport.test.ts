import { describe, expect, it } from 'vitest';
import { jsonKeys, jsonRowWriter } from '../../../shared/export/json';

const column = (name: string, dataType: string) => ({ name, dataType, nullable: true });

describe('JSON export rows', () => {
  it('writes numeric types as numbers only when the text is a JSON number', () => {
    const row = jsonRowWriter([column('a', 'int8'), column('b', 'DECIMAL(10,2)'), column('c', 'double precision'), column('d', 'money'), column('e', 'decimal'), column('f', 'float8'), column('g', 'int4')]);
    expect(row(['-12', '3.50', '1e-7', '$1.00', '007', 'Infinity', '1.'])).toBe('{"a":-12,"b":3.50,"c":1e-7,"d":"$1.00","e":"007","f":"Infinity","g":"1."}');
  });

  it('embeds valid json and jsonb, and quotes what does not parse', () => {
    const row = jsonRowWriter([column('doc', 'jsonb'), column('raw', 'JSON'), column('bad', 'json')]);
    expect(row(['{"k": [1, "two"]}', '"s"', '{oops'])).toBe('{"doc":{"k": [1, "two"]},"raw":"s","bad":"{oops"}');
    expect(JSON.parse(row(['[]', 'true', '{oops']))).toEqual({ doc: [], raw: true, bad: '{oops' });
  });

  it('keeps NULL, booleans, binary and long cells apart from text', () => {
    const row = jsonRowWriter([column('n', 'int4'), column('b', 'bool'), column('x', 'bytea'), column('l', 'text'), column('t', 'text')]);
    const written = row([null, false, { kind: 'binary', hex: '00ff', length: 2, truncated: false }, { kind: 'long', text: 'abc', length: 3 }, 'line\n"quoted"\u2028']);
    expect(JSON.parse(written)).toEqual({ n: null, b: false, x: '\\x00ff', l: 'abc', t: 'line\n"quoted"\u2028' });
  });

  it('numbers repeated column names so no value is lost to a duplicate key', () => {
    expect(jsonKeys([column('id', 'int4'), column('id', 'int4'), column('id_2', 'text'), column('', 'text'), column('', 'text')])).toEqual(['id', 'id_2', 'id_2_2', '', '_2']);
  });
});
