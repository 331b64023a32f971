import net from 'node:net';
import tls, { type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { TlsMaterial } from '../../../../shared/query';

/**
 * Node TLS options for a libpq-style mode. `require` with a CA verifies the chain like libpq does;
 * `verify-ca` checks the chain only; `verify-full` also checks the name (`serverName`, or the
 * host the server is reached at). A user CA replaces the system roots, as for sslrootcert.
 */
export function tlsConnectionOptions(material: TlsMaterial, host: string): ConnectionOptions | null {
  if (material.mode === 'disable') return null;
  const verifyChain = material.mode === 'verify-ca' || material.mode === 'verify-full' || (material.mode === 'require' && material.caPem !== undefined);
  const name = tlsServerName(material, host);
  const options: ConnectionOptions = {
    rejectUnauthorized: verifyChain,
    checkServerIdentity: material.mode === 'verify-full'
      ? (_host: string, cert: PeerCertificate) => tls.checkServerIdentity(name, cert)
      : () => undefined,
  };
  if (net.isIP(name) === 0) options.servername = name;
  if (material.caPem) options.ca = material.caPem;
  if (material.clientCertPem) options.cert = material.clientCertPem;
  if (material.clientKeyPem) options.key = material.clientKeyPem;
  return options;
}

/** The name the certificate is checked against. */
export function tlsServerName(material: TlsMaterial, host: string): string {
  return material.serverName ?? (host || 'localhost');
}

/** Node's TLS error codes that mean "the certificate was refused", for a clear DB_TLS_FAILED. */
export function describeTlsError(error: NodeJS.ErrnoException): string | null {
  const code = error.code ?? '';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the server certificate does not name this server: ${error.message}`;
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' || code === 'UNABLE_TO_GET_ISSUER_CERT') {
    return `the server certificate is not signed by a trusted CA (${code}): check the CA bundle in the connection's TLS settings`;
  }
  if (code === 'CERT_HAS_EXPIRED') return 'the server certificate has expired';
  if (code === 'CERT_NOT_YET_VALID') return 'the server certificate is not valid yet';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /certificate|ssl|tls/i.test(error.message)) return `TLS failed: ${error.message}`;
  return null;
}
