import { BurrowError } from '../../../../shared/errors';
import { type Engine, type TlsMode, type TlsSettings } from '../../../../shared/profile';

/** The connection fields a URL carries. The password is returned separately and never echoed. */
export interface UrlConnection {
  engine: Engine;
  host: string;
  port: number | null;
  database: string;
  user: string;
  tls: TlsSettings;
}

export interface ParsedConnectionUrl {
  connection: UrlConnection;
  password: string | null;
  /** Query parameters Burrow does not use, so the user can see what was dropped. */
  ignoredParameters: string[];
  warnings: string[];
}

const schemes: Record<string, Engine> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
  sqlserver: 'sqlserver',
  sqlite: 'sqlite',
};

const invalid = (message: string) => new BurrowError('VALIDATION', `url: ${message}`, { field: 'url' });

export function parseConnectionUrl(input: string): ParsedConnectionUrl {
  const url = input.trim();
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!schemeMatch) throw invalid('expected a connection URL such as postgres://user@host/db');
  const scheme = schemeMatch[1]!.toLowerCase();
  const engine = schemes[scheme];
  if (!engine) throw invalid(`unknown scheme "${scheme}:" (use postgres, postgresql, mysql, mariadb, sqlserver or sqlite)`);
  const rest = url.slice(schemeMatch[0].length);
  if (engine === 'sqlite') return parseSqlite(rest);
  if (!rest.startsWith('//')) throw invalid(`expected ${scheme}://host`);
  return parseNetwork(engine, rest.slice(2));
}

function parseSqlite(rest: string): ParsedConnectionUrl {
  const [pathPart = '', query = ''] = splitOnce(rest, '?');
  let filePath = pathPart;
  if (filePath.startsWith('//')) {
    filePath = filePath.slice(2);
    const slash = filePath.indexOf('/');
    const host = slash < 0 ? filePath : filePath.slice(0, slash);
    if (host && host !== 'localhost') throw invalid('sqlite URLs name a local file; remote hosts are not possible');
    filePath = slash < 0 ? '' : filePath.slice(slash);
  }
  filePath = decode(filePath, 'path');
  if (/^\/[A-Za-z]:[/\\]/.test(filePath)) filePath = filePath.slice(1);
  if (!filePath || filePath === ':memory:') throw invalid('a sqlite URL needs a database file path');
  return {
    connection: { engine: 'sqlite', host: '', port: null, database: filePath, user: '', tls: { mode: 'disable' } },
    password: null,
    ignoredParameters: parseQuery(query, '&').map(([key]) => key),
    warnings: [],
  };
}

function parseNetwork(engine: Engine, rest: string): ParsedConnectionUrl {
  const warnings: string[] = [];
  // JDBC-style SQL Server URLs put properties after ';' instead of a path and a query.
  let jdbcProperties: [string, string][] = [];
  if (engine === 'sqlserver' && rest.includes(';')) {
    const [head, props] = splitOnce(rest, ';');
    rest = head!;
    jdbcProperties = parseQuery(props ?? '', ';');
  }
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const afterAuthority = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const [beforeFragment = ''] = splitOnce(afterAuthority, '#');
  const [pathPart = '', query = ''] = splitOnce(beforeFragment, '?');

  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at) : '';
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let user = '';
  let password: string | null = null;
  if (userInfo) {
    const [u, p] = splitOnce(userInfo, ':');
    user = decode(u ?? '', 'user');
    if (p !== undefined) password = decode(p, 'password');
  }
  if (hostPort.includes(',')) {
    warnings.push('the URL lists several hosts; only the first is used');
    hostPort = hostPort.split(',')[0]!;
  }
  let { host, port } = splitHostPort(hostPort);
  const rawDatabase = pathPart.replace(/^\//, '');
  if (rawDatabase.includes('/')) throw invalid('the path must be just the database name (write "/" in a name as %2F)');
  let database = decode(rawDatabase, 'database');

  const params = new Map<string, string>();
  const ignored: string[] = [];
  for (const [key, value] of [...parseQuery(query, '&'), ...jdbcProperties]) params.set(key.toLowerCase(), value);
  const take = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = params.get(name.toLowerCase());
      if (value !== undefined) {
        for (const n of names) params.delete(n.toLowerCase());
        return value;
      }
    }
    return undefined;
  };

  const queryHost = take('host', 'server');
  if (queryHost !== undefined) {
    if (queryHost.startsWith('/')) throw invalid('Unix-socket hosts cannot be reached through Burrow; use a TCP host');
    const fromQuery = splitHostPort(queryHost);
    host = fromQuery.host;
    port = fromQuery.port ?? port;
  }
  const queryPort = take('port');
  if (queryPort !== undefined) port = toPort(queryPort);
  database = take('dbname', 'database', 'databasename') ?? database;
  user = take('user', 'username', 'user id', 'uid') ?? user;
  const queryPassword = take('password', 'pwd');
  if (queryPassword !== undefined) password = queryPassword;

  const tls = engine === 'postgres' ? postgresTls(take) : engine === 'sqlserver' ? sqlServerTls(take) : mysqlTls(take);
  for (const key of params.keys()) ignored.push(key);
  if (!host) throw invalid('the URL has no host');
  return {
    connection: { engine, host, port, database, user, tls },
    password,
    ignoredParameters: ignored,
    warnings,
  };
}

