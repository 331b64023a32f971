import path from 'node:path';
import type { PlatformAdapter } from '../createCore';
import type { Handlers } from '../dispatch';
import { readSqlFile, writeSqlFile } from '../files/sqlFile';

/**
 * SQL files for query tabs. The host's dialogs choose every path: a file the user opened or saved
 * through one is remembered for this run, so Save writes it again without asking; any other path
 * the renderer names is treated as Save As, so a renderer cannot overwrite a file of its choosing.
 */
export function sqlFileHandlers(platform: PlatformAdapter): Pick<Handlers, 'files.openSql' | 'files.saveSql'> {
  const chosen = new Set<string>();
  return {
    'files.openSql': async () => {
      const file = await platform.pickFile('sqlFile');
      if (file === null) return { path: null, name: null, text: null };
      const text = await readSqlFile(file);
      chosen.add(file);
      return { path: file, name: path.basename(file), text };
    },
    'files.saveSql': async (request) => {
      const known = !request.saveAs && request.path !== undefined && chosen.has(request.path);
      const file = known ? request.path! : await platform.pickSavePath(request.suggestedName, 'sql', 'Save the query as a SQL file');
      if (file === null) return { path: null, name: null };
      await writeSqlFile(file, request.text);
      chosen.add(file);
      return { path: file, name: path.basename(file) };
    },
  };
}
