import type { AuthenticationType, AuthHandlerMiddleware, KeyboardInteractiveCallback, NextAuthHandler, Prompt } from 'ssh2';
import { BurrowError } from '../../../shared/errors';
import type { HopLabel } from '../../../shared/prompts';
import type { Hop, HopAuth } from '../../../shared/route';
import { defaultAgentSocket, openAgent } from './agents';
import type { PausableDeadline } from './deadline';
import type { SessionMemory } from './sessionMemory';
import { tunnelError } from './tunnelError';
import type { CredentialSource, PromptBroker } from './types';

export interface AuthContext {
  hop: Hop;
  label: HopLabel;
  credentials: CredentialSource;
  prompts: PromptBroker;
  deadline: PausableDeadline;
  memory: SessionMemory;
  /** Ends the connection attempt because the user cancelled a prompt. */
  cancel(): void;
}

export interface AuthReport {
  tried: string[];
  /** What the server said it accepts, from its last USERAUTH_FAILURE. */
  allowed: string[] | null;
  cancelled: boolean;
  /** A failure of ours rather than the server's (a locked key, no agent), shown to the user. */
  notes: string[];
  /** An error that should win over "authentication failed" (e.g. a wrong key passphrase). */
  fatal: BurrowError | null;
}

const wireName = (auth: HopAuth): string => (auth.type === 'agent' ? 'publickey' : auth.type);
const MAX_PASSPHRASE_TRIES = 3;

/**
 * Builds ssh2's authHandler for one hop: the configured methods in order, each skipped when the
 * server no longer allows it, continuing after partial success (publickey then
 * keyboard-interactive), and asking the user only for what is not stored.
 */
export function createAuthHandler(ctx: AuthContext): { handler: AuthHandlerMiddleware; report: AuthReport } {
  const report: AuthReport = { tried: [], allowed: null, cancelled: false, notes: [], fatal: null };
  let next = 0;
  let kbdRound = 0;
  const username = ctx.hop.username;

  const handler = (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, callback: NextAuthHandler): void => {
    if (methodsLeft) report.allowed = [...methodsLeft];
    void (async () => {
      while (next < ctx.hop.auth.length && !report.cancelled && !report.fatal) {
        const method = ctx.hop.auth[next++]!;
        if (methodsLeft && method.type !== 'none' && !methodsLeft.includes(wireName(method) as AuthenticationType)) continue;
        const attempt = await prepare(method);
        if (attempt) {
          report.tried.push(describe(method));
          callback(attempt as Parameters<NextAuthHandler>[0]);
          return;
        }
      }
      (callback as (value: unknown) => void)(false);
    })().catch((error: unknown) => {
      report.fatal = error instanceof BurrowError ? error : new BurrowError('INTERNAL', String(error));
      (callback as (value: unknown) => void)(false);
    });
  };

  const askUser = <T>(work: () => Promise<T>): Promise<T> => ctx.deadline.whilePaused(work);

  const prepare = async (method: HopAuth): Promise<object | null> => {
    switch (method.type) {
      case 'none':
        return { type: 'none', username };
      case 'password': {
        let password = ctx.memory.password(ctx.hop.id);
        if (password === null && method.policy === 'keychain') password = await ctx.credentials.hopPassword(ctx.hop);
        if (password === null) {
          password = await askUser(() => ctx.prompts.ask({ kind: 'password', hop: ctx.label, username }));
          if (password === null) return cancelled();
        }
        ctx.memory.rememberPassword(ctx.hop.id, password);
        return { type: 'password', username, password };
      }
      case 'publickey': {
        const key = await unlockKey(method.keyId);
        return key ? { type: 'publickey', username, key: key.privateKey, ...(key.passphrase ? { passphrase: key.passphrase } : {}) } : null;
      }
      case 'agent': {
        const socket = method.socket ?? defaultAgentSocket();
        if (!socket) {
          report.notes.push('no SSH agent: SSH_AUTH_SOCK is not set and no agent socket is configured');
          return null;
        }
        const only = method.keyId ? await ctx.credentials.publicKey(method.keyId).catch(explainMissingKey) : null;
        return { type: 'agent', username, agent: openAgent(socket, only) };
      }
      case 'keyboard-interactive':
        return { type: 'keyboard-interactive', username, prompt: keyboardInteractive };
    }
  };

  const keyboardInteractive = (
    name: string,
    instructions: string,
    _lang: string,
    prompts: Prompt[],
    finish: KeyboardInteractiveCallback,
  ): void => {
    kbdRound += 1;
    const request = {
      kind: 'keyboardInteractive' as const,
      hop: ctx.label,
      round: kbdRound,
      name,
      instructions,
      prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
    };
    void askUser(() => ctx.prompts.ask(request)).then((answers) => {
      if (answers === null) {
        cancelled();
        ctx.cancel();
        return;
      }
      finish(answers);
    });
  };

  const unlockKey = async (keyId: string) => {
    let passphrase = ctx.memory.passphrase(keyId) ?? undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const key = await ctx.credentials.privateKey(keyId, passphrase).catch(explainMissingKey);
        if (passphrase !== undefined) ctx.memory.rememberPassphrase(keyId, passphrase);
        return key;
      } catch (error) {
        if (!(error instanceof BurrowError)) throw error;
        if (error.code === 'KEY_PASSPHRASE_WRONG' && attempt >= MAX_PASSPHRASE_TRIES) {
          report.fatal = error;
          return null;
        }
        if (error.code !== 'KEY_PASSPHRASE_REQUIRED' && error.code !== 'KEY_PASSPHRASE_WRONG') throw error;
        const answer = await askUser(() => ctx.prompts.ask({ kind: 'passphrase', hop: ctx.label, keyId }));
        if (answer === null) {
          cancelled();
          return null;
        }
        passphrase = answer;
      }
    }
  };

  /** A hop naming a key that was deleted from Burrow's keys: say which hop, and what to do. */
  const explainMissingKey = (error: unknown): never => {
    if (error instanceof BurrowError && error.code === 'NOT_FOUND') {
      throw tunnelError('NOT_FOUND', 'auth', ctx.label,
        `the SSH key this hop uses is no longer in Burrow's keys (${error.message}); edit the connection and choose another key, or import the key again`,
        { keyMissing: true });
    }
    throw error;
  };

  const cancelled = (): null => {
    report.cancelled = true;
    return null;
  };

  return { handler: handler as AuthHandlerMiddleware, report };
}

function describe(method: HopAuth): string {
  return method.type === 'agent' ? 'publickey (agent)' : method.type;
}
