import { performance } from 'node:perf_hooks';
import { duplexPair, type Duplex } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { dbConnectConfigSchema, type ColumnMeta, type DbConnectConfigInput } from '../../../shared/query';
import { driverFor } from '../../../electron/core/db/drivers';
import { sqlserverDriver } from '../../../electron/core/db/sqlserver/sqlserverDriver';
import type { DbConnection, RawCell, RunSink } from '../../../electron/core/db/types';
import { applyTableEdits } from '../../../electron/core/db/edit/applyTableEdits';
import { waitingWriter } from '../../support/waitingWriter';

// A small in-test SQL Server: it speaks enough TDS 7.4 for tedious to log in (PRELOGIN response,
// LOGINACK, DONE) and answers SQL batches with COLMETADATA / ROW / DONE / ERROR tokens, so the
// driver's wiring, result handling, errors and cancel run against the real tedious.

const u8 = (n: number): Buffer => Buffer.from([n]);
const u16 = (n: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const i32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeInt32LE(n); return b; };
const u64 = (n: bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(n); return b; };
const ucs2 = (s: string): Buffer => Buffer.from(s, 'ucs2');
const bVarChar = (s: string): Buffer => Buffer.concat([u8(s.length), ucs2(s)]);
const usVarChar = (s: string): Buffer => Buffer.concat([u16(s.length), ucs2(s)]);
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

const DONE_MORE = 0x1;
const DONE_ERROR = 0x2;
const DONE_COUNT = 0x10;
const DONE_ATTN = 0x20;
const done = (status: number, rows = 0n): Buffer => Buffer.concat([u8(0xfd), u16(status), u16(0xc1), u64(rows)]);
const errorToken = (number: number, message: string, line: number, cls = 16, state = 1): Buffer => {
  const body = Buffer.concat([i32(number), u8(state), u8(cls), usVarChar(message), bVarChar('fake'), bVarChar(''), i32(line)]);
  return Buffer.concat([u8(0xaa), u16(body.length), body]);
};
const loginAck = (): Buffer => {
  const body = Buffer.concat([u8(1), Buffer.from([0x74, 0x00, 0x00, 0x04]), bVarChar('Fake SQL'), Buffer.from([16, 0, 0x10, 0x00])]);
  return Buffer.concat([u8(0xad), u16(body.length), body]);
};

interface FakeColumn {
  name: string;
  info: Buffer;
  nullable?: boolean;
  encode(value: unknown): Buffer;
}
const nvarchar = (name: string): FakeColumn => ({
  name,
  nullable: true,
  info: Buffer.concat([u8(0xe7), u16(8000), COLLATION]),
  encode: (v) => (v === null ? u16(0xffff) : Buffer.concat([u16(ucs2(String(v)).length), ucs2(String(v))])),
});
const intColumn = (name: string): FakeColumn => ({ name, info: Buffer.from([0x26, 4]), encode: (v) => (v === null ? u8(0) : Buffer.concat([u8(4), i32(Number(v))])) });
const bigintColumn = (name: string): FakeColumn => ({ name, info: Buffer.from([0x26, 8]), encode: (v) => { const b = Buffer.alloc(9); b[0] = 8; b.writeBigInt64LE(BigInt(v as string), 1); return b; } });
const decimalColumn = (name: string, precision: number, scale: number): FakeColumn => ({
  name, info: Buffer.from([0x6a, 17, precision, scale]),
  encode: (v) => {
    const unscaled = BigInt(v as string);
    const b = Buffer.alloc(18);
    b[0] = 17;
    b[1] = unscaled < 0n ? 0 : 1;
    let mag = unscaled < 0n ? -unscaled : unscaled;
    for (let i = 0; i < 16; i++, mag >>= 8n) b[2 + i] = Number(mag & 0xffn);
    return b;
  },
});
const moneyColumn = (name: string): FakeColumn => ({
  name, info: Buffer.from([0x6e, 8]),
  encode: (v) => { const units = BigInt(v as string); const b = Buffer.alloc(9); b[0] = 8; b.writeInt32LE(Number(units >> 32n), 1); b.writeUInt32LE(Number(units & 0xffffffffn), 5); return b; },
});
const dtoColumn = (name: string): FakeColumn => ({
  name, info: Buffer.from([0x2b, 7]),
  encode: (v) => {
    const { days, units, offset } = v as { days: number; units: number; offset: number };
    const b = Buffer.alloc(11);
    b[0] = 10;
    b.writeUIntLE(units, 1, 5);
    b.writeUIntLE(days, 6, 3);
    b.writeInt16LE(offset, 9);
    return b;
  },
});
const binaryColumn = (name: string): FakeColumn => ({ name, info: Buffer.concat([u8(0xa5), u16(8000)]), encode: (v) => Buffer.concat([u16((v as Buffer).length), v as Buffer]) });
const bitColumn = (name: string): FakeColumn => ({ name, info: Buffer.from([0x68, 1]), encode: (v) => Buffer.from([1, v ? 1 : 0]) });

