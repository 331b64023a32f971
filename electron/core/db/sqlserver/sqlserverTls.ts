import type { PeerCertificate, SecureContextOptions } from 'node:tls';
import { BurrowError } from '../../../../shared/errors';
import type { TlsMaterial } from '../../../../shared/query';
import { describeTlsError, tlsConnectionOptions, tlsServerName } from '../tls/tlsOptions';

/** tedious's TLS options for one login, plus the check Burrow runs on the server's certificate. */
export interface TediousTls {
  encrypt: boolean;
  trustServerCertificate: boolean;
  serverName?: string;
  cryptoCredentialsDetails: SecureContextOptions;
  /** Returns why the certificate is refused, or null. Runs on tedious's 'secure' event, before LOGIN7. */
  verify(socket: CertifiedSocket): BurrowError | null;
}

/** The parts of a TLSSocket that `verify` reads. */
export interface CertifiedSocket {
  authorized: boolean;
  authorizationError?: Error | string | null;
  getPeerCertificate(): PeerCertificate;
}

const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/**
 * The TDS handshake runs inside PRELOGIN packets over the stream tedious got from the connector,
 * so it is TLS over the tunnel channel. tedious can only verify "chain and name" or nothing, so
 * it is told to trust the certificate and Burrow applies the mode's own rules (the same as the
 * other engines, from tlsConnectionOptions): `require` checks the chain only with a CA,
 * `verify-ca` the chain, `verify-full` chain and name. A user CA replaces the system roots.
 */
export function tediousTls(material: TlsMaterial, host: string): TediousTls {
  const options = tlsConnectionOptions(material, host);
  if (!options) return { encrypt: false, trustServerCertificate: true, cryptoCredentialsDetails: {}, verify: () => null };
  const name = tlsServerName(material, host);
  const cryptoCredentialsDetails: SecureContextOptions = {};
  if (material.caPem) cryptoCredentialsDetails.ca = material.caPem;
  if (material.clientCertPem) cryptoCredentialsDetails.cert = material.clientCertPem;
  if (material.clientKeyPem) cryptoCredentialsDetails.key = material.clientKeyPem;
  return {
    encrypt: true,
    trustServerCertificate: true,
    serverName: name,
    cryptoCredentialsDetails,
    verify(socket) {
      const code = socket.authorizationError instanceof Error ? ((socket.authorizationError as NodeJS.ErrnoException).code ?? socket.authorizationError.message) : (socket.authorizationError ?? '');
      // Node checks the name only after the chain verified, so a name mismatch means the chain is good.
      const chainOk = socket.authorized || code === NAME_MISMATCH;
      if (options.rejectUnauthorized && !chainOk) {
        const error = Object.assign(new Error(`certificate verify failed: ${code}`), { code });
        return new BurrowError('DB_TLS_FAILED', describeTlsError(error) ?? `TLS failed: ${code}`, { tlsCode: code });
      }
      const identity = options.checkServerIdentity?.(name, socket.getPeerCertificate());
      if (identity) return new BurrowError('DB_TLS_FAILED', describeTlsError(identity as NodeJS.ErrnoException) ?? identity.message, { tlsCode: (identity as NodeJS.ErrnoException).code ?? null });
      return null;
    },
  };
}
