import type { BurrowErrorShape } from '../../../../shared/errors';
import type { HopForm, ProfileForm } from './profileDraft';

/** A form field: a key of ProfileForm, or `hop:<index>:<host|port|username|auth>` for a hop's field. */
export type FormField = string;

/** Errors per form field, in the order the core reported them. */
export type FieldErrors = Record<FormField, string>;

const sameName: ReadonlySet<string> = new Set([
  'name', 'group', 'engine', 'host', 'port', 'database', 'user', 'password', 'passwordPolicy', 'defaultRowLimit', 'colour', 'environment', 'safeMode', 'startupSql', 'readOnly',
]);
const tlsFields: Record<string, string> = { mode: 'tlsMode', ca: 'caPath', serverName: 'serverName', clientCert: 'clientCertPath', clientKey: 'clientKeyPath' };
const hopFields: Record<string, string> = { host: 'host', port: 'port', username: 'username', auth: 'auth', name: 'host', id: 'host' };

/**
 * Pure: the form field a core validation path (`ssh.hops.0.port`, `tls.ca.path`, …) points at, or
 * null for one the form has no field for. `draft.` (the form's Test) is dropped first.
 */
export function formFieldOf(path: string, hops: readonly Pick<HopForm, 'id'>[]): FormField | null {
  const parts = path.replace(/^draft\./, '').split('.');
  const [first, second, third, fourth] = parts;
  if (first === undefined) return null;
  if (sameName.has(first)) return first;
  if (first === 'tls') return tlsFields[second ?? 'mode'] ?? 'tlsMode';
  if (first === 'ssh' && second === 'keepalive') return third === 'countMax' ? 'keepaliveCount' : 'keepaliveSeconds';
  if (first === 'ssh' && second === 'connectTimeoutSeconds') return 'connectTimeoutSeconds';
  if (first === 'ssh' && second === 'hops') {
    const index = Number(third);
    if (third === undefined || !Number.isInteger(index)) return 'hops';
    return `hop:${index}:${hopFields[fourth ?? ''] ?? 'host'}`;
  }
  if (first === 'hopPasswords') {
    const index = hops.findIndex((hop) => hop.id === second);
    return index >= 0 ? `hop:${index}:auth` : 'hops';
  }
  return null;
}

/** Pure: the field errors a failed save or Test carries (a VALIDATION error's `detail.issues`, or its one `detail.field`). */
export function fieldErrorsOf(error: BurrowErrorShape, hops: readonly Pick<HopForm, 'id'>[]): FieldErrors {
  if (error.code !== 'VALIDATION') return {};
  const detail = error.detail ?? {};
  const issues = Array.isArray(detail.issues)
    ? (detail.issues as { field?: unknown; message?: unknown }[])
    : typeof detail.field === 'string' ? [{ field: detail.field, message: error.message.split(': ').at(-1) }] : [];
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (typeof issue.field !== 'string' || typeof issue.message !== 'string') continue;
    const field = formFieldOf(issue.field, hops);
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** What the user calls a field, for the line that sums the errors up. */
export function fieldLabel(field: FormField): string {
  const hop = /^hop:(\d+):(\w+)$/.exec(field);
  if (hop) return `Hop ${Number(hop[1]) + 1} ${hop[2] === 'auth' ? 'authentication' : hop[2]}`;
  const labels: Record<string, string> = {
    name: 'Name', group: 'Group', engine: 'Engine', host: 'Host', port: 'Port', database: 'Database', user: 'User', password: 'Password',
    passwordPolicy: 'Password storage', defaultRowLimit: 'Default row limit', colour: 'Colour', environment: 'Environment', safeMode: 'Safe mode',
    startupSql: 'Startup SQL', readOnly: 'Read-only', tlsMode: 'TLS', caPath: 'CA certificate', serverName: 'TLS server name', clientCertPath: 'Client certificate',
    clientKeyPath: 'Client key', keepaliveSeconds: 'Keepalive', keepaliveCount: 'Missed keepalives', connectTimeoutSeconds: 'Connect timeout', hops: 'SSH route',
  };
  return labels[field] ?? field;
}

/** Pure: the line above the buttons: the first error with its field, and how many more are marked. */
export function fieldErrorSummary(error: BurrowErrorShape, errors: FieldErrors): string {
  const fields = Object.keys(errors);
  if (fields.length === 0) return `${error.code}: ${error.message}`;
  const more = fields.length > 1 ? ` (${fields.length - 1} more marked above)` : '';
  return `${error.code}: ${fieldLabel(fields[0]!)}: ${errors[fields[0]!]}${more}`;
}

/** Pure: the errors left once the user edits: a field whose value changed loses its error (hops by id, so removing one shifts nothing wrongly). */
export function errorsAfterEdit(errors: FieldErrors, before: ProfileForm, after: ProfileForm): FieldErrors {
  if (Object.keys(errors).length === 0) return errors;
  const kept: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const hop = /^hop:(\d+):(\w+)$/.exec(field);
    if (hop) {
      const old = before.hops[Number(hop[1])];
      const index = old ? after.hops.findIndex((h) => h.id === old.id) : -1;
      const now = after.hops[index];
      if (!old || !now) continue;
      const part = hop[2] as 'host' | 'port' | 'username' | 'auth';
      const changed = part === 'auth'
        ? old.method !== now.method || old.keyId !== now.keyId || old.agentSocket !== now.agentSocket || old.password !== now.password
        : old[part] !== now[part];
      if (!changed) kept[`hop:${index}:${part}`] = message;
    } else if (field === 'hops') {
      if (before.hops.length === after.hops.length) kept[field] = message;
    } else if ((before as unknown as Record<string, unknown>)[field] === (after as unknown as Record<string, unknown>)[field]) {
      kept[field] = message;
    }
  }
  return kept;
}
