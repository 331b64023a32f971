import { describe, expect, it } from 'vitest';
import { DebugLog } from '../../../electron/core/ssh/debugLog';

describe('DebugLog', () => {
  it('keeps the newest lines, says how many were dropped, and redacts secrets', () => {
    const log = new DebugLog(3);
    for (let i = 1; i <= 5; i++) log.add(`line ${i}`);
    log.add('connecting to postgres://bob:hunter2@db/app password=hunter2');
    const lines = log.snapshot();
    expect(lines[0]).toBe('… 3 earlier lines dropped');
    expect(lines.slice(1).map((line) => line.replace(/^\d\d:\d\d:\d\d\.\d{3} /, ''))).toEqual([
      'line 4', 'line 5', 'connecting to postgres://bob:***@db/app password=***',
    ]);
  });
});
