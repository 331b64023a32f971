import os from 'node:os';
import path from 'node:path';
import { BaseAgent, createAgent, type ParsedKey } from 'ssh2';

/** Well-known agent sockets users pick from; Windows uses the OpenSSH pipe or Pageant. */
export function agentPresets(home = os.homedir()): Record<string, string> {
  return {
    '1Password (Linux)': path.join(home, '.1password/agent.sock'),
    '1Password (macOS)': path.join(home, 'Library/Group Containers/2BUA8C4S2C.com.1password/t/agent.sock'),
    'Secretive (macOS)': path.join(home, 'Library/Containers/com.maxgoedjen.Secretive.SecretAgent/Data/socket.ssh'),
    'Windows OpenSSH agent': '\\\\.\\pipe\\openssh-ssh-agent',
    Pageant: 'pageant',
  };
}

/** The agent to use when a hop names none: $SSH_AUTH_SOCK, or the Windows OpenSSH pipe. */
export function defaultAgentSocket(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (env.SSH_AUTH_SOCK) return env.SSH_AUTH_SOCK;
  if (platform === 'win32') return '\\\\.\\pipe\\openssh-ssh-agent';
  return null;
}

type AgentLike = InstanceType<typeof BaseAgent>;

/**
 * Offers only one identity from an agent (IdentitiesOnly): servers count every offered key as a
 * failed attempt, and agents holding many keys get clients cut off before the right key is tried.
 */
class SingleIdentityAgent extends BaseAgent {
  constructor(private readonly inner: AgentLike, private readonly publicBlob: Buffer) {
    super();
  }

  override getIdentities(callback: (error?: Error | null, keys?: ParsedKey[]) => void): void {
    this.inner.getIdentities((error, keys) => {
      if (error) return callback(error);
      const parsed = (keys ?? []).filter((key): key is ParsedKey => typeof key === 'object' && !Buffer.isBuffer(key));
      callback(null, parsed.filter((key) => key.getPublicSSH().equals(this.publicBlob)));
    });
  }

  override sign(...args: unknown[]): void {
    (this.inner.sign as (...a: unknown[]) => void).apply(this.inner, args);
  }
}

export function openAgent(socket: string, onlyPublicKey: Buffer | null): AgentLike {
  const agent = createAgent(socket) as AgentLike;
  return onlyPublicKey ? (new SingleIdentityAgent(agent, onlyPublicKey) as unknown as AgentLike) : agent;
}
