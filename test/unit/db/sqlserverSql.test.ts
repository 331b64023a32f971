import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { splitBatches } from '../../../shared/sql/splitBatches';
import { introspectSqlServer } from '../../../electron/core/db/sqlserver/sqlserverIntrospect';
import { tediousTls } from '../../../electron/core/db/sqlserver/sqlserverTls';

describe('GO batches', () => {
  it('splits at GO lines only, never inside strings, [names] or comments, and keeps offsets', () => {
    const sql = "SELECT 'a\nGO\nb', [x\nGO\n]\n/* \nGO\n */ -- GO\ngo\n\nCREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END\n  GO 3  -- thrice\nSELECT 3";
    const batches = splitBatches(sql);
    expect(batches.map((b) => b.text)).toEqual([
      "SELECT 'a\nGO\nb', [x\nGO\n]\n/* \nGO\n */ -- GO",
      '\nCREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END',
      'SELECT 3',
    ]);
    expect(batches.map((b) => b.repeat)).toEqual([1, 3, 1]);
    expect(batches[1]!.start).toBe(sql.indexOf('\nCREATE'));
    expect(batches[2]!.start).toBe(sql.indexOf('SELECT 3'));
  });

  it('keeps a script without GO whole (T-SQL needs no semicolons) and drops comment-only batches', () => {
    expect(splitBatches('SELECT 1 SELECT 2; UPDATE t SET a = 1')).toEqual([{ text: 'SELECT 1 SELECT 2; UPDATE t SET a = 1', start: 0, repeat: 1 }]);
    expect(splitBatches('-- only\nGO\n/* this */\nGO')).toEqual([]);
    expect(splitBatches('SELECT 1 AS GO\nSELECT [GO]')).toHaveLength(1);
  });
});

describe('SQL Server TLS modes', () => {
  const cert = { subject: { CN: 'db.internal' }, subjectaltname: 'DNS:db.internal' } as unknown as PeerCertificate;
  const socket = (authorized: boolean, authorizationError: string | null = null) => ({ authorized, authorizationError, getPeerCertificate: () => cert });

  it('maps modes to encrypt, CA/client material and the server name', () => {
    expect(tediousTls({ mode: 'disable' }, 'db.internal').encrypt).toBe(false);
    const full = tediousTls({ mode: 'verify-full', caPem: 'CA', clientCertPem: 'CERT', clientKeyPem: 'KEY', serverName: 'db.internal' }, '10.0.0.5');
    expect(full).toMatchObject({ encrypt: true, serverName: 'db.internal', cryptoCredentialsDetails: { ca: 'CA', cert: 'CERT', key: 'KEY' } });
  });

  it('checks chain and name per mode on the certificate tedious negotiated', () => {
    expect(tediousTls({ mode: 'require' }, 'db.internal').verify(socket(false, 'SELF_SIGNED_CERT_IN_CHAIN'))).toBeNull();
    expect(tediousTls({ mode: 'require', caPem: 'CA' }, 'db.internal').verify(socket(false, 'SELF_SIGNED_CERT_IN_CHAIN'))?.code).toBe('DB_TLS_FAILED');
    const verifyCa = tediousTls({ mode: 'verify-ca', caPem: 'CA' }, 'other.name');
    expect(verifyCa.verify(socket(false, 'ERR_TLS_CERT_ALTNAME_INVALID'))).toBeNull();
    expect(verifyCa.verify(socket(false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'))?.message).toMatch(/not signed by a trusted CA/);
    expect(tediousTls({ mode: 'verify-full', caPem: 'CA' }, 'db.internal').verify(socket(true))).toBeNull();
    const wrongName = tediousTls({ mode: 'verify-full', caPem: 'CA' }, 'evil.example').verify(socket(false, 'ERR_TLS_CERT_ALTNAME_INVALID'));
    expect(wrongName).toMatchObject({ code: 'DB_TLS_FAILED', message: expect.stringMatching(/does not name this server/) });
  });
});

describe('SQL Server introspection', () => {
  it('binds the schema as a parameter and shapes tables, columns, indexes and foreign keys', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    const answers: unknown[][][] = [
      [['master'], ['shop']],
      [['shop']],
      [['sales']],
      [['sales', 'orders', 'table', '1200'], ['sales', 'recent', 'view', null]],
      [
        ['sales', 'orders', 'total', 'decimal(12,2)', false, '((0))', 2, 0],
        ['sales', 'orders', 'id', 'int', false, null, 1, 1],
        ['sales', 'recent', 'id', 'int', true, null, 1, 0],
      ],
      [['sales', 'orders', 'PK_orders', true, true, 'id'], ['sales', 'orders', 'IX_two', false, false, 'a,b'], ['sales', 'orders', 'IX_two', false, false, 'c']],
      [['sales', 'orders', 'FK_cust', 'customer_id', 'crm', 'customers', 'id'], ['sales', 'orders', 'FK_cust', 'region', 'crm', 'customers', 'region']],
    ];
    const info = await introspectSqlServer(async (sql, params) => {
      calls.push({ sql, params });
      return answers[calls.length - 1]!;
    }, "sales'; DROP TABLE x; --");
    expect(calls.slice(2).every((c) => c.params[0] === "sales'; DROP TABLE x; --" && c.sql.includes('@p1') && !c.sql.includes('DROP'))).toBe(true);
    expect(info.databases).toEqual(['master', 'shop']);
    expect(info.currentDatabase).toBe('shop');
    const orders = info.tables[0]!;
    expect(orders).toMatchObject({ schema: 'sales', name: 'orders', kind: 'table', estimatedRows: 1200 });
    expect(orders.columns.map((c) => [c.name, c.dataType, c.nullable, c.default, c.primaryKey])).toEqual([['id', 'int', false, null, true], ['total', 'decimal(12,2)', false, '((0))', false]]);
    expect(orders.indexes).toEqual([{ name: 'PK_orders', unique: true, primary: true, columns: ['id'] }, { name: 'IX_two', unique: false, primary: false, columns: ['a,b', 'c'] }]);
    expect(orders.foreignKeys).toEqual([{ name: 'FK_cust', columns: ['customer_id', 'region'], referencedSchema: 'crm', referencedTable: 'customers', referencedColumns: ['id', 'region'] }]);
    expect(info.tables[1]).toMatchObject({ kind: 'view', estimatedRows: null });
  });
});
