import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fileChanged, sqlToRun, type QueryTab, type RunScope } from '../../store/workspaceSlice';
import { selectActiveTab, selectSessions, selectTabs, useBurrowStore } from '../../store';
import { colourStyle, profileById } from '../connections/connectionCue';
import { EnvironmentTag, ReadOnlyTag } from '../connections/EnvironmentTag';
import { SchemaTree } from '../schema/SchemaTree';
import { TableBrowser } from '../schema/TableBrowser';
import { OpenTableDialog } from '../schema/OpenTableDialog';
import type { ExportFormat } from '../../../../shared/query';
import type { Environment } from '../../../../shared/profile';
import { exportResult } from './exportResult';
import { ResultsGrid } from './ResultsGrid';
import { ResultEditBar } from './ResultEditBar';
import { confirmDiscardResultEdits } from './confirmDiscardResultEdits';
import { closeTabAsking } from './closeTabAsking';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { formatSql } from './formatSql';
import { explainPrefix } from './explainPrefix';
import { sqlLanguageConfig } from './sqlCompletion';
import { HistoryDialog } from './HistoryDialog';
import { SaveQueryDialog } from './SaveQueryDialog';
import { SavedQueriesDialog } from './SavedQueriesDialog';
import { openSavedQuery, saveTabQuery } from './savedQueryActions';
import { openSqlFile, saveSqlFile } from './sqlFileActions';
import { SshLogDialog } from './SshLogDialog';
import { ActivityDialog } from './ActivityDialog';
import { ContextMenu, type MenuItem } from '../../components/ContextMenu';
import { tabAfterStep, tabStepOf } from './tabSwitching';
import { ExportAllRows } from '../exports/ExportAllRows';
import { FileExportStatus } from '../exports/FileExportStatus';

function TabBar({ tabs, activeId, environment, readOnly }: { tabs: QueryTab[]; activeId: string; environment: Environment | undefined; readOnly: boolean | undefined }) {
  const sessions = useBurrowStore(selectSessions);
  const [renaming, setRenaming] = useState<string | null>(null);
  /** Escape ends a rename without keeping it, even if the field's blur follows. */
  const renameCancelled = useRef(false);
  const activeSession = sessions[tabs.find((tab) => tab.id === activeId)?.sessionId ?? ''];
  const [menu, setMenu] = useState<{ x: number; y: number; tab: QueryTab } | null>(null);
  const close = closeTabAsking;
  /** Closes tabs in order, stopping at the first one the user keeps. */
  const closeAll = (closing: readonly QueryTab[]): void => {
    for (const tab of closing) if (!close(tab)) return;
  };
  const menuItems = (tab: QueryTab): MenuItem[] => {
    const index = tabs.findIndex((t) => t.id === tab.id);
    const live = Boolean(sessions[tab.sessionId]);
    return [
      ...(tab.browserId ? [] : [{ label: 'Rename…', action: () => {
        renameCancelled.current = false;
        setRenaming(tab.id);
      } }]),
      ...(tab.browserId || !live ? [] : [{ label: 'Duplicate', action: () => {
        const store = useBurrowStore.getState();
        const copy = store.newQueryTab(tab.id);
        if (copy) store.setSql(copy, tab.sql);
      } }]),
      { label: 'Close', action: () => void close(tab) },
      ...(tabs.length > 1 ? [{ label: 'Close other tabs', action: () => closeAll(tabs.filter((t) => t.id !== tab.id)) }] : []),
      ...(index < tabs.length - 1 ? [{ label: 'Close tabs to the right', action: () => closeAll(tabs.slice(index + 1)) }] : []),
    ];
  };
  return (
    <nav className="tabs" role="tablist">
      {tabs.map((tab) => (
        <span key={tab.id} role="tab" aria-selected={tab.id === activeId} className="tab"
          onContextMenu={(event) => {
            event.preventDefault();
            setMenu({ x: event.clientX, y: event.clientY, tab });
          }}>
          {renaming === tab.id ? (
            <input className="tab-rename" aria-label="Tab name" defaultValue={tab.title} autoFocus onFocus={(event) => event.target.select()}
              onKeyDown={(event) => {
                if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
                if (event.key === 'Escape') {
                  renameCancelled.current = true;
                  setRenaming(null);
                }
              }}
              onBlur={(event) => {
                if (!renameCancelled.current) useBurrowStore.getState().renameTab(tab.id, event.target.value);
                renameCancelled.current = false;
                setRenaming(null);
              }} />
          ) : (
            <button type="button" onClick={() => useBurrowStore.getState().selectTab(tab.id)}
              onDoubleClick={() => {
                if (tab.browserId) return;
                renameCancelled.current = false;
                setRenaming(tab.id);
              }} title={tab.browserId ? undefined : 'Double-click to rename'}>
              {tab.browserId ? `▦ ${tab.title}` : fileChanged(tab) ? `${tab.title} •` : tab.title}
            </button>
          )}
          <button type="button" aria-label={`Close ${tab.title}`} onClick={() => close(tab)}>×</button>
        </span>
      ))}
      <button type="button" className="tab-new" aria-label="New query tab" title={activeSession ? 'New query tab on this connection' : 'This connection has ended: connect again first'} disabled={!activeSession} onClick={() => useBurrowStore.getState().newQueryTab(activeId)}>+</button>
      <EnvironmentTag environment={environment} />
      <ReadOnlyTag readOnly={readOnly} />
      {menu && <ContextMenu x={menu.x} y={menu.y} testId="tab-menu" items={menuItems(menu.tab)} onClose={() => setMenu(null)} />}
    </nav>
  );
}

