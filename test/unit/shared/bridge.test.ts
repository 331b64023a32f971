import { describe, expect, it } from 'vitest';
import { buildApi } from '../../../shared/bridge';
import { channelNames, eventNames } from '../../../shared/contract';

describe('buildApi', () => {
  it('exposes exactly the contract: one function per channel and event, grouped by domain', () => {
    const api = buildApi(channelNames, eventNames, async () => null, () => () => {});
    const exposed = Object.entries(api).flatMap(([domain, members]) =>
      Object.keys(members as object).map((action) => `${domain}.${action}`),
    );
    expect(exposed.sort()).toEqual([...channelNames, ...eventNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });

  it('sends calls through invoke with the payload, defaulting to {}', async () => {
    const calls: [string, unknown][] = [];
    const api = buildApi(['app.info'], [], async (channel, payload) => {
      calls.push([channel, payload]);
      return { ok: true, value: 'x' };
    }, () => () => {});
    await api.app.info({});
    await (api.app.info as unknown as () => Promise<unknown>)();
    expect(calls).toEqual([['app.info', {}], ['app.info', {}]]);
  });

  it('hands listeners the payload only and returns the unsubscribe', () => {
    const seen: unknown[] = [];
    let emit: ((payload: unknown) => void) | undefined;
    let unsubscribed = false;
    const api = buildApi([], ['app.onNotice'], async () => null, (_event, listener) => {
      emit = listener;
      return () => {
        unsubscribed = true;
      };
    });
    const off = api.app.onNotice((payload) => seen.push(payload));
    emit?.({ level: 'info', message: 'hi' });
    off();
    expect(seen).toEqual([{ level: 'info', message: 'hi' }]);
    expect(unsubscribed).toBe(true);
    expect(() => (api.app.onNotice as unknown as (x: unknown) => void)('not a function')).toThrow(TypeError);
  });
});
