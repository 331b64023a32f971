import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { selectConnecting, selectLoadProfiles, selectProfiles, selectSessions, useBurrowStore } from '../../store';
import { groupProfiles, searchProfiles } from '../../store/profilesSlice';
import { KeysPanel } from '../keys/KeysPanel';
import { ImportPanel } from './ImportPanel';
import { HostKeyChanged } from '../knownHosts/HostKeyChanged';
import { KnownHostsPanel } from '../knownHosts/KnownHostsPanel';
import { emptyForm, formFromProfile } from './profileDraft';
import { colourStyle } from './connectionCue';
import { EnvironmentTag, ReadOnlyTag } from './EnvironmentTag';
import { vaultProblem } from '../settings/vaultText';
import { ContextMenu } from '../../components/ContextMenu';
import type { Profile } from '../../../../shared/profile';
import { profileMenuItems } from './profileMenu';
import { loadCollapsedGroups, storeCollapsedGroups } from './collapsedGroups';

const engineLabels: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', sqlserver: 'SQL Server', sqlite: 'SQLite' };

export function ConnectionsSidebar() {
  const profiles = useBurrowStore(selectProfiles);
  const connecting = useBurrowStore(selectConnecting);
  const loadProfiles = useBurrowStore(selectLoadProfiles);
  const [showKeys, setShowKeys] = useState(false);
  const [showHosts, setShowHosts] = useState(false);
  const [showImport, setShowImport] = useState(false);
  const [search, setSearch] = useState('');
  const [menu, setMenu] = useState<{ x: number; y: number; profile: Profile } | null>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(loadCollapsedGroups);
  // While searching, every match shows, whatever is folded.
  const folded = (path: readonly string[]): boolean => path.length > 0 && !search.trim() && collapsed.has(path.join('/'));
  const toggleGroup = (key: string): void => {
    const next = new Set(collapsed);
    if (!next.delete(key)) next.add(key);
    setCollapsed(next);
    storeCollapsedGroups(next);
  };
  const vaultIssue = useBurrowStore((state) => vaultProblem(state.vault));
  const sessions = useBurrowStore(selectSessions);
  const liveCount = (profileId: string): number => Object.values(sessions).filter((session) => session.profileId === profileId).length;
  useEffect(() => {
    void loadProfiles();
    void useBurrowStore.getState().loadVault();
  }, [loadProfiles]);

  const connect = async (profileId: string, name: string): Promise<void> => {
    const { openSession, openSessionTabs } = useBurrowStore.getState();
    const session = await openSession(profileId);
    if (session) await openSessionTabs(session.sessionId, name);
  };

  return (
    <aside className="sidebar" aria-label="Connections">
      <header className="sidebar-header">
        Connections
        <span>
          <button type="button" className="small" onClick={() => setShowKeys(true)}>Keys</button>{' '}
          <button type="button" className="small" onClick={() => setShowHosts(true)}>Hosts</button>{' '}
          <button type="button" className="small" onClick={() => setShowImport(true)}>Import</button>{' '}
          <button type="button" className="small" onClick={() => useBurrowStore.getState().openEditor(emptyForm())}>New</button>{' '}
          <button type="button" className="small" aria-label="Settings" title="Settings" onClick={() => useBurrowStore.getState().showSettings(true)}>⚙</button>
        </span>
      </header>
      {vaultIssue && (
        <p className="vault-notice" role="status" data-testid="vault-notice">
          {vaultIssue}{' '}
          <button type="button" className="small" onClick={() => useBurrowStore.getState().showSettings(true)}>Details…</button>
        </p>
      )}
      {showKeys && <KeysPanel onClose={() => setShowKeys(false)} />}
      {showHosts && <KnownHostsPanel onClose={() => setShowHosts(false)} />}
      {showImport && <ImportPanel onClose={() => setShowImport(false)} />}
      {profiles.status === 'failed' && <ErrorNotice error={profiles.error} />}
      {profiles.status === 'ready' && profiles.profiles.length === 0 && <p className="empty">No saved connections yet.</p>}
      {profiles.status === 'ready' && profiles.profiles.length > 0 && (
        <input type="search" className="profile-search" aria-label="Search connections" placeholder="Search connections" value={search}
          onChange={(event) => setSearch(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && setSearch('')} />
      )}
      {profiles.status === 'ready' && profiles.profiles.length > 0 && searchProfiles(profiles.profiles, search).length === 0 && (
        <p className="empty" data-testid="no-search-match">No connection matches “{search.trim()}”.</p>
      )}
      {profiles.status === 'ready' &&
        groupProfiles(searchProfiles(profiles.profiles, search)).map((group) => (
          <section key={group.path.join('/') || '(none)'} className="profile-group">
            {group.path.length > 0 && (
              <h2 className="group-name">
                <button type="button" className="group-toggle" aria-expanded={!folded(group.path)} onClick={() => toggleGroup(group.path.join('/'))}>
                  {folded(group.path) ? '▸' : '▾'} {group.path.join(' / ')}
                  {folded(group.path) && <span className="muted"> ({group.profiles.length})</span>}
                </button>
              </h2>
            )}
            {!folded(group.path) && (
              <ul className="profile-list">
                {group.profiles.map((profile) => {
                  const state = connecting[profile.id];
                  return (
                    <li key={profile.id} className={profile.colour ? 'profile coloured' : 'profile'} style={colourStyle(profile.colour)} data-testid="profile-item"
                      onContextMenu={(event) => {
                        event.preventDefault();
                        setMenu({ x: event.clientX, y: event.clientY, profile });
                      }}>
                      <button type="button" className="profile-open" onClick={() => void connect(profile.id, profile.name)} disabled={state?.status === 'connecting'}>
                        <span className="profile-title">
                          <span className="profile-name">{profile.name}</span>
                          <EnvironmentTag environment={profile.environment} />
                          <ReadOnlyTag readOnly={profile.readOnly} />
                        </span>
                        <span className="profile-meta">
                          {engineLabels[profile.engine] ?? profile.engine}
                          {profile.ssh.hops.length > 0 ? ` · SSH ×${profile.ssh.hops.length}` : ''}
                          {state?.status === 'connecting' ? ` · connecting (${state.part})…` : ''}
                          {liveCount(profile.id) > 0 && (
                            <span className="profile-live" data-testid="profile-live">{liveCount(profile.id) > 1 ? ` · ${liveCount(profile.id)} open` : ' · connected'}</span>
                          )}
                        </span>
                      </button>
                      <button type="button" className="small edit" aria-label={`Edit ${profile.name}`} onClick={() => useBurrowStore.getState().openEditor(formFromProfile(profile))}>Edit</button>
                      {state?.status === 'failed' && <ErrorNotice error={state.error} />}
                      {state?.status === 'failed' && state.error.code === 'SSH_HOST_KEY_MISMATCH' && <HostKeyChanged error={state.error} />}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        ))}
      {note && <p className={note.ok ? 'muted sidebar-note' : 'error-text sidebar-note'} role={note.ok ? 'status' : 'alert'} data-testid="sidebar-note">{note.text}</p>}
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} testId="profile-menu" onClose={() => setMenu(null)}
          items={profileMenuItems(menu.profile, () => void connect(menu.profile.id, menu.profile.name), (text, ok) => setNote({ text, ok }))} />
      )}
    </aside>
  );
}
