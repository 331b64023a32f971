import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/errors';
import type { Dispatch } from '../../core/dispatch';
import { isTrustedSender, type SenderEvent } from '../senderCheck';

/** The slice of ipcMain the guard uses; tests inject a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface GuardOptions {
  dispatch: Dispatch;
  knownWebContents: ReadonlySet<number>;
  allowedOrigins: () => readonly string[];
  ipc?: IpcMainLike;
}

/**
 * The only module that touches ipcMain. Each contract channel gets one handler: sender check,
 * then schema parse and core call (inside dispatch), then the result envelope. Nothing throws
 * back into the renderer. Returns a function that removes every handler.
 */
export function registerIpc(options: GuardOptions): () => void {
  const ipc = options.ipc ?? ipcMain;
  for (const channel of channelNames) {
    ipc.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event as unknown as SenderEvent, options.knownWebContents, options.allowedOrigins())) {
        return fail('VALIDATION', `${channel}: refused a call from an untrusted sender`);
      }
      if (args.length !== 1) return fail('VALIDATION', `${channel}: expected exactly one payload object`);
      return options.dispatch(channel, args[0]);
    });
  }
  return () => {
    for (const channel of channelNames) ipc.removeHandler(channel);
  };
}
