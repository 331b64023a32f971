import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames, type MenuCommand } from '../../shared/contract';
import { createCore, type Core, type PlatformAdapter } from '../../electron/core/createCore';
import type { Keychain } from '../../electron/core/store/vault/keychain';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

/**
 * Test-only host, never shipped: serves the built renderer and bridges the contract to a real
 * core over a WebSocket. It binds 127.0.0.1 only and answers nothing without its random token,
 * which the first page load exchanges for an HttpOnly cookie.
 */
export interface TestHost {
  url: string;
  origin: string;
  token: string;
  core: Core;
  /** What main sends when a menu item (or its accelerator) is chosen. */
  menuCommand(command: MenuCommand): void;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COOKIE = 'burrow-test-host';
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

let shimSource: Promise<string> | undefined;

async function bundleShim(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(repoRoot, 'test/host/shim.ts'), formats: ['iife'], name: 'burrowTestShim' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if ('output' in result) {
      const chunk = result.output.find((item) => item.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('test host: the shim bundle produced no chunk');
}

export async function startTestHost(options: {
  dataDir: string;
  rendererDir?: string;
  platform?: PlatformAdapter;
  keychain?: Keychain;
}): Promise<TestHost> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(repoRoot, 'out/renderer'));
  const indexHtml = await readFile(path.join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`test host: ${rendererDir}/index.html is missing; run "npm run build" first`);
  });
  shimSource ??= bundleShim();
  const shim = await shimSource;
  const token = randomBytes(24).toString('base64url');
  const core = createCore({
    dataDir: options.dataDir,
    appVersion: '0.0.0-test',
    runtime: 'test-host',
    electronVersion: null,
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.keychain ? { keychain: options.keychain } : {}),
    sampleDatabase: path.join(repoRoot, 'resources/sample/burrow-sample.sqlite'),
  });
  await core.init();
  const page = indexHtml.replace('<head>', '<head>\n    <script src="/__burrow/shim.js"></script>');

  const tokenMatches = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const cookieToken = (header: string | undefined): string | undefined =>
    header?.split(';').map((part) => part.trim().split('=')).find(([name]) => name === COOKIE)?.[1];

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://host.invalid');
      const fromQuery = url.searchParams.get('token') ?? undefined;
      const headers: Record<string, string> = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' };
      if (tokenMatches(fromQuery)) {
        headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      } else if (!tokenMatches(cookieToken(request.headers.cookie))) {
        response.writeHead(403).end('forbidden');
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        response.writeHead(200, { ...headers, 'Content-Type': mimeTypes['.html']! }).end(page);
        return;
      }
      if (url.pathname === '/__burrow/shim.js') {
        response.writeHead(200, { ...headers, 'Content-Type': mimeTypes['.js']! }).end(shim);
        return;
      }
      const file = path.resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(rendererDir + path.sep)) {
        response.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, { ...headers, 'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });

  const sockets = new WebSocketServer({ noServer: true });
  let origin = '';
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    if (url.pathname !== '/__burrow/bridge' || request.headers.origin !== origin || !tokenMatches(cookieToken(request.headers.cookie))) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('test host: no address');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    core,
    menuCommand(command) {
      for (const client of sockets.clients) client.send(JSON.stringify({ event: 'app.onMenuCommand', payload: { command } }));
    },
    async stop() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await core.close();
    },
  };
}

function bridge(ws: WebSocket, core: Core): void {
  const unsubscribes = eventNames.map((event) =>
    core.onEvent(event, (payload) => ws.send(JSON.stringify({ event, payload }))),
  );
  ws.on('message', (raw) => {
    void (async () => {
      let message: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(raw)) as typeof message;
      } catch {
        return;
      }
      if (typeof message.id !== 'number') return;
      const result = await core.dispatch(String(message.channel), message.payload);
      ws.send(JSON.stringify({ id: message.id, result }));
    })();
  });
  ws.on('close', () => unsubscribes.forEach((unsubscribe) => unsubscribe()));
}
