import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConnectionForm } from '../features/connections/ConnectionForm';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { emptyForm } from '../features/connections/profileDraft';
import { PromptDialog } from '../features/prompts/PromptDialog';
import { QueryWorkspace } from '../features/query/QueryWorkspace';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { SafeModeDialog } from '../features/safety/SafeModeDialog';
import { confirmDiscardResultEdits } from '../features/query/confirmDiscardResultEdits';
import { closeTabAsking } from '../features/query/closeTabAsking';
import { openSqlFile, saveSqlFile } from '../features/query/sqlFileActions';
import { burrow } from '../ipc/client';
import { subscribeToCore } from '../ipc/events';
import { selectApp, selectLoadAppInfo, useBurrowStore } from '../store';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';
import { applyTheme, watchOsTheme } from './theme';
import { tabAfterStep } from '../features/query/tabSwitching';

/** Once per page: React's development double effects must not adopt the sessions twice. */
let sessionsAdopted = false;

export function App() {
  const app = useBurrowStore(selectApp);
  const loadAppInfo = useBurrowStore(selectLoadAppInfo);
  const settingsOpen = useBurrowStore((state) => state.settingsOpen);
  useUnsavedChangesGuard();
  const theme = useBurrowStore((state) => state.theme);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => watchOsTheme(() => useBurrowStore.getState().osThemeChanged()), []);
  useEffect(() => {
    void loadAppInfo();
    const unsubscribe = subscribeToCore();
    // A window opened while core runs on (reloaded, or reopened on macOS) takes in the live sessions,
    // so their tunnels are not left open where no tab can reach them.
    if (!sessionsAdopted) {
      sessionsAdopted = true;
      void (async () => {
        const state = useBurrowStore.getState();
        for (const session of await state.adoptSessions()) await state.openSessionTabs(session.sessionId, session.profileName);
      })();
    }
    const offMenu = burrow().app.onMenuCommand(({ command }) => {
      const state = useBurrowStore.getState();
      if (command === 'newConnection') state.openEditor(emptyForm());
      if (command === 'preferences') state.showSettings(true);
      const tab = state.tabs.find((t) => t.id === state.activeTabId);
      if (!tab) return;
      // Menu accelerators take these keys before the editor sees them.
      if (command === 'run' && confirmDiscardResultEdits(tab.id)) void state.runTab(tab.id);
      if (command === 'runStatement' && confirmDiscardResultEdits(tab.id)) void state.runTab(tab.id, 'statement');
      if (command === 'cancel') void state.cancelTab(tab.id);
      if (command === 'closeTab') closeTabAsking(tab);
      if (command === 'newTab') state.newQueryTab(tab.id);
      if (command === 'openTable' && state.sessions[tab.sessionId]) state.showOpenTable(true);
      if (command === 'openSqlFile') void openSqlFile(tab.id);
      if (command === 'saveSqlFile' || command === 'saveSqlFileAs') void saveSqlFile(tab.id, command === 'saveSqlFileAs');
      if (command === 'nextTab' || command === 'previousTab') {
        const next = tabAfterStep(state.tabs.map((t) => t.id), tab.id, { by: command === 'nextTab' ? 1 : -1 });
        if (next) state.selectTab(next);
      }
    });
    // The last edits would otherwise wait out the save delay in a window that is already gone.
    const flush = (): void => useBurrowStore.getState().flushKeptTabs();
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      offMenu();
      window.removeEventListener('pagehide', flush);
    };
  }, [loadAppInfo]);

  return (
    <div className="shell" data-testid={app.status === 'ready' ? 'app-ready' : `app-${app.status}`}>
      <ConnectionsSidebar />
      <main className="workspace">
        <header className="workspace-header">
          <h1>Burrow</h1>
          {app.status === 'loading' && <p>Starting…</p>}
          {app.status === 'failed' && <ErrorNotice error={app.error} />}
          {app.status === 'ready' && (
            <p className="muted" data-testid="app-version">
              Version {app.info.version} · {app.info.platform} · Node {app.info.versions.node}
            </p>
          )}
        </header>
        <QueryWorkspace />
      </main>
      <ConnectionForm />
      {settingsOpen && <SettingsDialog onClose={() => useBurrowStore.getState().showSettings(false)} />}
      <PromptDialog />
      <SafeModeDialog />
    </div>
  );
}
