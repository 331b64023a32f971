import { z } from 'zod';
import { diagnosisSchema, sessionsDiagnoseRequestSchema } from '../diagnosis';
import { promptRequestSchema } from '../prompts';
import { serverKillRequestSchema, serverKillResultSchema, serverProcessesRequestSchema, serverProcessesSchema } from '../serverProcesses';
import {
  browsePageSchema,
  browseRequestSchema,
  countRequestSchema,
  countResultSchema,
  introspectRequestSchema,
  queryCancelRequestSchema,
  queryExportRequestSchema,
  queryExportResultSchema,
  queryReleaseRequestSchema,
  queryRowsRequestSchema,
  queryRunRequestSchema,
  queryStatusRequestSchema,
  rowsWindowSchema,
  runStatusSchema,
  schemaInfoSchema,
  tableEditRequestSchema,
  tableEditResultSchema,
  exportCancelRequestSchema,
  exportProgressSchema,
  queryExportAllRequestSchema,
  tableExportRequestSchema,
  importCancelRequestSchema,
  importPreviewRequestSchema,
  importPreviewSchema,
  importProgressSchema,
  tableImportRequestSchema,
  tableImportResultSchema,
} from '../query';
import {
  sessionDebugLogSchema,
  sessionInfoSchema,
  sessionStateEventSchema,
  sessionsCloseRequestSchema,
  sessionsCheckPasswordRequestSchema,
  sessionsCheckPasswordResultSchema,
  sessionsDebugLogRequestSchema,
  sessionsListRequestSchema,
  sessionsOpenRequestSchema,
} from '../sessions';

export const pendingPromptSchema = z.object({ id: z.string(), request: promptRequestSchema });
export const promptsAnswerRequestSchema = z.object({ id: z.string().min(1).max(64), answer: z.unknown() }).strict();

/**
 * Channels of live work: sessions (a profile made live), queries and schema over a session, and
 * the prompts that connecting asks. In query.run / schema.*, `connectionId` is the session id.
 */
export const sessionChannels = {
  'sessions.open': { request: sessionsOpenRequestSchema, response: sessionInfoSchema },
  'sessions.close': { request: sessionsCloseRequestSchema, response: z.object({ closed: z.boolean() }) },
  'sessions.list': { request: sessionsListRequestSchema, response: z.array(sessionInfoSchema) },
  'sessions.diagnose': { request: sessionsDiagnoseRequestSchema, response: diagnosisSchema },
  'sessions.debugLog': { request: sessionsDebugLogRequestSchema, response: sessionDebugLogSchema },
  'sessions.checkPassword': { request: sessionsCheckPasswordRequestSchema, response: sessionsCheckPasswordResultSchema },
  'query.run': { request: queryRunRequestSchema, response: runStatusSchema },
  'query.status': { request: queryStatusRequestSchema, response: runStatusSchema },
  'query.rows': { request: queryRowsRequestSchema, response: rowsWindowSchema },
  'query.cancel': { request: queryCancelRequestSchema, response: runStatusSchema },
  'query.release': { request: queryReleaseRequestSchema, response: z.object({ released: z.number().int() }) },
  'query.export': { request: queryExportRequestSchema, response: queryExportResultSchema },
  'query.exportAll': { request: queryExportAllRequestSchema, response: queryExportResultSchema },
  'query.cancelExport': { request: exportCancelRequestSchema, response: z.object({ cancelled: z.boolean() }) },
  'schema.introspect': { request: introspectRequestSchema, response: schemaInfoSchema },
  'schema.browse': { request: browseRequestSchema, response: browsePageSchema },
  'schema.count': { request: countRequestSchema, response: countResultSchema },
  'schema.edit': { request: tableEditRequestSchema, response: tableEditResultSchema },
  'schema.export': { request: tableExportRequestSchema, response: queryExportResultSchema },
  'schema.previewImport': { request: importPreviewRequestSchema, response: importPreviewSchema },
  'schema.import': { request: tableImportRequestSchema, response: tableImportResultSchema },
  /** The server's client sessions (its activity), seen from a connection of the session's own. */
  'server.processes': { request: serverProcessesRequestSchema, response: serverProcessesSchema },
  'server.kill': { request: serverKillRequestSchema, response: serverKillResultSchema },
  'schema.cancelImport': { request: importCancelRequestSchema, response: z.object({ cancelled: z.boolean() }) },
  'prompts.answer': { request: promptsAnswerRequestSchema, response: z.object({}) },
  'prompts.list': { request: z.object({}).strict(), response: z.array(pendingPromptSchema) },
} as const;

export const sessionEvents = {
  'sessions.onState': sessionStateEventSchema,
  'prompts.onRequest': pendingPromptSchema,
  'prompts.onCancel': z.object({ id: z.string() }),
  'query.onProgress': runStatusSchema,
  'query.onExportProgress': exportProgressSchema,
  'schema.onImportProgress': importProgressSchema,
} as const;
