/**
 * The SQLite worker process, as plain JavaScript run with `node -e` (Electron's own binary with
 * ELECTRON_RUN_AS_NODE in the app). better-sqlite3 is synchronous and has no sqlite3_interrupt, and
 * a worker thread cannot be stopped inside one long native sqlite3_step, so each SQLite connection
 * lives in its own child process: the main process stays responsive while a query runs, and cancel
 * kills the child (the connection then reopens the file in a new one). Kept as a string so it runs
 * the same under vitest, tsx and the bundled app, with no script file to locate.
 *
 * Messages in: open { file, readOnly, modulePath }, run { statements: [{ text }], rowLimit, params },
 * query { sql, params }, inTransaction, and more / stop { batch }: the answer to each rows batch. Messages out:
 * opened { version }, columns, rows { batch, rows }, end, command, done,
 * queryResult, error { code, message }.
 */
export const sqliteWorkerSource = String.raw`
const parentPort = { postMessage: (message) => process.send(message) };
// The parent went away: nothing can read our answers, so leave.
process.on('disconnect', () => process.exit(0));
const BATCH_ROWS = 2000;
let db = null;

function open(message) {
  const Database = require(message.modulePath);
  db = new Database(message.file, { readonly: message.readOnly, fileMustExist: true });
  db.defaultSafeIntegers(true);
  // Touch the schema so a file that is not a database fails at open, not at the first query.
  db.pragma('schema_version');
  const version = db.prepare('SELECT sqlite_version()').pluck().get();
  parentPort.postMessage({ type: 'opened', version: String(version) });
}

async function run(message) {
  for (let index = 0; index < message.statements.length; index++) {
    try {
      await runStatement(message, index);
    } catch (error) {
      if (error && typeof error === 'object') error.statementIndex = index;
      throw error;
    }
  }
  parentPort.postMessage({ type: 'done' });
}

// The parent's answer to the latest rows batch: 'more' or 'stop'. Batches are numbered, so a late
// answer to a batch of a run that failed never counts for a later one.
let batchesSent = 0;
let awaited = null;
function parentAnswer(batch) {
  return new Promise((resolve) => {
    awaited = { batch, resolve };
  });
}

async function runStatement(message, index) {
    const statement = message.statements[index];
    const prepared = db.prepare(statement.text);
    const params = message.params || [];
    if (!prepared.reader) {
      const info = prepared.run(...params);
      parentPort.postMessage({ type: 'command', index, rowsAffected: Number(info.changes) });
      return;
    }
    prepared.raw(true);
    const columns = prepared.columns().map((c) => ({ name: c.name, type: c.type, database: c.database, table: c.table, column: c.column }));
    parentPort.postMessage({ type: 'columns', index, columns });
    const iterator = prepared.iterate(...params);
    let count = 0;
    let exhausted = false;
    let limited = false;
    const take = () => {
      const batch = [];
      while (!exhausted && batch.length < BATCH_ROWS) {
        const next = iterator.next();
        if (next.done) exhausted = true;
        else if (message.rowLimit !== null && count >= message.rowLimit) {
          limited = true;
          exhausted = true;
        } else {
          batch.push(next.value);
          count++;
        }
      }
      return batch;
    };
    try {
      // One batch in flight: the next waits for the parent's answer, so rows never pile up
      // in the parent (an export to a slow disk), and a full result store stops the read. The
      // next batch is read while the parent stores this one.
      let batch = take();
      while (batch.length > 0) {
        const answer = parentAnswer(++batchesSent);
        parentPort.postMessage({ type: 'rows', batch: batchesSent, rows: batch });
        batch = take();
        if ((await answer) === 'stop') break;
      }
    } finally {
      iterator.return();
    }
    parentPort.postMessage({ type: 'end', limited });
}

function query(message) {
  const prepared = db.prepare(message.sql);
  const rows = prepared.reader ? prepared.raw(true).all(...(message.params || [])) : (prepared.run(...(message.params || [])), []);
  parentPort.postMessage({ type: 'queryResult', rows });
}

async function handle(message) {
  if (message.type === 'open') open(message);
  else if (message.type === 'run') await run(message);
  else if (message.type === 'query') query(message);
  else if (message.type === 'inTransaction') parentPort.postMessage({ type: 'queryResult', rows: [[db.inTransaction]] });
  else if (message.type === 'close') {
    if (db) db.close();
    parentPort.postMessage({ type: 'closed' });
  }
}

// Requests run one at a time, in order; a batch's answer goes straight to the run waiting for it.
const queue = [];
let draining = false;
async function drain() {
  draining = true;
  while (queue.length > 0) {
    try {
      await handle(queue.shift());
    } catch (error) {
      const out = { type: 'error', code: error && error.code ? String(error.code) : 'ERROR', message: error && error.message ? String(error.message) : String(error) };
      if (error && typeof error.statementIndex === 'number') out.statementIndex = error.statementIndex;
      parentPort.postMessage(out);
    }
  }
  draining = false;
}

process.on('message', (message) => {
  if (message.type === 'more' || message.type === 'stop') {
    if (awaited && awaited.batch === message.batch) {
      const { resolve } = awaited;
      awaited = null;
      resolve(message.type);
    }
    return;
  }
  queue.push(message);
  if (!draining) void drain();
});
`;
