import { useBurrowStore } from '../../store';

/**
 * Opens another database of a session's server in a tab of its own: a session of the same profile
 * on that database (over the same tunnel). One already open for it comes to the front instead.
 * Resolves with what went wrong, or null.
 */
export async function switchDatabase(sessionId: string, database: string): Promise<string | null> {
  const store = useBurrowStore.getState();
  const session = store.sessions[sessionId];
  if (!session) return 'This connection has ended: connect again first.';
  const live = Object.values(store.sessions).filter((s) => s.profileId === session.profileId && s.database === database && s.state !== 'closed' && s.state !== 'failed');
  const shown = store.tabs.find((tab) => live.some((s) => s.sessionId === tab.sessionId));
  if (shown) {
    store.selectTab(shown.id);
    return null;
  }
  const opened = await store.openSession(session.profileId, { database });
  if (!opened) {
    const failure = useBurrowStore.getState().connecting[session.profileId];
    return failure?.status === 'failed' ? `Could not open ${database}: ${failure.error.code}: ${failure.error.message}` : `Could not open ${database}.`;
  }
  useBurrowStore.getState().openTab(opened.sessionId, `${session.profileName} · ${database}`);
  return null;
}