const colMetadata = (columns: FakeColumn[]): Buffer => Buffer.concat([
  u8(0x81), u16(columns.length),
  ...columns.map((c) => Buffer.concat([i32(0), u16(c.nullable === false ? 0 : 1), c.info, bVarChar(c.name)])),
]);
const row = (columns: FakeColumn[], values: unknown[]): Buffer => Buffer.concat([u8(0xd1), ...columns.map((c, i) => c.encode(values[i]))]);

/** One response of the fake: token bytes, or 'hang' (answer nothing until an attention arrives). */
type Reply = Buffer | 'hang' | 'drop';

class FakeTds {
  readonly written: Buffer[] = [];
  readonly batches: string[] = [];
  login: { user: string; database: string } | null = null;
  attentions = 0;
  private pending = Buffer.alloc(0);
  private message: Buffer[] = [];
  private hanging = false;

  constructor(
    readonly end: Duplex,
    private readonly answer: (sql: string) => Reply,
    private readonly loginReply: () => Buffer = () => Buffer.concat([loginAck(), done(0)]),
  ) {
    end.on('data', (chunk: Buffer) => {
      this.written.push(chunk);
      this.pending = Buffer.concat([this.pending, chunk]);
      this.drain();
    });
    end.on('error', () => {});
  }

  private drain(): void {
    while (this.pending.length >= 8 && this.pending.length >= this.pending.readUInt16BE(2)) {
      const length = this.pending.readUInt16BE(2);
      const type = this.pending[0]!;
      const status = this.pending[1]!;
      this.message.push(this.pending.subarray(8, length));
      this.pending = this.pending.subarray(length);
      if (status & 0x01) {
        const payload = Buffer.concat(this.message);
        this.message = [];
        this.handle(type, payload);
      }
    }
  }

  private handle(type: number, payload: Buffer): void {
    if (type === 0x12) {
      // PRELOGIN: VERSION and ENCRYPTION (not supported) options.
      this.send(Buffer.concat([Buffer.from([0x00, 0, 11, 0, 6, 0x01, 0, 17, 0, 1, 0xff]), Buffer.from([16, 0, 0x10, 0, 0, 0]), u8(0x02)]));
    } else if (type === 0x10) {
      const text = (at: number): string => payload.subarray(payload.readUInt16LE(at), payload.readUInt16LE(at) + payload.readUInt16LE(at + 2) * 2).toString('ucs2');
      this.login = { user: text(40), database: text(68) };
      this.send(this.loginReply());
    } else if (type === 0x01) {
      const sql = payload.subarray(payload.readUInt32LE(0)).toString('ucs2');
      this.batches.push(sql);
      const reply = this.answer(sql);
      if (reply === 'hang') this.hanging = true;
      else if (reply === 'drop') this.end.end();
      else this.send(reply);
    } else if (type === 0x06) {
      this.attentions++;
      // The end of the interrupted request's response, then the attention acknowledgement.
      if (this.hanging) this.send(done(DONE_ERROR));
      this.hanging = false;
      this.send(done(DONE_ATTN));
    }
  }

  /** Sends one message, in packets of at most 4096 bytes as the server would. */
  send(body: Buffer): void {
    for (let at = 0; at < body.length || at === 0; at += 4088) {
      const chunk = body.subarray(at, at + 4088);
      const last = at + 4088 >= body.length;
      const header = Buffer.from([0x04, last ? 0x01 : 0x00, 0, 0, 0, 0, 1, 0]);
      header.writeUInt16BE(chunk.length + 8, 2);
      this.end.write(Buffer.concat([header, chunk]));
      if (last) break;
    }
  }
}

const versionReply = (): Buffer => {
  const columns = [nvarchar(''), nvarchar(''), nvarchar('')];
  return Buffer.concat([colMetadata(columns), row(columns, ['16.0.4135.4', 'Developer Edition (64-bit)', 'shop']), done(DONE_COUNT, 1n)]);
};

const defaultAnswer = (script: (sql: string) => Reply | undefined) => (sql: string): Reply =>
  script(sql) ?? (/SERVERPROPERTY/.test(sql) ? versionReply() : done(0));

