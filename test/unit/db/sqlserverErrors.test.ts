import { describe, expect, it } from 'vitest';
import { ConnectionError, RequestError } from 'tedious';
import { BurrowError } from '../../../shared/errors';
import { sqlserverConnectError, sqlserverQueryError } from '../../../electron/core/db/sqlserver/sqlserverErrors';
import { looksLikeTds } from '../../../electron/core/db/sqlserver/sqlserverSocket';
import type { ServerSocket } from '../../../electron/core/db/transport/serverSocket';

const target = 'SQL Server at db:1433';
const socketThatSaw = (first: Buffer | null, received = first?.length ?? 0) => ({ firstBytes: first, received }) as unknown as ServerSocket;
const requestError = (number: number, message: string, extra: Partial<RequestError> = {}) =>
  Object.assign(new RequestError(message, 'EREQUEST'), { number, state: 1, class: 16, lineNumber: 1, procName: '', ...extra });
const wrapped = (message: string, cause: Error) => new ConnectionError(`Failed to connect to db:1433 - ${message}`, 'ESOCKET', { cause });

describe('SQL Server login errors', () => {
  const login = new ConnectionError("Login failed for user 'sa'.", 'ELOGIN');

  it('maps 18456 to DB_AUTH_FAILED with the number and state', () => {
    const error = sqlserverConnectError(login, [{ number: 18456, state: 1, class: 14, message: "Login failed for user 'sa'." }], socketThatSaw(Buffer.from([4, 1])), target);
    expect(error.code).toBe('DB_AUTH_FAILED');
    expect(error.message).toBe("login to SQL Server at db:1433 refused: Login failed for user 'sa'. (error 18456, state 1)");
    expect(error.detail).toEqual({ number: 18456, state: 1, class: 14 });
  });

  it('maps 4060, which arrives together with 18456, to DB_NOT_FOUND', () => {
    const error = sqlserverConnectError(login, [
      { number: 4060, state: 1, class: 11, message: 'Cannot open database "nope" requested by the login. The login failed.' },
      { number: 18456, state: 1, class: 14, message: "Login failed for user 'sa'." },
    ], null, target);
    expect(error.code).toBe('DB_NOT_FOUND');
    expect(error.detail).toMatchObject({ number: 4060 });
  });

  it('maps other login errors to DB_CONNECT_FAILED, and a refused login mentioning certificates stays a login error', () => {
    expect(sqlserverConnectError(login, [{ number: 18401, message: 'Server is in script upgrade mode.' }], null, target).code).toBe('DB_CONNECT_FAILED');
    expect(sqlserverConnectError(login, [{ number: 18456, message: 'Login failed: certificate login is not allowed' }], null, target).code).toBe('DB_AUTH_FAILED');
  });

  it('keeps a transport BurrowError (the tunnel) and reads TLS failures from the wrapped cause', () => {
    const tunnel = new BurrowError('TUNNEL_CLOSED', 'hop 1/1 bastion: the SSH session ended');
    expect(sqlserverConnectError(wrapped('closed', tunnel), [], null, target)).toBe(tunnel);
    const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const error = sqlserverConnectError(wrapped(tls.message, tls), [], socketThatSaw(Buffer.from([4, 1])), target);
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/not signed by a trusted CA/);
  });

  it('names a server of another protocol, or one that hung up on PRELOGIN, DB_PROTOCOL_MISMATCH', () => {
    const mysql = Buffer.from([0x4a, 0, 0, 0, 10, 0x38, 0x2e, 0x30]);
    const error = sqlserverConnectError(wrapped('socket hang up', new Error('socket hang up')), [], socketThatSaw(mysql), target);
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/MySQL\/MariaDB handshake/);
    expect(sqlserverConnectError(wrapped('socket hang up', new Error('socket hang up')), [], socketThatSaw(Buffer.alloc(0), 0), target).code).toBe('DB_PROTOCOL_MISMATCH');
  });

  it('explains an encryption disagreement as DB_TLS_FAILED, in words the prefer retry recognises', () => {
    const noTls = new ConnectionError("Server did not negotiate encryption, but the 'encrypt' config option is set to `true`.", 'EENCRYPT');
    expect(sqlserverConnectError(noTls, [], socketThatSaw(Buffer.from([4, 1])), target).message).toMatch(/does not offer TLS/);
    const needsTls = new ConnectionError("Server requires encryption, set 'encrypt' config option to `true`.", 'EENCRYPT');
    expect(sqlserverConnectError(needsTls, [], socketThatSaw(Buffer.from([4, 1])), target)).toMatchObject({ code: 'DB_TLS_FAILED', message: expect.stringMatching(/requires TLS/) });
  });

  it('recognises the first bytes of a TDS answer', () => {
    expect(looksLikeTds(Buffer.from([0x04, 0x01, 0x00, 0x25]))).toBe(true);
    expect(looksLikeTds(Buffer.from('HTTP/1.1 400'))).toBe(false);
    expect(looksLikeTds(Buffer.from('SSH-2.0-OpenSSH'))).toBe(false);
    expect(looksLikeTds(Buffer.from([0x04, 0x41]))).toBe(false);
  });
});

