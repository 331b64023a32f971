/**
 * Format 1 (Burrow 0.0.x) kept a flat list of `connections` with one optional SSH tunnel, a
 * `folder` string ("Clients/Acme"), driver names as the drivers spelled them, a boolean `ssl` and
 * a `savePassword` flag. Format 2 has nestable groups, engines, TLS modes, multi-hop routes,
 * environments and safe mode. Unknown v1 fields are dropped; anything unparseable throws, which
 * the loader reports as a damaged file (the original is kept as profiles.json.v1).
 */
type Json = Record<string, unknown>;

const engines: Record<string, string> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
  mssql: 'sqlserver',
  sqlserver: 'sqlserver',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
};

export function migrateProfilesV1(document: Json): Json {
  const connections = document.connections;
  if (!Array.isArray(connections)) throw new Error('"connections" is not a list');
  const now = new Date().toISOString();
  return { version: 2, profiles: connections.map((connection, index) => migrateConnection(asObject(connection, index), index, now)) };
}

function migrateConnection(c: Json, index: number, now: string): Json {
  const id = text(c.id) || `v1-${index + 1}`;
  const engine = engines[text(c.type).toLowerCase()];
  if (!engine) throw new Error(`connection ${index + 1} has an unknown type "${text(c.type)}"`);
  const production = c.production === true;
  const tunnel = c.sshTunnel && typeof c.sshTunnel === 'object' ? (c.sshTunnel as Json) : null;
  return {
    id,
    name: text(c.name) || `Connection ${index + 1}`,
    group: text(c.folder).split('/').map((part) => part.trim()).filter(Boolean),
    colour: /^#[0-9a-fA-F]{6}$/.test(text(c.color)) ? text(c.color).toLowerCase() : null,
    environment: production ? 'production' : 'development',
    safeMode: production ? 'confirmWrites' : 'silent',
    engine,
    host: engine === 'sqlite' ? '' : text(c.host),
    port: typeof c.port === 'number' ? c.port : null,
    database: text(c.database),
    user: text(c.username),
    passwordPolicy: c.savePassword === false ? 'ask' : 'keychain',
    tls: { mode: tlsMode(c.ssl) },
    ssh: {
      hops: tunnel ? [migrateTunnel(tunnel, id)] : [],
      keepalive: { intervalSeconds: 15, countMax: 3 },
      connectTimeoutSeconds: 20,
    },
    startupSql: '',
    defaultRowLimit: typeof c.rowLimit === 'number' ? c.rowLimit : 1000,
    createdAt: isoOr(c.createdAt, now),
    updatedAt: isoOr(c.updatedAt, isoOr(c.createdAt, now)),
  };
}

function migrateTunnel(t: Json, profileId: string): Json {
  const auth = text(t.auth);
  const methods =
    auth === 'key' && text(t.keyId)
      ? [{ type: 'publickey', keyId: text(t.keyId) }]
      : auth === 'agent'
        ? [{ type: 'agent' }]
        : [{ type: 'password', policy: 'keychain' }];
  return {
    id: `${profileId}-hop-1`,
    host: text(t.host),
    port: typeof t.port === 'number' ? t.port : 22,
    username: text(t.username),
    auth: methods,
  };
}

function tlsMode(ssl: unknown): string {
  if (ssl === true) return 'require';
  if (ssl === false) return 'disable';
  if (ssl && typeof ssl === 'object' && typeof (ssl as Json).mode === 'string') return (ssl as Json).mode as string;
  return 'prefer';
}

function asObject(value: unknown, index: number): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`connection ${index + 1} is not an object`);
  return value as Json;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isoOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback;
}