const config = (overrides: Partial<DbConnectConfigInput> = {}) =>
  dbConnectConfigSchema.parse({ engine: 'sqlserver', host: 'db.internal', port: 1433, user: 'sa', password: 'pw', database: 'shop', tls: { mode: 'disable' }, connectTimeoutMs: 3000, ...overrides });

interface Captured {
  columns: ColumnMeta[];
  rows: RawCell[][];
  limited: boolean;
  end: { command: string | null; rowsAffected: number | null } | null;
}
function recordingSink(accept = Infinity): { sink: RunSink; results: Captured[]; commands: { command: string | null; rowsAffected: number | null }[] } {
  const results: Captured[] = [];
  const commands: { command: string | null; rowsAffected: number | null }[] = [];
  return {
    results,
    commands,
    sink: {
      beginRows(columns) {
        const result: Captured = { columns, rows: [], limited: false, end: null };
        results.push(result);
        return {
          push: (cells) => {
            if (result.rows.length >= accept) return false;
            result.rows.push([...cells]);
            return true;
          },
          markLimited: () => { result.limited = true; },
          end: (outcome) => { result.end = outcome; },
        };
      },
      command: (outcome) => commands.push(outcome),
    },
  };
}

const open: DbConnection[] = [];
afterEach(async () => {
  for (const connection of open.splice(0)) await connection.close();
});

async function connectFake(script: (sql: string) => Reply | undefined = () => undefined, overrides: Partial<DbConnectConfigInput> = {}, loginReply?: () => Buffer) {
  const [client, server] = duplexPair();
  const fake = new FakeTds(server, defaultAnswer(script), loginReply);
  const openStream = vi.fn(async () => client);
  const connection = await sqlserverDriver.connect(config(overrides), { kind: 'stream', open: openStream });
  open.push(connection);
  return { connection, fake, openStream };
}

async function failure(promise: Promise<unknown>): Promise<BurrowError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BurrowError);
  return error as BurrowError;
}

