import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { selectApp, selectLoadAppInfo, useBurrowStore } from '../store';

export function App() {
  const app = useBurrowStore(selectApp);
  const loadAppInfo = useBurrowStore(selectLoadAppInfo);
  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  return (
    <div className="shell" data-testid={app.status === 'ready' ? 'app-ready' : `app-${app.status}`}>
      <ConnectionsSidebar />
      <main className="workspace">
        <h1>Burrow</h1>
        {app.status === 'loading' && <p>Starting…</p>}
        {app.status === 'failed' && <ErrorNotice error={app.error} />}
        {app.status === 'ready' && (
          <p className="muted" data-testid="app-version">
            Version {app.info.version} · {app.info.platform} · Node {app.info.versions.node}
          </p>
        )}
      </main>
    </div>
  );
}
