import type { Client } from 'ssh2';

const ANNOUNCEMENT = 'hostkeys-00@openssh.com';

type GlobalRequestHandler = (packet: unknown, name: string, wantReply: boolean, data: unknown) => void;

interface ProtocolInternals {
  _handlers?: { GLOBAL_REQUEST?: GlobalRequestHandler };
  requestSuccess(): void;
}

/**
 * After login OpenSSH announces all of its host keys (`hostkeys-00@openssh.com`, for clients that
 * update known_hosts with them, OpenSSH's UpdateHostKeys). ssh2 answers every announcement with a
 * `hostkeys-prove-00` request, and the server then signs with each of its keys (RSA, ECDSA,
 * Ed25519) while our first channel waits behind it: about 10 ms on the benchmark VM. Burrow
 * verifies the host key at the handshake against its own store and never takes keys from an
 * announcement, so the announcement is acknowledged when asked and otherwise dropped.
 */
export function dropHostKeyAnnouncements(client: Client): void {
  const protocol = (client as unknown as { _protocol?: ProtocolInternals })._protocol;
  const handlers = protocol?._handlers;
  const handle = handlers?.GLOBAL_REQUEST;
  if (!protocol || !handlers || !handle) return;
  handlers.GLOBAL_REQUEST = (packet, name, wantReply, data) => {
    if (name !== ANNOUNCEMENT) {
      handle(packet, name, wantReply, data);
      return;
    }
    if (wantReply) protocol.requestSuccess();
  };
}
