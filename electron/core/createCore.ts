import os from 'node:os';
import path from 'node:path';
import type { AppInfo, EventName, EventPayload, FilePurpose } from '../../shared/contract';
import type { FileFormat } from '../../shared/query';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './eventHub';
import { seedFirstRun } from './firstRun';
import { QueryService } from './db/queryService';
import { sessionHandlers } from './handlers/sessionHandlers';
import { sqlFileHandlers } from './handlers/sqlFileHandlers';
import { bundleFileHandlers } from './handlers/bundleFileHandlers';
import { storeHandlers } from './handlers/storeHandlers';
import { PromptHub } from './prompts/promptHub';
import { ProfileTester } from './sessions/profileTester';
import { agentPresets } from './ssh/agents';
import { SessionManager } from './sessions/sessionManager';
import { TunnelPool } from './sessions/tunnelPool';
import { HostKeyVerifier } from './ssh/hostKeys';
import { createStore, type Store } from './store/createStore';
import type { Keychain } from './store/vault/keychain';
import { sshNativeCryptoLoaded } from './ssh/nativeCrypto';

export interface CoreOptions {
  /** Where Burrow keeps profiles, the vault file and known hosts. */
  dataDir: string;
  appVersion: string;
  runtime: AppInfo['runtime'];
  electronVersion: string | null;
  /** What only the host (Electron, or the test host) can do. */
  platform?: PlatformAdapter;
  /** Defaults to the OS keychain (tests pass a private Secret Service or a memory keychain). */
  keychain?: Keychain;
  /** For ~/.ssh/config and ~/.ssh/known_hosts; defaults to the OS home directory. */
  home?: string;
  /** The bundled sample database, offered as a profile on first launch. */
  sampleDatabase?: string;
}

export interface PlatformAdapter {
  /** Shows an open-file dialog; resolves with the chosen path, or null when cancelled. */
  pickFile(purpose: FilePurpose): Promise<string | null>;
  /** Shows a save dialog for an export (a result, a table, connections); resolves with the chosen path, or null when cancelled. */
  pickSavePath(suggestedName: string, format: FileFormat, title?: string): Promise<string | null>;
}

const noPlatform: PlatformAdapter = {
  pickFile: async () => null,
  pickSavePath: async () => null,
};

export interface Core {
  dispatch: Dispatch;
  /** First-launch set-up (the sample profile); call once before serving the renderer. */
  init(): Promise<void>;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** The composition root of everything Burrow does; Electron's main and the test host both build it. */
export function createCore(options: CoreOptions): Core {
  const events = new EventHub();
  const platform = options.platform ?? noPlatform;
  const store: Store = createStore({
    dataDir: options.dataDir,
    ...(options.keychain ? { keychain: options.keychain } : {}),
    ...(options.home ? { home: options.home } : {}),
  });
  const home = options.home ?? os.homedir();
  const prompts = new PromptHub(
    (prompt) => events.emit('prompts.onRequest', prompt),
    (id) => events.emit('prompts.onCancel', { id }),
  );
  const queries = new QueryService();
  queries.on('run', (status) => events.emit('query.onProgress', status));
  const verifier = new HostKeyVerifier({ app: store.knownHosts, userKnownHostsFiles: [path.join(home, '.ssh/known_hosts'), path.join(home, '.ssh/known_hosts2')] });
  const tunnels = new TunnelPool({ verifier, prompts, credentials: store.credentials });
  const sessions = new SessionManager({ store, queries, tunnels, prompts, emit: (event) => events.emit('sessions.onState', event) });
  const tester = new ProfileTester({ store, queries, verifier, prompts, credentials: store.credentials });

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Burrow',
      version: options.appVersion,
      platform: process.platform,
      runtime: options.runtime,
      versions: { node: process.versions.node, electron: options.electronVersion },
      sshNativeCrypto: sshNativeCryptoLoaded(),
      agentPresets: Object.entries(agentPresets(home)).map(([name, socket]) => ({ name, socket })),
    }),
    'dialogs.pickFile': async ({ purpose }) => ({ path: await platform.pickFile(purpose) }),
    ...storeHandlers(store),
    ...bundleFileHandlers(store, platform),
    ...sqlFileHandlers(platform),
    ...sessionHandlers(sessions, tester, queries, prompts, (name, format, title) => platform.pickSavePath(name, format, title), store.history, (progress) =>
      events.emit('query.onExportProgress', progress), (progress) => events.emit('schema.onImportProgress', progress),
    ),
  };
  return {
    dispatch: createDispatch(handlers),
    init: async () => {
      await seedFirstRun(store, options.dataDir, options.sampleDatabase);
    },
    onEvent: (event, listener) => events.on(event, listener),
    close: async () => {
      prompts.cancelAll();
      await sessions.closeAll();
      await queries.closeAll();
      await tunnels.closeAll();
    },
  };
}
