import { describe, expect, it } from 'vitest';
import { mysqlDefaultSql } from '../../../electron/core/db/mysql/mysqlDefaults';

describe('mysqlDefaultSql', () => {
  it('writes MySQL\'s bare literal defaults as SQL literals, and expression defaults as expressions', () => {
    expect(mysqlDefaultSql(null, '')).toBeNull();
    expect(mysqlDefaultSql("it's", '')).toBe("'it''s'");
    expect(mysqlDefaultSql('a\\b', '')).toBe("'a\\\\b'");
    expect(mysqlDefaultSql('0', '')).toBe("'0'");
    expect(mysqlDefaultSql("b'101'", '')).toBe("b'101'");
    expect(mysqlDefaultSql('CURRENT_TIMESTAMP', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP')).toBe('CURRENT_TIMESTAMP');
    expect(mysqlDefaultSql('(rand() * 10)', 'DEFAULT_GENERATED')).toBe('((rand() * 10))');
    expect(mysqlDefaultSql('uuid()', 'DEFAULT_GENERATED')).toBe('(uuid())');
  });
});
