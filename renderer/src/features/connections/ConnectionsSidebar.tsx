import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { selectLoadProfiles, selectProfiles, useBurrowStore } from '../../store';
import { groupProfiles } from '../../store/profilesSlice';

const engineLabels: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', sqlserver: 'SQL Server', sqlite: 'SQLite' };

export function ConnectionsSidebar() {
  const profiles = useBurrowStore(selectProfiles);
  const loadProfiles = useBurrowStore(selectLoadProfiles);
  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);

  return (
    <aside className="sidebar" aria-label="Connections">
      <header className="sidebar-header">Connections</header>
      {profiles.status === 'failed' && <ErrorNotice error={profiles.error} />}
      {profiles.status === 'ready' && profiles.profiles.length === 0 && <p className="empty">No saved connections yet.</p>}
      {profiles.status === 'ready' &&
        groupProfiles(profiles.profiles).map((group) => (
          <section key={group.path.join('/') || '(none)'} className="profile-group">
            {group.path.length > 0 && <h2 className="group-name">{group.path.join(' / ')}</h2>}
            <ul className="profile-list">
              {group.profiles.map((profile) => (
                <li key={profile.id} className="profile" data-testid="profile-item">
                  <span className="profile-name">{profile.name}</span>
                  <span className="profile-meta">
                    {engineLabels[profile.engine] ?? profile.engine}
                    {profile.ssh.hops.length > 0 ? ` · SSH ×${profile.ssh.hops.length}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </aside>
  );
}
