import { z } from 'zod';
import {
  bundleImportResultSchema,
  bundlePreviewSchema,
  importsExportBundleRequestSchema,
  importsImportBundleRequestSchema,
  importsOpenBundleFileRequestSchema,
  importsSaveBundleFileRequestSchema,
  bundleFileOpenedSchema,
  bundleFileSavedSchema,
  importsParseUrlRequestSchema,
  importsPreviewBundleRequestSchema,
  importsProfileUrlRequestSchema,
  importsSaveUrlRequestSchema,
  importsSshConfigRequestSchema,
  parsedUrlSchema,
  sshConfigImportResultSchema,
} from '../imports';
import {
  keyInfoSchema,
  keyInspectionSchema,
  keysDeleteRequestSchema,
  keysGenerateRequestSchema,
  keysImportRequestSchema,
  keysInspectRequestSchema,
  keysListRequestSchema,
  keysPublicKeyRequestSchema,
  keysRenameRequestSchema,
  keysSetPassphraseMemoryRequestSchema,
  publicKeyLineSchema,
} from '../keys';
import {
  knownHostSchema,
  knownHostsAddRequestSchema,
  knownHostsExportRequestSchema,
  knownHostsExportResultSchema,
  knownHostsForgetRequestSchema,
  knownHostsListRequestSchema,
} from '../knownHosts';
import {
  profileSaveResultSchema,
  profileSchema,
  profilesDeleteRequestSchema,
  profilesDuplicateRequestSchema,
  profilesGetRequestSchema,
  profilesListRequestSchema,
  profilesMoveRequestSchema,
  profilesRecoverRequestSchema,
  profilesRegroupRequestSchema,
  profilesSaveRequestSchema,
  storeNoticeSchema,
} from '../profile';
import { historyClearRequestSchema, historyEntrySchema, historyListRequestSchema } from '../history';
import { savedTabSchema, tabsGetRequestSchema, tabsSaveRequestSchema } from '../savedTabs';
import { savedQueriesDeleteRequestSchema, savedQueriesListRequestSchema, savedQueriesSaveRequestSchema, savedQuerySchema } from '../savedQueries';
import { sqlFileOpenedSchema, sqlFileOpenRequestSchema, sqlFileSavedSchema, sqlFileSaveRequestSchema } from '../sqlFiles';
import { vaultResetRequestSchema, vaultResetResultSchema, vaultStatusRequestSchema, vaultStatusSchema } from '../vault';

const profiles = z.array(profileSchema);
const profileRef = z.object({ id: z.string(), name: z.string() });

/** Channels of what Burrow remembers: profiles, the vault, keys, known hosts, query history, kept query tabs, saved queries, imports. */
export const storeChannels = {
  'profiles.list': { request: profilesListRequestSchema, response: profiles },
  'profiles.get': { request: profilesGetRequestSchema, response: profileSchema },
  'profiles.save': { request: profilesSaveRequestSchema, response: profileSaveResultSchema },
  'profiles.duplicate': { request: profilesDuplicateRequestSchema, response: profileSaveResultSchema },
  'profiles.delete': { request: profilesDeleteRequestSchema, response: z.object({ id: z.string(), notices: z.array(storeNoticeSchema) }) },
  'profiles.move': { request: profilesMoveRequestSchema, response: profiles },
  'profiles.regroup': { request: profilesRegroupRequestSchema, response: profiles },
  'profiles.recover': { request: profilesRecoverRequestSchema, response: profiles },
  'vault.status': { request: vaultStatusRequestSchema, response: vaultStatusSchema },
  'vault.reset': { request: vaultResetRequestSchema, response: vaultResetResultSchema },
  'keys.list': { request: keysListRequestSchema, response: z.array(keyInfoSchema) },
  'keys.inspect': { request: keysInspectRequestSchema, response: keyInspectionSchema },
  'keys.import': { request: keysImportRequestSchema, response: keyInfoSchema },
  'keys.generate': { request: keysGenerateRequestSchema, response: keyInfoSchema },
  'keys.rename': { request: keysRenameRequestSchema, response: keyInfoSchema },
  'keys.publicKey': { request: keysPublicKeyRequestSchema, response: publicKeyLineSchema },
  'keys.delete': { request: keysDeleteRequestSchema, response: z.object({ id: z.string(), unlinkedFrom: z.array(profileRef) }) },
  'keys.setPassphraseMemory': { request: keysSetPassphraseMemoryRequestSchema, response: keyInfoSchema },
  'knownHosts.list': { request: knownHostsListRequestSchema, response: z.array(knownHostSchema) },
  'knownHosts.add': { request: knownHostsAddRequestSchema, response: knownHostSchema },
  'knownHosts.forget': { request: knownHostsForgetRequestSchema, response: z.object({ removed: z.number().int() }) },
  'knownHosts.export': { request: knownHostsExportRequestSchema, response: knownHostsExportResultSchema },
  'history.list': { request: historyListRequestSchema, response: z.array(historyEntrySchema) },
  'history.clear': { request: historyClearRequestSchema, response: z.object({ removed: z.number().int() }) },
  'tabs.get': { request: tabsGetRequestSchema, response: z.array(savedTabSchema) },
  'tabs.save': { request: tabsSaveRequestSchema, response: z.object({ kept: z.number().int() }) },
  'savedQueries.list': { request: savedQueriesListRequestSchema, response: z.array(savedQuerySchema) },
  'savedQueries.save': { request: savedQueriesSaveRequestSchema, response: savedQuerySchema },
  'savedQueries.delete': { request: savedQueriesDeleteRequestSchema, response: z.object({ id: z.string() }) },
  'imports.parseUrl': { request: importsParseUrlRequestSchema, response: parsedUrlSchema },
  'imports.saveUrl': { request: importsSaveUrlRequestSchema, response: profileSaveResultSchema },
  'imports.profileUrl': { request: importsProfileUrlRequestSchema, response: z.object({ url: z.string() }) },
  'imports.sshConfig': { request: importsSshConfigRequestSchema, response: sshConfigImportResultSchema },
  'imports.exportBundle': { request: importsExportBundleRequestSchema, response: z.object({ json: z.string(), count: z.number().int() }) },
  'imports.previewBundle': { request: importsPreviewBundleRequestSchema, response: bundlePreviewSchema },
  'imports.importBundle': { request: importsImportBundleRequestSchema, response: bundleImportResultSchema },
  'imports.saveBundleFile': { request: importsSaveBundleFileRequestSchema, response: bundleFileSavedSchema },
  'imports.openBundleFile': { request: importsOpenBundleFileRequestSchema, response: bundleFileOpenedSchema },
  'files.openSql': { request: sqlFileOpenRequestSchema, response: sqlFileOpenedSchema },
  'files.saveSql': { request: sqlFileSaveRequestSchema, response: sqlFileSavedSchema },
} as const;
