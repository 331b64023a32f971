import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, utils, type Connection } from 'ssh2';
import { sha256Fingerprint } from '../../../electron/core/ssh/fingerprint';
import { MemoryKnownHosts } from '../../../electron/core/ssh/hostKeys';
import { makeTempDir, generateKey, type GeneratedKey, type TempDir } from '../../env';
import { expectCode, makeTunnel, route, ScriptedPrompts, TestCredentials } from './harness';

// OpenSSH's PAM stack here asks one question; a PrivX-style bastion asks several rounds (password,
// then an OTP, then a confirmation) after a public key. ssh2's Server plays that bastion.
describe('tunnel engine: multi-round keyboard-interactive after publickey', () => {
  let dir: TempDir;
  let key: GeneratedKey;
  let server: Server;
  let port: number;
  let hostKeyBlob: Buffer;
  const credentials = new TestCredentials();
  const seenUsernames: string[] = [];
  const rounds = [
    { name: 'PrivX', instructions: 'Step 1 of 3', prompts: [{ prompt: 'Password: ', echo: false }], expect: ['pw'] },
    { name: 'PrivX', instructions: 'Step 2 of 3', prompts: [{ prompt: 'OTP: ', echo: true }], expect: ['123456'] },
    { name: 'PrivX', instructions: 'Step 3 of 3', prompts: [{ prompt: 'Target: ', echo: true }, { prompt: 'Reason: ', echo: true }], expect: ['db', 'maint'] },
  ];

  beforeAll(async () => {
    dir = makeTempDir('ssh-mfa');
    key = await generateKey(dir.path, 'id_ed25519');
    credentials.keys.set('k', key);
    const hostKey = (await generateKey(dir.path, 'host_ed25519')).privateKey;
    const parsed = utils.parseKey(hostKey);
    if (parsed instanceof Error) throw parsed;
    hostKeyBlob = (Array.isArray(parsed) ? parsed[0] : parsed).getPublicSSH();
    const clientKey = utils.parseKey(key.publicKey);
    if (clientKey instanceof Error) throw clientKey;
    const allowedKey = Array.isArray(clientKey) ? clientKey[0] : clientKey;

    server = new Server({ hostKeys: [hostKey] }, (connection: Connection) => {
      let publicKeyDone = false;
      let round = 0;
      connection.on('authentication', (ctx) => {
        seenUsernames.push(ctx.username);
        if (ctx.method === 'publickey' && ctx.key.data.equals(allowedKey.getPublicSSH())) {
          if (!ctx.signature) return ctx.accept();
          publicKeyDone = true;
          return ctx.reject(['keyboard-interactive'], true);
        }
        if (ctx.method === 'keyboard-interactive' && publicKeyDone) {
          const ask = (): void => {
            const current = rounds[round];
            if (!current) return ctx.accept();
            ctx.prompt(current.prompts, current.name, current.instructions, (answers) => {
              if (JSON.stringify(answers) !== JSON.stringify(current.expect)) return ctx.reject();
              round += 1;
              ask();
            });
          };
          return ask();
        }
        ctx.reject(publicKeyDone ? ['keyboard-interactive'] : ['publickey']);
      });
      connection.on('ready', () => {
        connection.on('tcpip', (accept) => accept().end('hello from the target\n'));
      });
      connection.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    dir?.remove();
  });

  const hop = (username: string) => ({ id: 'privx', host: '127.0.0.1', port, username, auth: [{ type: 'publickey' as const, keyId: 'k' }, { type: 'keyboard-interactive' as const }] });

  const trusted = async (): Promise<MemoryKnownHosts> => {
    const knownHosts = new MemoryKnownHosts();
    await knownHosts.remember({ host: '127.0.0.1', port, keyType: 'ssh-ed25519', key: hostKeyBlob });
    return knownHosts;
  };

  it('relays every round with its name, instructions, prompts and echo flags, and gets through', async () => {
    const username = 'alice%privx.example.com%dbuser@10.1.2.3';
    const prompts = new ScriptedPrompts({ keyboardInteractive: (request) => rounds[request.round - 1]!.expect });
    const rig = await makeTunnel(route([hop(username)]), credentials, { knownHosts: await trusted(), prompts });
    await rig.tunnel.connect();
    const stream = await rig.tunnel.openStream('10.1.2.3', 5432);
    const text = await new Promise<string>((resolve) => {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => resolve(data));
    });
    await rig.tunnel.close();
    expect(text).toBe('hello from the target\n');
    expect(prompts.asked).toEqual(rounds.map((r, i) => ({
      kind: 'keyboardInteractive', hop: { index: 1, count: 1, host: '127.0.0.1', port }, round: i + 1,
      name: r.name, instructions: r.instructions, prompts: r.prompts,
    })));
    expect(new Set(seenUsernames)).toEqual(new Set([username]));
  });

  it('a wrong answer in round 2 fails authentication, naming the methods', async () => {
    const prompts = new ScriptedPrompts({ keyboardInteractive: (request) => (request.round === 2 ? ['000000'] : rounds[request.round - 1]!.expect) });
    const rig = await makeTunnel(route([hop('bob')]), credentials, { knownHosts: await trusted(), prompts });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain('tried publickey, keyboard-interactive');
    expect(sha256Fingerprint(hostKeyBlob)).toMatch(/^SHA256:/);
  });
});
