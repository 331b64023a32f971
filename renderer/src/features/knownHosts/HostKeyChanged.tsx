import { useState } from 'react';
import type { BurrowErrorShape } from '../../../../shared/errors';
import { burrow } from '../../ipc/client';

interface KnownKey {
  keyType: string;
  fingerprint: string;
  source: string;
}

/**
 * Under an SSH_HOST_KEY_MISMATCH error: the one explicit way past it. Forgetting asks first, with
 * both fingerprints; a key that came from ~/.ssh/known_hosts is not Burrow's to remove.
 */
export function HostKeyChanged({ error }: { error: BurrowErrorShape }) {
  const [result, setResult] = useState<string | null>(null);
  const detail = error.detail ?? {};
  const host = typeof detail.host === 'string' ? detail.host : null;
  const port = typeof detail.port === 'number' ? detail.port : null;
  const known = Array.isArray(detail.known) ? (detail.known as KnownKey[]) : [];
  if (!host || port === null) return null;
  const inBurrow = known.filter((key) => key.source.startsWith('Burrow known hosts'));
  const inFiles = known.filter((key) => !key.source.startsWith('Burrow known hosts'));

  const forget = async (): Promise<void> => {
    const question = `The host key of ${host}:${port} changed.\n\nNow: ${String(detail.keyType)} ${String(detail.fingerprint)}\nBefore: ${inBurrow.map((k) => `${k.keyType} ${k.fingerprint}`).join(', ')}\n\n` +
      'Forget the old key only if the server admin confirmed the new one. The next connection will show the new key and ask.';
    if (!window.confirm(question)) return;
    const forgotten = await burrow().knownHosts.forget({ host, port });
    setResult(forgotten.ok ? `Forgot the old key of ${host}:${port}. Connect again to review the new one.` : `${forgotten.error.code}: ${forgotten.error.message}`);
  };

  return (
    <div className="host-key-changed" data-testid="host-key-changed">
      {inBurrow.length > 0 && !result && <button type="button" className="small" onClick={() => void forget()}>Forget this host key…</button>}
      {inFiles.length > 0 && (
        <p className="muted">
          The old key is in {inFiles.map((k) => k.source).join(', ')}; Burrow does not edit that file. Remove it with{' '}
          <code>ssh-keygen -R {port === 22 ? host : `'[${host}]:${port}'`}</code> once the new key is confirmed.
        </p>
      )}
      {result && <p className="muted" role="status">{result}</p>}
    </div>
  );
}
