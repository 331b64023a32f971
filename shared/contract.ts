import { z } from 'zod';
import { sessionChannels, sessionEvents } from './channels/sessions';
import { storeChannels } from './channels/store';

/**
 * The one IPC contract between the renderer and the main process. Every call is `domain.action`
 * with a zod request schema and a response schema; every event is `domain.onThing` with a payload
 * schema. The preload, the test host's shim and the renderer's client are all built from these
 * two records by `buildApi` (shared/bridge.ts), so nothing is written twice.
 */
export const appInfoSchema = z.object({
  name: z.literal('Burrow'),
  version: z.string(),
  platform: z.string(),
  runtime: z.enum(['electron', 'test-host']),
  versions: z.object({ node: z.string(), electron: z.string().nullable() }),
  /** ssh2's native crypto binding; without it tunnels run at about 0.6x speed. */
  sshNativeCrypto: z.boolean(),
  /** Well-known SSH agent sockets (1Password, Secretive, the Windows pipe, Pageant) for the hop form. */
  agentPresets: z.array(z.object({ name: z.string(), socket: z.string() })),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const empty = z.object({}).strict();

export const filePurposes = ['privateKey', 'caCertificate', 'clientCertificate', 'clientKey', 'sqliteDatabase', 'sshConfig', 'profileBundle', 'csvFile', 'sqlFile'] as const;
export type FilePurpose = (typeof filePurposes)[number];
export const pickFileRequestSchema = z.object({ purpose: z.enum(filePurposes) }).strict();
export const pickFileResponseSchema = z.object({ path: z.string().nullable() });

export const channels = {
  'app.info': { request: empty, response: appInfoSchema },
  /** A native open-file dialog; the path goes back to the core in the next call, never the file's contents. */
  'dialogs.pickFile': { request: pickFileRequestSchema, response: pickFileResponseSchema },
  ...storeChannels,
  ...sessionChannels,
} as const;

export const menuCommands = ['newConnection', 'newTab', 'closeTab', 'run', 'runStatement', 'cancel', 'preferences', 'openTable', 'nextTab', 'previousTab', 'openSqlFile', 'saveSqlFile', 'saveSqlFileAs'] as const;
export type MenuCommand = (typeof menuCommands)[number];

export const events = {
  'app.onMenuCommand': z.object({ command: z.enum(menuCommands) }),
  ...sessionEvents,
  'app.onNotice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequest<C extends ChannelName> = z.output<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];
