import type { AppInfo, EventName, EventPayload, FilePurpose } from '../../shared/contract';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './eventHub';
import { sshNativeCryptoLoaded } from './ssh/nativeCrypto';

export interface CoreOptions {
  /** Where Burrow keeps profiles, the vault file and known hosts. */
  dataDir: string;
  appVersion: string;
  runtime: AppInfo['runtime'];
  electronVersion: string | null;
  /** What only the host (Electron, or the test host) can do. */
  platform?: PlatformAdapter;
}

export interface PlatformAdapter {
  /** Shows an open-file dialog; resolves with the chosen path, or null when cancelled. */
  pickFile(purpose: FilePurpose): Promise<string | null>;
}

const noPlatform: PlatformAdapter = {
  pickFile: async () => null,
};

export interface Core {
  dispatch: Dispatch;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** The composition root of everything Burrow does; Electron's main and the test host both build it. */
export function createCore(options: CoreOptions): Core {
  const events = new EventHub();
  const platform = options.platform ?? noPlatform;
  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Burrow',
      version: options.appVersion,
      platform: process.platform,
      runtime: options.runtime,
      versions: { node: process.versions.node, electron: options.electronVersion },
      sshNativeCrypto: sshNativeCryptoLoaded(),
    }),
    'dialogs.pickFile': async ({ purpose }) => ({ path: await platform.pickFile(purpose) }),
  };
  return {
    dispatch: createDispatch(handlers),
    onEvent: (event, listener) => events.on(event, listener),
    close: async () => {},
  };
}
