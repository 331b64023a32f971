import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the worker sends back: the decrypted key as PEM, or ssh2's reason it could not. */
export type OpenSshDecryptAnswer =
  | { ok: true; pem: string; comment: string }
  | { ok: false; message: string; /** The worker could not run at all (not a verdict on the key). */ unavailable?: true };

const keyParserPath = (): string => createRequire(import.meta.url).resolve('ssh2/lib/protocol/keyParser.js');

/**
 * The worker, as plain JavaScript run with `eval` (the same under vitest, tsx and the bundled app,
 * with no script file to locate). It loads only ssh2's key parser.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
function decrypt() {
  let parseKey;
  try {
    parseKey = require(workerData.keyParserPath).parseKey;
  } catch (error) {
    return { ok: false, unavailable: true, message: String(error && error.message) };
  }
  try {
    const parsed = parseKey(workerData.block, workerData.passphrase);
    if (parsed instanceof Error) return { ok: false, message: parsed.message };
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    const pem = key && key.getPrivatePEM();
    return pem ? { ok: true, pem, comment: key.comment || '' } : { ok: false, message: 'it has no private part' };
  } catch (error) {
    return { ok: false, message: error && error.message ? error.message : String(error) };
  }
}
parentPort.postMessage(decrypt());
`;

/**
 * Decrypts an OpenSSH private key off the main thread. Its bcrypt KDF is pure JavaScript and takes
 * about 23 ms a round on a 2-core test machine (ssh-keygen's default is 16 rounds, and `-a 100` is
 * common advice): on the main thread that froze every open tunnel, query and IPC call for as long.
 */
export function decryptOpenSshInWorker(block: string, passphrase: string, parserPath = keyParserPath()): Promise<OpenSshDecryptAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { keyParserPath: parserPath, block, passphrase } });
    let settled = false;
    const settle = (answer: OpenSshDecryptAnswer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
      void worker.terminate();
    };
    worker.once('message', (answer: OpenSshDecryptAnswer) => settle(answer));
    worker.once('error', (error) => settle({ ok: false, unavailable: true, message: error.message }));
    worker.once('exit', (code) => settle({ ok: false, unavailable: true, message: `the key worker stopped (exit code ${code})` }));
  });
}