describe('SQL Server connector wiring', () => {
  it('is the registered driver for sqlserver', () => {
    expect(driverFor('sqlserver')).toBe(sqlserverDriver);
  });

  it('writes a TDS PRELOGIN into the stream from open(), then answers a protocol mismatch promptly', async () => {
    const [client, server] = duplexPair();
    const openStream = vi.fn(async () => client);
    const first = new Promise<Buffer>((resolve) => server.once('data', resolve));
    const started = performance.now();
    const connecting = sqlserverDriver.connect(config({ connectTimeoutMs: 20_000 }), { kind: 'stream', open: openStream });
    const prelogin = await first;
    expect(openStream).toHaveBeenCalledTimes(1);
    expect(prelogin[0]).toBe(0x12); // PRELOGIN
    expect(prelogin[1]).toBe(0x01); // end of message
    expect(prelogin.readUInt16BE(2)).toBe(prelogin.length); // the header's length covers the packet
    expect(prelogin.subarray(8)[0]).toBe(0x00); // first option: VERSION
    server.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    const error = await failure(connecting);
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/HTTP response/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('calls a PostgreSQL answer a protocol mismatch', async () => {
    const [client, server] = duplexPair();
    server.once('data', () => server.write(Buffer.concat([Buffer.from('E'), Buffer.from([0, 0, 0, 0x60]), Buffer.from('SFATAL\0C0A000\0Munsupported frontend protocol\0\0')])));
    const error = await failure(sqlserverDriver.connect(config(), { kind: 'stream', open: async () => client }));
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/PostgreSQL/);
  });

  it('calls a server that closes without answering PRELOGIN, or stays silent, a protocol mismatch, within the connect timeout', async () => {
    const [client, server] = duplexPair();
    server.once('data', () => server.end());
    expect((await failure(sqlserverDriver.connect(config(), { kind: 'stream', open: async () => client }))).code).toBe('DB_PROTOCOL_MISMATCH');

    const [quietClient, quietServer] = duplexPair();
    quietServer.resume();
    const started = performance.now();
    const error = await failure(sqlserverDriver.connect(config({ connectTimeoutMs: 500 }), { kind: 'stream', open: async () => quietClient }));
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("keeps the transport's own error (a closed tunnel) unchanged", async () => {
    const error = await failure(sqlserverDriver.connect(config(), { kind: 'stream', open: async () => { throw new BurrowError('TUNNEL_CLOSED', 'the SSH session ended'); } }));
    expect(error.code).toBe('TUNNEL_CLOSED');
  });

  it('logs in over the stream, reports version and database, and closes the stream on close()', async () => {
    const { connection, fake, openStream } = await connectFake();
    expect(openStream).toHaveBeenCalledTimes(1);
    const channel = (await openStream.mock.results[0]!.value) as Duplex;
    expect(fake.login).toEqual({ user: 'sa', database: 'shop' });
    expect(connection.serverVersion).toBe('SQL Server 16.0.4135.4 (Developer Edition (64-bit))');
    expect(connection.database).toBe('shop');
    expect(connection.tls).toBe(false);
    await connection.close();
    await vi.waitFor(() => expect(channel.destroyed).toBe(true));
  });
});

describe('SQL Server login errors', () => {
  it('maps 18456 to DB_AUTH_FAILED and 4060 (sent with 18456) to DB_NOT_FOUND', async () => {
    const refuse = (...tokens: Buffer[]) => () => Buffer.concat([...tokens, done(DONE_ERROR)]);
    const auth = await failure(connectFake(undefined, {}, refuse(errorToken(18456, "Login failed for user 'sa'.", 1, 14, 1))));
    expect(auth.code).toBe('DB_AUTH_FAILED');
    expect(auth.detail).toMatchObject({ number: 18456 });
    const missing = await failure(connectFake(undefined, { database: 'nope' }, refuse(
      errorToken(4060, 'Cannot open database "nope" requested by the login. The login failed.', 1, 11, 1),
      errorToken(18456, "Login failed for user 'sa'.", 1, 14, 1),
    )));
    expect(missing.code).toBe('DB_NOT_FOUND');
    expect(missing.message).toMatch(/Cannot open database "nope"/);
  });
});

describe('SQL Server runs', () => {
  it('streams every result set and command outcome of a batch, with exact values', async () => {
    const columns = [intColumn('id'), bigintColumn('big'), decimalColumn('price', 38, 10), moneyColumn('cash'), dtoColumn('at'), nvarchar('name'), binaryColumn('raw'), bitColumn('ok')];
    const values = [
      [1, '9223372036854775807', '12345678901234567890123456789012345678', '-9223372036854775808',
        { days: 739_006, units: 270_001_234_567, offset: 120 }, 'שלום 🦔', Buffer.from([0xde, 0xad]), true],
      [null, '-1', '-5', '12345', { days: 739_006, units: 0, offset: -330 }, '', Buffer.alloc(0), false],
    ];
    const { connection } = await connectFake((sql) => {
      if (sql.startsWith('SELECT * FROM t')) {
        const second = [nvarchar('n')];
        return Buffer.concat([
          colMetadata(columns), ...values.map((v) => row(columns, v)), done(DONE_MORE | DONE_COUNT, 2n),
          done(DONE_MORE | DONE_COUNT, 3n),
          colMetadata(second), row(second, [null]), done(DONE_COUNT, 1n),
        ]);
      }
      return undefined;
    });
    const { sink, results, commands } = recordingSink();
    await connection.run('SELECT * FROM t; UPDATE t SET x = 1; SELECT NULL AS n', { rowLimit: null }, sink);
    expect(results).toHaveLength(2);
    expect(results[0]!.columns.map((c) => c.dataType)).toEqual(['int', 'bigint', 'decimal(38,10)', 'money', 'datetimeoffset(7)', 'nvarchar(4000)', 'varbinary(8000)', 'bit']);
    expect(results[0]!.rows).toEqual([
      ['1', '9223372036854775807', '1234567890123456789012345678.9012345678', '-922337203685477.5808',
        '2024-05-01 09:30:00.1234567 +02:00', 'שלום 🦔', Buffer.from([0xde, 0xad]), true],
      [null, '-1', '-0.0000000005', '1.2345', '2024-04-30 18:30:00.0000000 -05:30', '', Buffer.alloc(0), false],
    ]);
    expect(results[0]!.end).toEqual({ command: 'SELECT', rowsAffected: 2 });
    expect(commands).toEqual([{ command: null, rowsAffected: 3 }]);
    expect(results[1]!.rows).toEqual([[null]]);
  });

  it('applies the row limit, marks the result limited and stays in step for the next run', async () => {
    const columns = [intColumn('n')];
    const { connection } = await connectFake((sql) => (sql === 'SELECT n FROM five'
      ? Buffer.concat([colMetadata(columns), ...[1, 2, 3, 4, 5].map((n) => row(columns, [n])), done(DONE_COUNT, 5n)]) : undefined));
    const limited = recordingSink();
    await connection.run('SELECT n FROM five', { rowLimit: 2 }, limited.sink);
    expect(limited.results[0]!.rows).toEqual([['1'], ['2']]);
    expect(limited.results[0]!.limited).toBe(true);
    const budget = recordingSink(3);
    await connection.run('SELECT n FROM five', { rowLimit: null }, budget.sink);
    expect(budget.results[0]!.rows).toHaveLength(3);
  });

  it('pauses the request while the writer asks to wait, and still delivers every row in order', async () => {
    const columns = [intColumn('n')];
    const count = 3000;
    const { connection } = await connectFake((sql) => (sql === 'SELECT n FROM many'
      ? Buffer.concat([colMetadata(columns), ...Array.from({ length: count }, (_, i) => row(columns, [i + 1])), done(DONE_COUNT, BigInt(count))]) : undefined));
    const { sink, seen, stats } = waitingWriter(1000, 20);
    await connection.run('SELECT n FROM many', { rowLimit: null }, sink);
    expect(stats.waits).toBe(3);
    expect(stats.pushedWhileWaiting).toBe(0);
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
  });

  it('reports a query error with its number, state and the line in the submitted SQL (across GO batches)', async () => {
    const { connection, fake } = await connectFake((sql) => (/nope/.test(sql)
      ? Buffer.concat([errorToken(208, "Invalid object name 'nope'.", 3), done(DONE_ERROR)]) : undefined));
    const error = await failure(connection.run('SELECT 1\nGO\n\nSELECT *\nFROM nope', { rowLimit: null }, recordingSink().sink));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toBe("Msg 208, Level 16, State 1, Line 5: Invalid object name 'nope'.");
    expect(error.detail).toMatchObject({ number: 208, state: 1, class: 16, line: 5, batchIndex: 1 });
    expect(fake.batches.slice(-2)).toEqual(['SELECT 1', '\nSELECT *\nFROM nope']);
  });

  it('refuses a result wider than 1000 columns before storing a row', async () => {
    const wide = Array.from({ length: 1001 }, (_v, i) => intColumn(`c${i}`));
    const { connection } = await connectFake((sql) => (sql === 'SELECT wide' ? Buffer.concat([colMetadata(wide), done(DONE_COUNT, 0n)]) : undefined));
    const { sink, results } = recordingSink();
    const error = await failure(connection.run('SELECT wide', { rowLimit: null }, sink));
    expect(error.code).toBe('RESULT_TOO_WIDE');
    expect(results).toHaveLength(0);
  });

  it('reads @@TRANCOUNT for an open transaction, and a save refuses to begin inside one', async () => {
    let open = 0;
    const count = [intColumn('')];
    const { connection, fake } = await connectFake((sql) => (sql === 'SELECT @@TRANCOUNT' ? Buffer.concat([colMetadata(count), row(count, [open]), done(DONE_COUNT, 1n)]) : undefined));
    expect(await connection.inTransaction()).toBe(false);
    open = 2;
    expect(await connection.inTransaction()).toBe(true);
    await expect(applyTableEdits(connection, { schema: 'dbo', name: 'items' }, [{ kind: 'delete', key: { id: '1' } }])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fake.batches.filter((sql) => /TRANSACTION|DELETE/.test(sql))).toEqual([]);
  });

  it('cancels with an attention packet: CANCELLED at once, and the connection stays usable', async () => {
    const { connection, fake } = await connectFake((sql) => (sql === "WAITFOR DELAY '01:00'" ? 'hang' : undefined));
    const running = connection.run("WAITFOR DELAY '01:00'", { rowLimit: null }, recordingSink().sink);
    await vi.waitFor(() => expect(fake.batches).toContain("WAITFOR DELAY '01:00'"));
    const started = performance.now();
    await connection.cancel();
    const error = await failure(running);
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.attentions).toBe(1);
    const after = recordingSink();
    await connection.run('SELECT SERVERPROPERTY(1)', { rowLimit: null }, after.sink);
    expect(after.results[0]!.rows[0]![0]).toBe('16.0.4135.4');
  });

  it('reports a connection dropped mid-run as DB_CONNECTION_LOST and tells onLost', async () => {
    const { connection } = await connectFake((sql) => (sql === 'SELECT drop' ? 'drop' : undefined));
    const lost = vi.fn();
    connection.onLost(lost);
    const error = await failure(connection.run('SELECT drop', { rowLimit: null }, recordingSink().sink));
    expect(error.code).toBe('DB_CONNECTION_LOST');
    await vi.waitFor(() => expect(lost).toHaveBeenCalledTimes(1));
  });

  it('refuses SQL with nothing to run', async () => {
    const { connection } = await connectFake();
    expect((await failure(connection.run('-- nothing\nGO\n/* here */', { rowLimit: null }, recordingSink().sink))).code).toBe('VALIDATION');
  });
});
