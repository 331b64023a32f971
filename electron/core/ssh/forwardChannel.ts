import type { Client, ClientChannel } from 'ssh2';
import type { HopLabel } from '../../../shared/prompts';
import type { AckPacer } from './ackPacer';
import { openFailureReason } from './openFailure';
import { tunnelError } from './tunnelError';

/** A direct-tcpip channel from `client` to host:port (paced when a pacer is given); rejects with ssh2's error. */
export function forwardOut(client: Client, host: string, port: number, pacer: AckPacer | null = null): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      if (error) return reject(error);
      pacer?.track(channel);
      resolve(channel);
    });
  });
}

/** forwardOut to the database target, a refusal explained as SSH_CHANNEL_REFUSED at the channel stage. */
export function openTargetChannel(client: Client, label: HopLabel, host: string, port: number, pacer: AckPacer | null = null): Promise<ClientChannel> {
  return forwardOut(client, host, port, pacer).catch((error: Error & { reason?: number }) => {
    const reason = openFailureReason(error);
    const hint = error.reason === 1
      ? ' (administratively prohibited: sshd has AllowTcpForwarding disabled, or PermitOpen does not allow this target)'
      : error.reason === 2 ? ' (the server could not connect to the target: is it running and reachable from this hop?)' : '';
    throw tunnelError('SSH_CHANNEL_REFUSED', 'channel', label, `the server refused to forward to ${host}:${port}: ${reason}${hint}`,
      { reason, reasonCode: error.reason ?? null, target: `${host}:${port}` });
  });
}