type Take = (...names: string[]) => string | undefined;

function fileRefs(take: Take, names: { ca: string[]; cert: string[]; key: string[] }): Pick<TlsSettings, 'ca' | 'clientCert' | 'clientKey'> {
  const refs: Pick<TlsSettings, 'ca' | 'clientCert' | 'clientKey'> = {};
  const ca = take(...names.ca);
  const cert = take(...names.cert);
  const key = take(...names.key);
  if (ca) refs.ca = { path: ca };
  if (cert) refs.clientCert = { path: cert };
  if (key) refs.clientKey = { path: key };
  return refs;
}

function postgresTls(take: Take): TlsSettings {
  const raw = take('sslmode')?.toLowerCase();
  const modes: Record<string, TlsMode> = { disable: 'disable', allow: 'prefer', prefer: 'prefer', require: 'require', 'verify-ca': 'verify-ca', 'verify-full': 'verify-full' };
  const mode = raw === undefined ? 'prefer' : modes[raw];
  if (!mode) throw invalid(`sslmode "${raw}" is not one of disable, allow, prefer, require, verify-ca, verify-full`);
  const serverName = take('sslsni_hostname', 'tls_server_name');
  return { mode, ...fileRefs(take, { ca: ['sslrootcert'], cert: ['sslcert'], key: ['sslkey'] }), ...(serverName ? { serverName } : {}) };
}

function mysqlTls(take: Take): TlsSettings {
  const raw = take('ssl-mode', 'sslmode', 'ssl_mode')?.toLowerCase().replace(/-/g, '_');
  const modes: Record<string, TlsMode> = {
    disabled: 'disable',
    disable: 'disable',
    preferred: 'prefer',
    prefer: 'prefer',
    required: 'require',
    require: 'require',
    verify_ca: 'verify-ca',
    verify_identity: 'verify-full',
    verify_full: 'verify-full',
  };
  let mode: TlsMode | undefined = raw === undefined ? undefined : modes[raw];
  if (raw !== undefined && !mode) throw invalid(`ssl-mode "${raw}" is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY`);
  const ssl = take('ssl', 'usessl')?.toLowerCase();
  if (mode === undefined && ssl !== undefined) mode = ['true', '1', 'yes'].includes(ssl) ? 'require' : 'disable';
  return { mode: mode ?? 'prefer', ...fileRefs(take, { ca: ['ssl-ca', 'sslca', 'ssl_ca'], cert: ['ssl-cert', 'sslcert', 'ssl_cert'], key: ['ssl-key', 'sslkey', 'ssl_key'] }) };
}

