import type { ChannelName, EventName, EventPayload, Request, Response } from './contract';
import type { Result } from './errors';

type Domain<N extends string> = N extends `${infer D}.${string}` ? D : never;
type Action<N extends string, D extends string> = N extends `${D}.${infer A}` ? A : never;

type CallsOf<D extends string> = {
  [A in Action<ChannelName, D>]: `${D}.${A}` extends infer C extends ChannelName
    ? (payload: Request<C>) => Promise<Result<Response<C>>>
    : never;
};
type EventsOf<D extends string> = {
  [A in Action<EventName, D>]: `${D}.${A}` extends infer E extends EventName
    ? (listener: (payload: EventPayload<E>) => void) => () => void
    : never;
};

/** `window.burrow`: one object per domain, holding its calls and its event subscriptions. */
export type BurrowApi = {
  [D in Domain<ChannelName> | Domain<EventName>]: CallsOf<D> & EventsOf<D>;
};

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.burrow` from the channel and event lists. It is self-contained on purpose (no
 * imports used at run time): the test host serialises it into its shim, so the preload and the
 * shim run this very function.
 */
export function buildApi(
  channelList: readonly string[],
  eventList: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe,
): BurrowApi {
  const api: Record<string, Record<string, unknown>> = {};
  const slot = (name: string): [Record<string, unknown>, string] => {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    api[domain] ??= {};
    return [api[domain], name.slice(dot + 1)];
  };
  for (const channel of channelList) {
    const [domain, action] = slot(channel);
    domain[action] = (payload: unknown) => invoke(channel, payload === undefined ? {} : payload);
  }
  for (const event of eventList) {
    const [domain, action] = slot(event);
    domain[action] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${event}: listener must be a function`);
      return subscribe(event, (payload) => listener(payload));
    };
  }
  for (const domain of Object.values(api)) Object.freeze(domain);
  return Object.freeze(api) as unknown as BurrowApi;
}
