import type { AppInfo, EventName, EventPayload } from '../../shared/contract';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './eventHub';
import { sshNativeCryptoLoaded } from './ssh/nativeCrypto';

export interface CoreOptions {
  /** Where Burrow keeps profiles, the vault file and known hosts. */
  dataDir: string;
  appVersion: string;
  runtime: AppInfo['runtime'];
  electronVersion: string | null;
}

export interface Core {
  dispatch: Dispatch;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** The composition root of everything Burrow does; Electron's main and the test host both build it. */
export function createCore(options: CoreOptions): Core {
  const events = new EventHub();
  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Burrow',
      version: options.appVersion,
      platform: process.platform,
      runtime: options.runtime,
      versions: { node: process.versions.node, electron: options.electronVersion },
      sshNativeCrypto: sshNativeCryptoLoaded(),
    }),
  };
  return {
    dispatch: createDispatch(handlers),
    onEvent: (event, listener) => events.on(event, listener),
    close: async () => {},
  };
}
