import type { ParsedUrl } from '../../../../shared/imports';
import type { Engine, Environment, Profile, SafeMode } from '../../../../shared/profile';
import type { Hop, HopAuth, Route } from '../../../../shared/route';

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
  /** Keep this hop's SSH protocol log for the session (redacted). */
  debugLog: boolean;
  /** The auth list this hop was loaded with, and the form values it showed as: kept as-is unless edited. */
  loaded: { auth: HopAuth[]; method: HopForm['method']; keyId: string; agentSocket: string } | null;
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
  clientCertPath: string;
  clientKeyPath: string;
  defaultRowLimit: string;
  keepaliveSeconds: string;
  keepaliveCount: string;
  connectTimeoutSeconds: string;
  hops: HopForm[];
  /** #rrggbb, or null for no colour. */
  colour: string | null;
  environment: Environment;
  safeMode: SafeMode;
  startupSql: string;
  /** The server refuses writes on this connection. */
  readOnly: boolean;
}

let hopCounter = 0;
export const newHopId = (): string => `hop-${Date.now().toString(36)}-${++hopCounter}`;

export function emptyHop(): HopForm {
  return { id: newHopId(), name: '', host: '', port: '22', username: '', method: 'publickey', keyId: '', agentSocket: '', password: '', debugLog: false, loaded: null };
}

export function emptyForm(): ProfileForm {
  return {
    id: null, name: '', group: '', engine: 'postgres', host: '', port: '', database: '', user: '', password: '',
    passwordPolicy: 'keychain', tlsMode: 'prefer', caPath: '', serverName: '', clientCertPath: '', clientKeyPath: '', defaultRowLimit: '1000',
    keepaliveSeconds: '15', keepaliveCount: '3', connectTimeoutSeconds: '20', hops: [],
    colour: null, environment: 'development', safeMode: 'silent', startupSql: '', readOnly: false,
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
    clientCertPath: profile.tls.clientCert?.path ?? '',
    clientKeyPath: profile.tls.clientKey?.path ?? '',
    defaultRowLimit: String(profile.defaultRowLimit),
    keepaliveSeconds: String(profile.ssh.keepalive.intervalSeconds),
    keepaliveCount: String(profile.ssh.keepalive.countMax),
    connectTimeoutSeconds: String(profile.ssh.connectTimeoutSeconds),
    colour: profile.colour,
    environment: profile.environment,
    safeMode: profile.safeMode,
    startupSql: profile.startupSql,
    readOnly: profile.readOnly,
    hops: profile.ssh.hops.map(hopFormFromHop),
  };
}

/** One saved (or imported) hop as the form shows it; its auth list is kept unless edited. */
export function hopFormFromHop(hop: Hop): HopForm {
  const types = hop.auth.map((a) => a.type).join('+');
  const key = hop.auth.find((a): a is Extract<HopAuth, { type: 'publickey' }> => a.type === 'publickey');
  const agent = hop.auth.find((a): a is Extract<HopAuth, { type: 'agent' }> => a.type === 'agent');
  const method: HopForm['method'] =
    types === 'publickey+keyboard-interactive' ? 'publickey+keyboard-interactive'
      : (hop.auth[0]?.type === 'none' ? 'password' : (hop.auth[0]?.type ?? 'publickey'));
  const keyId = key?.keyId ?? agent?.keyId ?? '';
  const agentSocket = agent?.socket ?? '';
  return {
    id: hop.id, name: hop.name ?? '', host: hop.host, port: String(hop.port), username: hop.username, method,
    keyId, agentSocket, password: '', debugLog: hop.debugLog === true, loaded: { auth: hop.auth, method, keyId, agentSocket },
  };
}

/** A new connection's form with an imported SSH route (keepalive and timeout included). */
export function formWithRoute(route: Route, name: string): ProfileForm {
  return {
    ...emptyForm(),
    name,
    hops: route.hops.map((hop) => ({ ...hopFormFromHop(hop), id: newHopId() })),
    keepaliveSeconds: String(route.keepalive.intervalSeconds),
    keepaliveCount: String(route.keepalive.countMax),
    connectTimeoutSeconds: String(route.connectTimeoutSeconds),
  };
}

/** A new connection's form from a parsed connection URL (the password, if any, is typed again). */
export function formFromUrl(parsed: ParsedUrl['draft']): ProfileForm {
  return {
    ...emptyForm(),
    name: parsed.name,
    engine: parsed.engine,
    host: parsed.host,
    port: parsed.port === null ? '' : String(parsed.port),
    database: parsed.database,
    user: parsed.user,
    tlsMode: parsed.tls.mode,
    caPath: parsed.tls.ca?.path ?? '',
    serverName: parsed.tls.serverName ?? '',
  };
}

/**
 * Pure: the form after the user picks an environment. Moving to production while safe mode is
 * still off turns on confirming changes; any safe mode the user chose is left alone.
 */
export function withEnvironment(form: ProfileForm, environment: Environment): ProfileForm {
  const suggestSafety = environment === 'production' && form.environment !== 'production' && form.safeMode === 'silent';
  return { ...form, environment, ...(suggestSafety ? { safeMode: 'confirmWrites' as const } : {}) };
}

/** Why "ask for the password before changes" cannot work for this form, or null when it can. */
export function passwordForWritesUnavailable(form: Pick<ProfileForm, 'engine' | 'passwordPolicy'>): string | null {
  if (form.engine === 'sqlite') return 'SQLite files have no password to ask for';
  if (form.passwordPolicy === 'none') return 'This connection has no password to ask for';
  return null;
}

function hopAuth(hop: HopForm): HopAuth[] {
  // Untouched, a hop keeps the auth list it was saved with (policies, longer method chains).
  const { loaded } = hop;
  if (loaded && loaded.method === hop.method && loaded.keyId === hop.keyId && loaded.agentSocket === hop.agentSocket) return loaded.auth;
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
      ...(form.clientCertPath ? { clientCert: { path: form.clientCertPath } } : {}),
      ...(form.clientKeyPath ? { clientKey: { path: form.clientKeyPath } } : {}),
    },
    defaultRowLimit: numberOrText(form.defaultRowLimit),
    colour: form.colour,
    environment: form.environment,
    safeMode: form.safeMode,
    startupSql: form.startupSql,
    readOnly: form.readOnly,
    ssh: {
      keepalive: { intervalSeconds: numberOrText(form.keepaliveSeconds), countMax: numberOrText(form.keepaliveCount) },
      connectTimeoutSeconds: numberOrText(form.connectTimeoutSeconds),
      hops: form.hops.map((hop) => ({
        id: hop.id,
        ...(hop.name ? { name: hop.name } : {}),
        host: hop.host,
        port: numberOrText(hop.port),
        username: hop.username,
        auth: hopAuth(hop),
        ...(hop.debugLog ? { debugLog: true } : {}),
      })),
    },
    hopPasswords,
  };
}
