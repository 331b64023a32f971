import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../shared/query';
import type { SessionInfo } from '../../../shared/sessions';
import { cellText } from '../../../renderer/src/features/query/cellText';
import { enqueuePrompt } from '../../../renderer/src/store/promptsSlice';
import { applySessionEvent } from '../../../renderer/src/store/sessionsSlice';
import { lineAndColumn } from '../../../shared/textPosition';
import { errorTextInEditor } from '../../../renderer/src/store/runErrorText';
import { applyRunStatus, sqlToRun, type QueryTab } from '../../../renderer/src/store/workspaceSlice';

const session = { sessionId: 's1', profileId: 'p1', profileName: 'P', engine: 'postgres', serverVersion: '15', database: 'd', tls: false, hops: 1, state: 'ready' } as SessionInfo;
const hop = { index: 1, count: 1, host: 'h', port: 22 };

describe('renderer reducers', () => {
  it('session events update known sessions and drop closed ones', () => {
    const sessions = { s1: session };
    expect(applySessionEvent(sessions, { sessionId: 's1', profileId: 'p1', state: 'reconnecting', part: 'tunnel', attempt: 1 }).s1?.state).toBe('reconnecting');
    expect(applySessionEvent(sessions, { sessionId: 's1', profileId: 'p1', state: 'closed', part: 'database' })).toEqual({});
    expect(applySessionEvent(sessions, { sessionId: null, profileId: 'p1', state: 'connecting', part: 'tunnel' })).toBe(sessions);
  });

  it('prompts queue in arrival order and a repeated id replaces the old one', () => {
    const a = { id: 'a', request: { kind: 'password' as const, hop, username: 'u' } };
    const b = { id: 'b', request: { kind: 'passphrase' as const, hop, keyId: 'k' } };
    expect(enqueuePrompt(enqueuePrompt(enqueuePrompt([], a), b), a).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('run progress reaches only the tab showing that run', () => {
    const run: RunStatus = { runId: 'r1', connectionId: 's1', state: 'running', results: [], error: null, elapsedMs: 1, changesSchema: false };
    const tabs: QueryTab[] = [
      { id: 't1', sessionId: 's1', title: 'a', sql: '', run, resultIndex: 0, error: null },
      { id: 't2', sessionId: 's1', title: 'b', sql: '', run: null, resultIndex: 0, error: null },
    ];
    const failed = { ...run, state: 'failed' as const, error: { code: 'QUERY_FAILED', message: 'boom' } };
    const next = applyRunStatus(tabs, failed);
    expect(next[0]).toMatchObject({ run: { state: 'failed' }, error: 'boom' });
    expect(next[1]).toBe(tabs[1]);
  });

  it('Run sends the selection when it holds more than blanks, with its offset; else the whole tab', () => {
    const sql = 'SELECT 1;\nSELECT 2;\n\n';
    expect(sqlToRun({ sql, selection: null })).toEqual({ sql, from: 0, selection: false });
    expect(sqlToRun({ sql, selection: { from: 5, to: 5 } })).toEqual({ sql, from: 0, selection: false });
    expect(sqlToRun({ sql, selection: { from: 20, to: 22 } })).toEqual({ sql, from: 0, selection: false });
    expect(sqlToRun({ sql, selection: { from: 10, to: 18 } })).toEqual({ sql: 'SELECT 2', from: 10, selection: true });
  });

  it('Run statement sends the statement at the cursor, or the selection when there is one', () => {
    const sql = 'SELECT 1;\nSELECT 2;\n\n';
    const current = { engine: 'postgres' as const };
    expect(sqlToRun({ sql, selection: { from: 12, to: 12 } }, current)).toEqual({ sql: 'SELECT 2', from: 10, selection: false });
    expect(sqlToRun({ sql, selection: { from: 3, to: 3 } }, current)).toEqual({ sql: 'SELECT 1', from: 0, selection: false });
    expect(sqlToRun({ sql, selection: null }, current)).toEqual({ sql: 'SELECT 1', from: 0, selection: false });
    expect(sqlToRun({ sql, selection: { from: 0, to: 8 } }, current)).toEqual({ sql: 'SELECT 1', from: 0, selection: true });
    expect(sqlToRun({ sql: '  ', selection: null }, current)).toEqual({ sql: '  ', from: 0, selection: false });
  });

  it('an error in a selection also names its place in the editor', () => {
    const sql = 'SELECT 1;\n  SELECT *\n  FROM nowhere';
    expect(lineAndColumn(sql, 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn(sql, 12)).toEqual({ line: 2, column: 3 });
    expect(lineAndColumn(sql, sql.length + 5)).toEqual({ line: 3, column: 15 });
    const at = lineAndColumn(sql, 12);
    // PostgreSQL: line and column within the selection; the first line is shifted by the selection's column.
    expect(errorTextInEditor({ message: 'm at line 1, column 10', detail: { line: 1, column: 10 } }, at)).toBe('m at line 1, column 10 (line 2, column 12 in the editor)');
    expect(errorTextInEditor({ message: 'm', detail: { line: 2, column: 8 } }, at)).toBe('m (line 3, column 8 in the editor)');
    // MySQL and SQL Server name only the line.
    expect(errorTextInEditor({ message: 'near x at line 2', detail: { line: 2 } }, at)).toBe('near x at line 2 (line 3 in the editor)');
    // The whole text, no place, or nonsense: the message as it came.
    expect(errorTextInEditor({ message: 'm', detail: { line: 1, column: 10 } }, { line: 1, column: 1 })).toBe('m');
    expect(errorTextInEditor({ message: 'm' }, at)).toBe('m');
    expect(errorTextInEditor({ message: 'm', detail: { line: '2' } }, at)).toBe('m');
    expect(errorTextInEditor({ message: 'm', detail: { line: 1 } }, undefined)).toBe('m');
    const run: RunStatus = { runId: 'r1', connectionId: 's1', state: 'failed', results: [], error: { code: 'QUERY_FAILED', message: 'm', detail: { line: 1, column: 3 } }, elapsedMs: 1, changesSchema: false };
    const tab: QueryTab = { id: 't1', sessionId: 's1', title: 'a', sql, run: { ...run, state: 'running', error: null }, resultIndex: 0, error: null, ranFrom: 12, ranAt: at };
    expect(applyRunStatus([tab], run)[0]?.error).toBe('m (line 2, column 5 in the editor)');
  });

  it('cells read distinctly: NULL, empty, binary, long text', () => {
    expect(cellText(null)).toEqual({ text: 'NULL', kind: 'null' });
    expect(cellText('')).toEqual({ text: '', kind: 'value' });
    expect(cellText(false)).toEqual({ text: 'false', kind: 'value' });
    expect(cellText({ kind: 'binary', hex: 'dead', length: 2, truncated: false })).toEqual({ text: '0xdead (2 bytes)', kind: 'binary' });
    expect(cellText({ kind: 'long', text: 'abc', length: 9000 }).text).toBe('abc… (9000 chars)');
    expect(cellText(undefined).kind).toBe('pending');
  });
});
