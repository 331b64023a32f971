import type { Engine, Profile } from '../../../../shared/profile';
import type { HopAuth } from '../../../../shared/route';

/** The form's working copy of a profile: every field a string or simple value the inputs edit. */
export interface HopForm {
  id: string;
  name: string;
  host: string;
  port: string;
  username: string;
  method: 'publickey' | 'password' | 'agent' | 'keyboard-interactive' | 'publickey+keyboard-interactive';
  keyId: string;
  agentSocket: string;
  password: string;
}

export interface ProfileForm {
  id: string | null;
  name: string;
  group: string;
  engine: Engine;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  passwordPolicy: 'keychain' | 'ask' | 'none';
  tlsMode: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  caPath: string;
  serverName: string;
  defaultRowLimit: string;
  hops: HopForm[];
}

let hopCounter = 0;
export const newHopId = (): string => `hop-${Date.now().toString(36)}-${++hopCounter}`;

export function emptyHop(): HopForm {
  return { id: newHopId(), name: '', host: '', port: '22', username: '', method: 'publickey', keyId: '', agentSocket: '', password: '' };
}

export function emptyForm(): ProfileForm {
  return {
    id: null, name: '', group: '', engine: 'postgres', host: '', port: '', database: '', user: '', password: '',
    passwordPolicy: 'keychain', tlsMode: 'prefer', caPath: '', serverName: '', defaultRowLimit: '1000', hops: [],
  };
}

export function formFromProfile(profile: Profile): ProfileForm {
  return {
    id: profile.id,
    name: profile.name,
    group: profile.group.join(' / '),
    engine: profile.engine,
    host: profile.host,
    port: profile.port === null ? '' : String(profile.port),
    database: profile.database,
    user: profile.user,
    password: '',
    passwordPolicy: profile.passwordPolicy,
    tlsMode: profile.tls.mode,
    caPath: profile.tls.ca?.path ?? '',
    serverName: profile.tls.serverName ?? '',
    defaultRowLimit: String(profile.defaultRowLimit),
    hops: profile.ssh.hops.map((hop) => {
      const types = hop.auth.map((a) => a.type).join('+');
      const key = hop.auth.find((a): a is Extract<HopAuth, { type: 'publickey' }> => a.type === 'publickey');
      const agent = hop.auth.find((a): a is Extract<HopAuth, { type: 'agent' }> => a.type === 'agent');
      const method: HopForm['method'] =
        types === 'publickey+keyboard-interactive' ? 'publickey+keyboard-interactive'
          : (hop.auth[0]?.type === 'none' ? 'password' : (hop.auth[0]?.type ?? 'publickey'));
      return {
        id: hop.id, name: hop.name ?? '', host: hop.host, port: String(hop.port), username: hop.username, method,
        keyId: key?.keyId ?? agent?.keyId ?? '', agentSocket: agent?.socket ?? '', password: '',
      };
    }),
  };
}

function hopAuth(hop: HopForm): HopAuth[] {
  switch (hop.method) {
    case 'publickey':
      return [{ type: 'publickey', keyId: hop.keyId }];
    case 'publickey+keyboard-interactive':
      return [{ type: 'publickey', keyId: hop.keyId }, { type: 'keyboard-interactive' }];
    case 'password':
      return [{ type: 'password', policy: 'keychain' }];
    case 'agent':
      return [{ type: 'agent', ...(hop.agentSocket ? { socket: hop.agentSocket } : {}), ...(hop.keyId ? { keyId: hop.keyId } : {}) }];
    case 'keyboard-interactive':
      return [{ type: 'keyboard-interactive' }];
  }
}

const numberOrText = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/**
 * Pure: the `profiles.save` payload for a form. Numbers typed as text become numbers; anything
 * else is passed through so the core's validation names the field that is wrong.
 */
export function draftFromForm(form: ProfileForm): Record<string, unknown> {
  const hopPasswords = Object.fromEntries(form.hops.filter((h) => h.method === 'password' && h.password).map((h) => [h.id, h.password]));
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    group: form.group.split('/').map((part) => part.trim()).filter(Boolean),
    engine: form.engine,
    host: form.host,
    port: form.port.trim() === '' ? null : numberOrText(form.port),
    database: form.database,
    user: form.user,
    passwordPolicy: form.passwordPolicy,
    ...(form.password ? { password: form.password } : {}),
    tls: {
      mode: form.tlsMode,
      ...(form.caPath ? { ca: { path: form.caPath } } : {}),
      ...(form.serverName ? { serverName: form.serverName } : {}),
    },
    defaultRowLimit: numberOrText(form.defaultRowLimit),
    ssh: {
      hops: form.hops.map((hop) => ({
        id: hop.id,
        ...(hop.name ? { name: hop.name } : {}),
        host: hop.host,
        port: numberOrText(hop.port),
        username: hop.username,
        auth: hopAuth(hop),
      })),
    },
    hopPasswords,
  };
}
