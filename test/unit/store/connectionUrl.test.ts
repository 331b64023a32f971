import { describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { formatConnectionUrl, parseConnectionUrl, type UrlConnection } from '../../../electron/core/store/imports/connectionUrl';

function validation(url: string): BurrowError {
  try {
    parseConnectionUrl(url);
  } catch (error) {
    if (error instanceof BurrowError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('connection URLs', () => {
  it('reads a postgres URL with credentials, port, database and TLS parameters', () => {
    const parsed = parseConnectionUrl('postgresql://app%40corp:p%40ss%3Aword@db.internal:6432/orders?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=x');
    expect(parsed).toEqual({
      connection: {
        engine: 'postgres',
        host: 'db.internal',
        port: 6432,
        database: 'orders',
        user: 'app@corp',
        tls: { mode: 'verify-full', ca: { path: '/etc/ca.pem' } },
      },
      password: 'p@ss:word',
      ignoredParameters: ['application_name'],
      warnings: [],
    });
  });

  it('reads mysql, mariadb, sqlserver (URL and JDBC forms), IPv6 hosts and sqlite paths', () => {
    expect(parseConnectionUrl('mysql://root@[::1]:3307/shop?ssl-mode=VERIFY_IDENTITY&ssl-ca=/ca.pem').connection).toEqual({
      engine: 'mysql', host: '::1', port: 3307, database: 'shop', user: 'root', tls: { mode: 'verify-full', ca: { path: '/ca.pem' } },
    });
    expect(parseConnectionUrl('mariadb://u:p@maria/db?ssl=true').connection).toMatchObject({ engine: 'mariadb', port: null, tls: { mode: 'require' } });
    const jdbc = parseConnectionUrl('sqlserver://sql.corp:1433;databaseName=erp;user=sa;password=S3cret;encrypt=true;trustServerCertificate=true');
    expect(jdbc.connection).toEqual({ engine: 'sqlserver', host: 'sql.corp', port: 1433, database: 'erp', user: 'sa', tls: { mode: 'require' } });
    expect(jdbc.password).toBe('S3cret');
    expect(parseConnectionUrl('sqlserver://sa@sql.corp/erp?encrypt=true&hostNameInCertificate=sql.corp.local').connection.tls).toEqual({ mode: 'verify-full', serverName: 'sql.corp.local' });
    expect(parseConnectionUrl('sqlite:///home/me/My%20App/app.db').connection).toMatchObject({ engine: 'sqlite', database: '/home/me/My App/app.db' });
    expect(parseConnectionUrl('sqlite:relative/app.db').connection.database).toBe('relative/app.db');
    expect(parseConnectionUrl('sqlite:///C:/data/app.db').connection.database).toBe('C:/data/app.db');
    expect(parseConnectionUrl('postgres://a,b/db').warnings).toEqual(['the URL lists several hosts; only the first is used']);
  });

  it('refuses unknown schemes, bad ports and unusable URLs with VALIDATION on url', () => {
    for (const [url, message] of [
      ['oracle://db/x', /unknown scheme "oracle:"/],
      ['http://example.com', /unknown scheme "http:"/],
      ['postgres://db:70000/x', /port "70000" must be between 1 and 65535/],
      ['postgres://db:0/x', /port "0" must be between 1 and 65535/],
      ['postgres:///x', /no host/],
      ['postgres://db/x?sslmode=sometimes', /sslmode "sometimes"/],
      ['postgres://db/x?host=/var/run/postgresql', /Unix-socket/],
      ['not a url', /expected a connection URL/],
      ['postgres://db/%zz', /broken %-escape/],
    ] as const) {
      const error = validation(url);
      expect(error.code).toBe('VALIDATION');
      expect(error.detail).toEqual({ field: 'url' });
      expect(error.message).toMatch(message);
    }
  });

  it('round-trips every engine and TLS setting through "copy as URL", which never includes a password', () => {
    const connections: UrlConnection[] = [
      { engine: 'postgres', host: 'db.internal', port: 5432, database: 'orders', user: 'app', tls: { mode: 'prefer' } },
      { engine: 'postgres', host: '10.1.2.3', port: null, database: 'my db/x', user: 'a b', tls: { mode: 'verify-full', ca: { path: '/etc/ssl/ca.pem' }, clientCert: { path: '/c.pem' }, clientKey: { path: '/k.pem' }, serverName: 'db.corp' } },
      { engine: 'mysql', host: '::1', port: 3306, database: 'shop', user: 'root', tls: { mode: 'verify-ca', ca: { path: '/ca.pem' } } },
      { engine: 'mariadb', host: 'maria', port: null, database: '', user: '', tls: { mode: 'disable' } },
      { engine: 'sqlserver', host: 'sql.corp', port: 1433, database: 'erp', user: 'sa', tls: { mode: 'require' } },
      { engine: 'sqlserver', host: 'sql.corp', port: null, database: 'erp', user: 'sa', tls: { mode: 'verify-full', serverName: 'sql.local' } },
      { engine: 'sqlserver', host: 'sql.corp', port: null, database: 'erp', user: 'sa', tls: { mode: 'disable' } },
      { engine: 'sqlite', host: '', port: null, database: '/home/me/data/app.db', user: '', tls: { mode: 'disable' } },
      { engine: 'sqlite', host: '', port: null, database: 'rel/app db.sqlite', user: '', tls: { mode: 'disable' } },
    ];
    for (const connection of connections) {
      const url = formatConnectionUrl(connection);
      const back = parseConnectionUrl(url);
      expect(back.connection, url).toEqual(connection);
      expect(back.password).toBeNull();
      expect(back.ignoredParameters).toEqual([]);
    }
    expect(formatConnectionUrl(connections[1]!)).toBe(
      'postgresql://a%20b@10.1.2.3/my%20db%2Fx?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fca.pem&sslcert=%2Fc.pem&sslkey=%2Fk.pem&sslsni_hostname=db.corp',
    );
  });
});