function sqlServerTls(take: Take): TlsSettings {
  const encrypt = take('encrypt')?.toLowerCase();
  const trust = ['true', 'yes', '1'].includes(take('trustservercertificate')?.toLowerCase() ?? 'false');
  const serverName = take('hostnameincertificate', 'servercertificate');
  let mode: TlsMode;
  if (encrypt === undefined) mode = 'prefer';
  else if (['false', 'no', '0', 'optional'].includes(encrypt)) mode = 'disable';
  else if (['true', 'yes', '1', 'mandatory', 'strict'].includes(encrypt)) mode = trust ? 'require' : 'verify-full';
  else throw invalid(`encrypt "${encrypt}" is not true, false or strict`);
  return { mode, ...(serverName ? { serverName } : {}) };
}

/** "Copy as URL": everything except the password. */
export function formatConnectionUrl(connection: UrlConnection): string {
  if (connection.engine === 'sqlite') {
    const file = connection.database.replace(/\\/g, '/');
    const encoded = file.split('/').map(encodePathPart).join('/');
    return /^[A-Za-z]:\//.test(file) ? `sqlite:///${encoded}` : file.startsWith('/') ? `sqlite://${encoded}` : `sqlite:${encoded}`;
  }
  const scheme = connection.engine === 'postgres' ? 'postgresql' : connection.engine;
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  const userPart = connection.user ? `${encodeURIComponent(connection.user)}@` : '';
  const portPart = connection.port !== null ? `:${connection.port}` : '';
  const dbPart = connection.database ? `/${encodeURIComponent(connection.database)}` : '';
  const query: [string, string][] = [];
  const { tls } = connection;
  if (connection.engine === 'postgres') {
    if (tls.mode !== 'prefer') query.push(['sslmode', tls.mode]);
    if (tls.ca) query.push(['sslrootcert', tls.ca.path]);
    if (tls.clientCert) query.push(['sslcert', tls.clientCert.path]);
    if (tls.clientKey) query.push(['sslkey', tls.clientKey.path]);
    if (tls.serverName) query.push(['sslsni_hostname', tls.serverName]);
  } else if (connection.engine === 'sqlserver') {
    if (tls.mode === 'disable') query.push(['encrypt', 'false']);
    else if (tls.mode === 'require' || tls.mode === 'verify-ca') query.push(['encrypt', 'true'], ['trustServerCertificate', 'true']);
    else if (tls.mode === 'verify-full') query.push(['encrypt', 'true']);
    if (tls.serverName) query.push(['hostNameInCertificate', tls.serverName]);
  } else {
    const names: Record<TlsMode, string> = { disable: 'DISABLED', prefer: 'PREFERRED', require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY' };
    if (tls.mode !== 'prefer') query.push(['ssl-mode', names[tls.mode]]);
    if (tls.ca) query.push(['ssl-ca', tls.ca.path]);
    if (tls.clientCert) query.push(['ssl-cert', tls.clientCert.path]);
    if (tls.clientKey) query.push(['ssl-key', tls.clientKey.path]);
  }
  const queryPart = query.length ? `?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
  return `${scheme}://${userPart}${host}${portPart}${dbPart}${queryPart}`;
}

function splitHostPort(hostPort: string): { host: string; port: number | null } {
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort);
  if (v6) return { host: v6[1]!, port: v6[2] ? toPort(v6[2]) : null };
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return { host: decode(hostPort, 'host'), port: null };
  const portText = hostPort.slice(colon + 1);
  return { host: decode(hostPort.slice(0, colon), 'host'), port: portText === '' ? null : toPort(portText) };
}

function toPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new BurrowError('VALIDATION', `url: port "${text}" must be between 1 and 65535`, { field: 'url' });
  return port;
}

function parseQuery(query: string, separator: string): [string, string][] {
  return query
    .split(separator)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [key, value = ''] = splitOnce(part, '=');
      return [decode(key!.trim(), 'parameter name'), decode(value.trim(), `parameter ${key}`)];
    });
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + separator.length)];
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`the ${what} has a broken %-escape`);
  }
}

function encodePathPart(part: string): string {
  return encodeURIComponent(part).replace(/%3A/gi, ':');
}
