import { useCallback } from 'react';
import { selectActiveTab, selectSessions, selectTabs, useBurrowStore } from '../../store';
import { ResultsGrid } from './ResultsGrid';
import { SqlEditor } from './SqlEditor';

export function QueryWorkspace() {
  const tabs = useBurrowStore(selectTabs);
  const active = useBurrowStore(selectActiveTab);
  const sessions = useBurrowStore(selectSessions);
  const { selectTab, closeTab, setSql, runTab, cancelTab, selectResult } = useBurrowStore.getState();
  const run = useCallback(() => {
    if (active) void runTab(active.id);
  }, [active, runTab]);

  if (!active) return <p className="muted">Open a connection from the list to start a query.</p>;
  const session = sessions[active.sessionId];
  const status = active.run;
  const result = status?.results[active.resultIndex];
  const running = status?.state === 'running' || status?.state === 'queued';

  return (
    <section className="query" aria-label="Query">
      <nav className="tabs" role="tablist">
        {tabs.map((tab) => (
          <span key={tab.id} role="tab" aria-selected={tab.id === active.id} className="tab">
            <button type="button" onClick={() => selectTab(tab.id)}>{tab.title}</button>
            <button type="button" aria-label={`Close ${tab.title}`} onClick={() => closeTab(tab.id)}>×</button>
          </span>
        ))}
      </nav>
      <SqlEditor value={active.sql} onChange={(sql) => setSql(active.id, sql)} onRun={run} />
      <div className="toolbar">
        <button type="button" className="primary" onClick={run} disabled={running || session?.state !== 'ready'} data-testid="run">Run</button>
        <button type="button" onClick={() => void cancelTab(active.id)} disabled={!running}>Cancel</button>
        <span className="muted" data-testid="run-status">
          {session ? `${session.profileName} · ${session.state}` : 'disconnected'}
          {status ? ` · ${status.state} · ${Math.round(status.elapsedMs)} ms` : ''}
        </span>
      </div>
      {active.error && <p className="error-text" role="alert" data-testid="query-error">{active.error}</p>}
      {status && status.results.length > 1 && (
        <nav className="result-tabs">
          {status.results.map((r, index) => (
            <button key={r.resultId} type="button" aria-pressed={index === active.resultIndex} onClick={() => selectResult(active.id, index)}>
              {r.kind === 'rows' ? `Result ${index + 1}` : (r.command ?? 'OK')}
            </button>
          ))}
        </nav>
      )}
      {result && result.kind === 'rows' && (
        <>
          <p className="muted" data-testid="row-count">
            {result.rowCount.toLocaleString()} rows{result.limited ? ' (limited)' : ''}{result.complete ? '' : ', loading…'}
          </p>
          <ResultsGrid result={result} />
        </>
      )}
      {result && result.kind === 'command' && <p data-testid="command-result">{result.command ?? 'OK'} · {result.rowsAffected ?? 0} rows affected</p>}
    </section>
  );
}
