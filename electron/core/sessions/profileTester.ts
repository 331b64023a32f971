import { performance } from 'node:perf_hooks';
import type { Diagnosis, StageResult } from '../../../shared/diagnosis';
import type { BurrowErrorShape } from '../../../shared/errors';
import { sessionsDiagnoseRequestSchema } from '../../../shared/diagnosis';
import type { Hop } from '../../../shared/route';
import type { QueryService } from '../db/queryService';
import type { DbTransport } from '../db/types';
import { diagnoseRoute } from '../ssh/diagnoseRoute';
import type { HostKeyVerifier } from '../ssh/hostKeys';
import { toErrorShape } from '../errors';
import { StageTimer } from '../ssh/stageTimer';
import type { CredentialSource, PromptBroker } from '../ssh/types';
import type { Store } from '../store/createStore';
import { parseRequest } from '../store/parseRequest';
import { databasePassword } from './databasePassword';
import { dbConnectConfig } from './dbConnectConfig';
import { defaultPorts } from './defaultPorts';

export interface ProfileTesterDeps {
  store: Store;
  queries: QueryService;
  verifier: HostKeyVerifier;
  prompts: PromptBroker;
  credentials: CredentialSource;
}

/**
 * The connection form's "Test": the draft as typed, connected stage by stage (see diagnoseRoute),
 * then logged in to the database and closed again. Passwords typed in the form are used for this
 * test only; nothing is saved, and no session stays open.
 */
export class ProfileTester {
  constructor(private readonly deps: ProfileTesterDeps) {}

  async diagnose(payload: unknown): Promise<Diagnosis> {
    const started = performance.now();
    const { draft, debugLog } = parseRequest(sessionsDiagnoseRequestSchema, payload, 'sessions.diagnose');
    const login = async (transport: DbTransport): Promise<string> => {
      const password = await databasePassword(this.deps, draft, draft.password);
      const config = await dbConnectConfig(draft, password);
      const info = await this.deps.queries.connect(config, transport);
      await this.deps.queries.close({ connectionId: info.connectionId });
      return `${info.serverVersion}${info.tls ? ', TLS' : ''}${info.database ? `, database ${info.database}` : ''}`;
    };
    const port = draft.port ?? defaultPorts[draft.engine];
    const target = { host: draft.engine === 'sqlite' ? draft.database : draft.host, port };

    if (draft.ssh.hops.length === 0) {
      const stages: StageResult[] = [];
      const timer = new StageTimer(stages);
      timer.start('db');
      let error: BurrowErrorShape | undefined;
      try {
        timer.pass(await login(port === null ? { kind: 'file' } : { kind: 'tcp', host: draft.host, port }));
      } catch (failure) {
        timer.fail(failure);
        error = toErrorShape(failure);
      }
      return { ok: !error, hops: [], target: { ...target, stages }, ...(error ? { error } : {}), totalMs: msSince(started) };
    }

    const typed = draft.hopPasswords;
    const credentials: CredentialSource = {
      hopPassword: (hop: Hop) => (typed[hop.id] ? Promise.resolve(typed[hop.id]!) : this.deps.credentials.hopPassword(hop)),
      privateKey: (keyId, passphrase) => this.deps.credentials.privateKey(keyId, passphrase),
      publicKey: (keyId) => this.deps.credentials.publicKey(keyId),
    };
    const route = await diagnoseRoute({
      route: draft.ssh,
      verifier: this.deps.verifier,
      prompts: this.deps.prompts,
      credentials,
      target: { host: draft.host, port: port ?? 0 },
      debugLog,
      login: (open) => login({ kind: 'stream', open }),
    });
    return {
      ok: route.error === null,
      hops: route.hops,
      target: { ...target, stages: route.target },
      ...(route.error ? { error: route.error } : {}),
      totalMs: msSince(started),
    };
  }
}

const msSince = (started: number): number => Math.round((performance.now() - started) * 100) / 100;