/** Saves the shown result as CSV once it is complete; the status line says where it went or why not. */
function ExportButtons({ resultId, complete }: { resultId: string; complete: boolean }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setStatus(null), [resultId]);
  const run = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    try {
      setStatus(await exportResult(resultId, format));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['csv', 'json'] as const).map((format) => (
        <button key={format} type="button" className="small" disabled={!complete || busy !== null} onClick={() => void run(format)} title={complete ? undefined : 'Wait for the result to finish loading'}>
          {busy === format ? 'Exporting…' : `Export ${format.toUpperCase()}…`}
        </button>
      ))}
      {status?.text && (
        <span className={status.ok ? 'muted' : 'error-text'} role={status.ok ? 'status' : 'alert'} data-testid="export-status">{status.text}</span>
      )}
    </>
  );
}

function QueryPane({ tab }: { tab: QueryTab }) {
  const sessions = useBurrowStore(selectSessions);
  const { setSql, setSelection, runTab, cancelTab, selectResult } = useBurrowStore.getState();
  const runAsking = useCallback((scope: RunScope) => {
    if (confirmDiscardResultEdits(tab.id)) void runTab(tab.id, scope);
  }, [tab.id, runTab]);
  const run = useCallback(() => runAsking('all'), [runAsking]);
  const runStatement = useCallback(() => runAsking('statement'), [runAsking]);
  const explain = useCallback(() => runAsking('explain'), [runAsking]);
  const editorRef = useRef<SqlEditorHandle>(null);
  const [formatError, setFormatError] = useState<string | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [showActivity, setShowActivity] = useState(false);
  const [showSaved, setShowSaved] = useState(false);
  const [saveAsk, setSaveAsk] = useState<{ note: string | null } | null>(null);
  const [saveStatus, setSaveStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // "Saved" is about the text as it was: an edit makes it stale.
  useEffect(() => setSaveStatus(null), [tab.sql]);
  const save = useCallback(() => {
    const current = useBurrowStore.getState().tabs.find((t) => t.id === tab.id);
    if (!current) return;
    if (!current.sql.trim()) {
      setSaveStatus({ ok: false, text: 'There is no SQL to save.' });
      return;
    }
    void saveTabQuery(current).then((outcome) => {
      if (outcome.kind === 'ask') setSaveAsk({ note: outcome.note });
      else setSaveStatus({ ok: outcome.kind === 'saved', text: outcome.text });
    });
  }, [tab.id]);
  const [fileMenu, setFileMenu] = useState<{ x: number; y: number } | null>(null);
  const openFile = useCallback(() => void openSqlFile(tab.id), [tab.id]);
  const saveFile = useCallback((saveAs: boolean) => void saveSqlFile(tab.id, saveAs), [tab.id]);
  const session = sessions[tab.sessionId];
  const profileId = session?.profileId ?? tab.profileId;
  const schema = useBurrowStore((state) => state.schemas[tab.sessionId]);
  const schemaInfo = schema?.status === 'ready' ? schema.info : null;
  const language = useMemo(() => (session ? sqlLanguageConfig(session.engine, schemaInfo) : undefined), [session?.engine, schemaInfo]);
  const status = tab.run;
  const result = status?.results[tab.resultIndex];
  const running = status?.state === 'running' || status?.state === 'queued';
  const position = status?.error?.detail?.position;
  const selected = sqlToRun(tab).selection;
  const engine = session?.engine ?? 'postgres';
  const formatter = useCallback((sql: string) => formatSql(sql, engine), [engine]);
  return (
    <>
      <SqlEditor
        value={tab.sql}
        onChange={(sql) => setSql(tab.id, sql)}
        onSelection={(range) => setSelection(tab.id, range)}
        onRun={run}
        onRunStatement={runStatement}
        onSave={save}
        onOpenFile={openFile}
        onSaveFile={saveFile}
        errorAt={typeof position === 'number' ? position + (tab.ranFrom ?? 0) : null}
        language={language}
        formatter={formatter}
        onFormatted={setFormatError}
        ref={editorRef}
      />
      <div className="toolbar">
        <button type="button" className="primary" onClick={run} disabled={running || session?.state !== 'ready'} data-testid="run" title="Mod+Enter">{selected ? 'Run selection' : 'Run'}</button>
        {!selected && (
          <button type="button" onClick={runStatement} disabled={running || session?.state !== 'ready'} data-testid="run-statement" title="Mod+Shift+Enter: the statement at the cursor">Run statement</button>
        )}
        {session && explainPrefix(session.engine) !== null && (
          <button type="button" onClick={explain} disabled={running || session.state !== 'ready'} data-testid="explain" title="The plan of the statement at the cursor (or the selection), without running it">Explain</button>
        )}
        <button type="button" onClick={() => editorRef.current?.format()} title="Mod+Shift+F: the selection, or the whole text">Format</button>
        <button type="button" onClick={() => void cancelTab(tab.id)} disabled={!running}>Cancel</button>
        <button type="button" aria-haspopup="menu" data-testid="file-menu-button" title="Open a SQL file (Mod+O), save to one (Mod+Shift+S; as another: Mod+Alt+S)"
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setFileMenu({ x: box.left, y: box.bottom + 2 });
          }}>File ▾</button>
        {fileMenu && (
          <ContextMenu x={fileMenu.x} y={fileMenu.y} testId="file-menu" onClose={() => setFileMenu(null)} items={[
            { label: 'Open SQL file…', action: openFile },
            { label: tab.file ? `Save to ${tab.file.name}` : 'Save to a file…', action: () => saveFile(false) },
            { label: 'Save to a file as…', action: () => saveFile(true) },
          ]} />
        )}
        <button type="button" onClick={save} data-testid="save-query-button" title={tab.savedQueryId ? `Mod+S: save the SQL to “${tab.title}”` : 'Mod+S: save the SQL under a name'}>Save</button>
        {profileId && <button type="button" onClick={() => setShowSaved(true)}>Saved queries</button>}
        {session && <button type="button" onClick={() => setShowHistory(true)}>History</button>}
        {session && session.engine !== 'sqlite' && <button type="button" onClick={() => setShowActivity(true)} title="The server's sessions and what they run; cancel a statement or end a session">Activity</button>}
        {session && session.hops > 0 && <button type="button" onClick={() => setShowLog(true)}>SSH log</button>}
        {session && (
          <button type="button" title="Close this connection (its tunnel and login); the tabs stay, and connecting again brings them back to life"
            onClick={() => confirmDiscardResultEdits(tab.id) && void useBurrowStore.getState().closeSession(session.sessionId)}>Disconnect</button>
        )}
        <span className="muted" data-testid="run-status">
          {session ? `${session.profileName} · ${session.state}` : 'disconnected'}
          {status ? ` · ${status.state} · ${Math.round(status.elapsedMs)} ms` : ''}
        </span>
      </div>
      {tab.fileStatus && <p className={tab.fileStatus.ok ? 'muted' : 'error-text'} role={tab.fileStatus.ok ? 'status' : 'alert'} data-testid="file-status">{tab.fileStatus.text}</p>}
      {saveStatus && <p className={saveStatus.ok ? 'muted' : 'error-text'} role={saveStatus.ok ? 'status' : 'alert'} data-testid="save-query-status">{saveStatus.text}</p>}
      {showLog && <SshLogDialog sessionId={tab.sessionId} onClose={() => setShowLog(false)} />}
      {showActivity && session && <ActivityDialog sessionId={session.sessionId} title={session.profileName} onClose={() => setShowActivity(false)} />}
      {saveAsk && profileId && (
        <SaveQueryDialog tab={tab} profileId={profileId} profileName={session?.profileName ?? tab.title} note={saveAsk.note}
          onSaved={(text) => {
            setSaveAsk(null);
            setSaveStatus({ ok: true, text });
          }}
          onClose={() => setSaveAsk(null)} />
      )}
      {showSaved && profileId && (
        <SavedQueriesDialog profileId={profileId}
          onPick={(query) => {
            setShowSaved(false);
            openSavedQuery(tab, query);
          }}
          onClose={() => setShowSaved(false)} />
      )}
      {showHistory && session && (
        <HistoryDialog
          profileId={session.profileId}
          onPick={(sql) => {
            setSql(tab.id, sql);
            setShowHistory(false);
          }}
          onClose={() => setShowHistory(false)}
        />
      )}
      {formatError && <p className="error-text" role="alert" data-testid="format-error">Could not format: {formatError}</p>}
      {tab.error && <p className="error-text" role="alert" data-testid="query-error">{tab.error}</p>}
      {status && status.results.length > 1 && (
        <nav className="result-tabs">
          {status.results.map((r, index) => (
            <button key={r.resultId} type="button" aria-pressed={index === tab.resultIndex} onClick={() => selectResult(tab.id, index)}>
              {r.kind === 'rows' ? `Result ${index + 1}` : (r.command ?? 'OK')}
            </button>
          ))}
        </nav>
      )}
      {result && result.kind === 'rows' && (
        <>
          <div className="result-bar">
            <p className="muted" data-testid="row-count">
              {result.rowCount.toLocaleString()} rows{result.limited ? ' (limited)' : ''}{result.complete ? '' : ', loading…'}
            </p>
            {result.limited && (
              <button type="button" className="small" data-testid="fetch-all" disabled={running || session?.state !== 'ready'}
                title="Run the same SQL again without the connection's row limit" onClick={() => confirmDiscardResultEdits(tab.id) && void useBurrowStore.getState().runTabWithoutLimit(tab.id)}>
                Fetch all rows
              </button>
            )}
            <ExportButtons resultId={result.resultId} complete={result.complete} />
            <ExportAllRows tab={tab} cut={result.limited || result.budgetExceeded} />
          </div>
          <FileExportStatus ownerId={tab.id} />
          <ResultEditBar tab={tab} result={result} />
          <ResultsGrid tab={tab} result={result} />
        </>
      )}
      {result && result.kind === 'command' && <p data-testid="command-result">{result.command ?? 'OK'} · {result.rowsAffected ?? 0} rows affected</p>}
    </>
  );
}

