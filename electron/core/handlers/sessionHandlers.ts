import type { ExportProgress, FileFormat, ImportProgress, QueryExportResult } from '../../../shared/query';
import { fileStamp } from '../db/export/fileStamp';
import type { Handlers } from '../dispatch';
import type { QueryService } from '../db/queryService';
import type { HistoryStore } from '../store/history/historyStore';
import type { PromptHub } from '../prompts/promptHub';
import type { ProfileTester } from '../sessions/profileTester';
import type { SessionManager } from '../sessions/sessionManager';

type SessionChannel = Extract<keyof Handlers, `${'sessions' | 'query' | 'schema' | 'server' | 'prompts'}.${string}`>;

/**
 * Live work: requests naming a session are pointed at the connection currently behind it.
 * `pickSavePath` is the host's save dialog (an export's target is never named by the renderer).
 * Every run's SQL goes to the profile's history.
 */
export function sessionHandlers(
  sessions: SessionManager,
  tester: ProfileTester,
  queries: QueryService,
  prompts: PromptHub,
  pickSavePath: (suggestedName: string, format: FileFormat, title?: string) => Promise<string | null>,
  history: HistoryStore,
  exportProgress: (progress: ExportProgress) => void,
  importProgress: (progress: ImportProgress) => void,
): Pick<Handlers, SessionChannel> {
  /**
   * An export of a whole table or query: the user picks the file first (null: they cancelled),
   * then it runs on a database connection of its own, so the session's queries go on meanwhile.
   */
  const exportOnSideConnection = async (
    sessionId: string,
    suggestedName: string,
    format: FileFormat,
    title: string,
    work: (connectionId: string, file: string) => Promise<QueryExportResult>,
  ): Promise<QueryExportResult> => {
    await sessions.connectionFor(sessionId);
    const file = await pickSavePath(suggestedName, format, title);
    if (!file) return { path: null, rows: 0, bytes: 0 };
    const side = await sessions.openSideConnection(sessionId);
    try {
      return await work(side, file);
    } finally {
      await queries.close({ connectionId: side }).catch(() => {});
    }
  };
  return {
    'sessions.open': (request) => sessions.open(request),
    'sessions.diagnose': (request) => tester.diagnose(request),
    'sessions.debugLog': (request) => sessions.debugLog(request),
    'sessions.checkPassword': (request) => sessions.checkPassword(request),
    'sessions.close': (request) => sessions.close(request),
    'sessions.list': () => sessions.list(),
    'query.run': async (request) => {
      const started = queries.run({ ...request, connectionId: await sessions.connectionFor(request.connectionId) });
      const profileId = sessions.profileOf(request.connectionId);
      // History is a convenience: a write that fails (a damaged file) never fails the run.
      if (profileId) void history.record(profileId, request.sql).catch(() => {});
      return { ...started, connectionId: request.connectionId };
    },
    'query.status': (request) => queries.status(request),
    'query.rows': (request) => queries.rows(request),
    'query.cancel': (request) => queries.cancel(request),
    'query.release': (request) => queries.release(request),
    'query.export': (request) => queries.exportResult(request, pickSavePath),
    'schema.introspect': async (request) => queries.introspect({ ...request, connectionId: await sessions.connectionFor(request.connectionId) }),
    'schema.browse': async (request) => queries.browse({ ...request, connectionId: await sessions.connectionFor(request.connectionId) }),
    'schema.count': async (request) => queries.count({ ...request, connectionId: await sessions.connectionFor(request.connectionId) }),
    'schema.edit': async (request) => queries.edit({ ...request, connectionId: await sessions.connectionFor(request.connectionId) }),
    'schema.export': (request) => {
      const label = request.table.schema ? `${request.table.schema}.${request.table.name}` : request.table.name;
      return exportOnSideConnection(request.connectionId, `${request.table.name}.${request.format}`, request.format, `Export ${label} as ${request.format.toUpperCase()}`,
        (connectionId, file) => queries.exportTable({ ...request, connectionId }, file, exportProgress));
    },
    'query.exportAll': (request) =>
      exportOnSideConnection(request.connectionId, `result-${fileStamp()}.${request.format}`, request.format, `Export every row of the query as ${request.format.toUpperCase()}`,
        (connectionId, file) => queries.exportQuery({ ...request, connectionId }, file, exportProgress)),
    'query.cancelExport': (request) => queries.cancelExport(request),
    'server.processes': async ({ connectionId }) => {
      const own = queries.serverProcessId(await sessions.connectionFor(connectionId));
      return queries.processes(await sessions.adminConnectionFor(connectionId), own);
    },
    'server.kill': async ({ connectionId, processId, scope }) => queries.killProcess(await sessions.adminConnectionFor(connectionId), processId, scope),
    'schema.previewImport': async (request) => queries.previewImport({ ...request, connectionId: await sessions.connectionFor(request.connectionId) }),
    'schema.import': async (request) => {
      const side = await sessions.openSideConnection(request.connectionId);
      try {
        return await queries.importTable({ ...request, connectionId: side }, importProgress);
      } finally {
        await queries.close({ connectionId: side }).catch(() => {});
      }
    },
    'schema.cancelImport': (request) => queries.cancelImport(request),
    'prompts.answer': ({ id, answer }) => {
      prompts.answer(id, answer);
      return {};
    },
    'prompts.list': () => prompts.list(),
  };
}