describe('SQL Server query errors', () => {
  it('gives QUERY_FAILED with number, state, class and the line in the submitted SQL', () => {
    const error = sqlserverQueryError(requestError(208, "Invalid object name 'nope'.", { lineNumber: 2 }), { lineOffset: 4, batchIndex: 1 });
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toBe("Msg 208, Level 16, State 1, Line 6: Invalid object name 'nope'.");
    expect(error.detail).toEqual({ number: 208, state: 1, class: 16, line: 6, batchIndex: 1 });
  });

  it("keeps a procedure's own line apart from the editor's lines, and a message about certificates a query error", () => {
    const error = sqlserverQueryError(requestError(515, 'Cannot insert the value NULL into column', { procName: 'dbo.addOrder', lineNumber: 12 }), { lineOffset: 0, batchIndex: 0 });
    expect(error.detail).toMatchObject({ procName: 'dbo.addOrder', procLine: 12 });
    expect(error.detail).not.toHaveProperty('line');
    expect(sqlserverQueryError(requestError(15151, "Cannot find the certificate 'x'"), { lineOffset: 0, batchIndex: 0 }).code).toBe('QUERY_FAILED');
  });

  it('reports the first of several errors and lists them all', () => {
    const error = sqlserverQueryError(new AggregateError([requestError(2627, 'Violation of PRIMARY KEY constraint'), requestError(3621, 'The statement has been terminated.', { class: 0 })]), { lineOffset: 0, batchIndex: 0 });
    expect(error.message).toMatch(/^Msg 2627/);
    expect(error.detail?.messages).toHaveLength(2);
  });

  it('maps cancel to CANCELLED, fatal severities and a lost socket to DB_CONNECTION_LOST, and keeps transport errors', () => {
    expect(sqlserverQueryError(new RequestError('Canceled.', 'ECANCEL'), { lineOffset: 0, batchIndex: 0 }).code).toBe('CANCELLED');
    expect(sqlserverQueryError(requestError(596, 'Cannot continue the execution because the session is in the kill state.', { class: 21 }), { lineOffset: 0, batchIndex: 0 }).code).toBe('DB_CONNECTION_LOST');
    expect(sqlserverQueryError(new RequestError('Connection closed before request completed.', 'ECLOSE'), { lineOffset: 0, batchIndex: 0 }).code).toBe('DB_CONNECTION_LOST');
    const reset = new ConnectionError('Connection lost - socket hang up', 'ESOCKET', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    expect(sqlserverQueryError(reset, { lineOffset: 0, batchIndex: 0 }).code).toBe('DB_CONNECTION_LOST');
    const tunnel = new BurrowError('TUNNEL_CLOSED', 'the SSH session ended');
    expect(sqlserverQueryError(new ConnectionError('Connection lost - the SSH session ended', 'ESOCKET', { cause: tunnel }), { lineOffset: 0, batchIndex: 0 })).toBe(tunnel);
  });
});