/** Mod+P anywhere in the window opens Open table… for the front tab's live session (the app menu's accelerator does the same in Electron). */
/**
 * Ctrl+Tab / Ctrl+Shift+Tab (or Ctrl+PageDown / PageUp) and Mod+1…9 switch tabs anywhere in the
 * window; in Electron the View menu's accelerators take the first two before the page sees them.
 */
function useTabSwitchingKeys(): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const state = useBurrowStore.getState();
      const step = tabStepOf(event, state.app.status === 'ready' ? state.app.info.platform : '');
      if (!step) return;
      const next = tabAfterStep(state.tabs.map((tab) => tab.id), state.activeTabId, step);
      event.preventDefault();
      if (next && next !== state.activeTabId) state.selectTab(next);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

function useOpenTableKey(): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'p') return;
      const state = useBurrowStore.getState();
      const tab = state.tabs.find((t) => t.id === state.activeTabId);
      if (!tab || !state.sessions[tab.sessionId]) return;
      event.preventDefault();
      state.showOpenTable(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The open tabs (SQL editors and table browsers) beside the schema tree of the active tab's session. */
export function QueryWorkspace() {
  const openTableShown = useBurrowStore((state) => state.openTableShown);
  useOpenTableKey();
  useTabSwitchingKeys();
  const tabs = useBurrowStore(selectTabs);
  const active = useBurrowStore(selectActiveTab);
  const sessions = useBurrowStore(selectSessions);
  const profile = useBurrowStore((state) => profileById(state.profiles, active && (state.sessions[active.sessionId]?.profileId ?? active.profileId)));
  if (!active) return <p className="muted">Open a connection from the list to start a query.</p>;
  const live = sessions[active.sessionId]?.state;
  return (
    <div className="workspace-body">
      {(live === 'ready' || live === 'reconnecting') && <SchemaTree key={active.sessionId} sessionId={active.sessionId} />}
      <section className={profile?.colour ? 'query coloured' : 'query'} style={colourStyle(profile?.colour)} aria-label={active.browserId ? 'Table' : 'Query'}>
        <TabBar tabs={tabs} activeId={active.id} environment={profile?.environment} readOnly={profile?.readOnly} />
        {active.browserId ? <TableBrowser key={active.browserId} browserId={active.browserId} /> : <QueryPane key={active.id} tab={active} />}
      </section>
      {openTableShown && live && <OpenTableDialog sessionId={active.sessionId} onClose={() => useBurrowStore.getState().showOpenTable(false)} />}
    </div>
  );
}
