export function ConnectionsSidebar() {
  return (
    <aside className="sidebar" aria-label="Connections">
      <header className="sidebar-header">Connections</header>
      <p className="empty">No saved connections yet.</p>
    </aside>
  );
}
