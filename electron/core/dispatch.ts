import { channels, type ChannelName, type ParsedRequest, type Response } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { toErrorShape } from './errors';

export type Handlers = {
  [C in ChannelName]: (request: ParsedRequest<C>) => Promise<Response<C>> | Response<C>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

const isChannel = (name: string): name is ChannelName => Object.hasOwn(channels, name);

/**
 * The transport-independent half of the IPC boundary, shared by the Electron IPC guard and the
 * test host: unknown channels and malformed payloads become VALIDATION, handler failures become
 * coded, redacted errors, and nothing ever throws.
 */
const MAX_ISSUES = 50;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return fail('VALIDATION', `unknown channel: ${String(channel).slice(0, 80)}`);
    }
    const parsed = channels[channel].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(payload)';
      // Every issue, so a form can mark each field that is wrong (the message names the first).
      const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({ field: i.path.length > 0 ? i.path.join('.') : '(payload)', message: i.message }));
      return fail('VALIDATION', `${channel}: ${field}: ${issue?.message ?? 'invalid payload'}`, {
        field,
        issues,
      });
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      return ok(await handler(parsed.data));
    } catch (thrown) {
      return { ok: false, error: toErrorShape(thrown) };
    }
  };
}
