import { BrowserWindow, dialog, type FileFilter } from 'electron';
import type { FilePurpose } from '../../shared/contract';
import type { FileFormat } from '../../shared/query';

const dialogs: Record<FilePurpose, { title: string; filters: FileFilter[] }> = {
  privateKey: { title: 'Import an SSH private key', filters: [{ name: 'All files', extensions: ['*'] }, { name: 'PuTTY keys', extensions: ['ppk'] }, { name: 'PEM keys', extensions: ['pem', 'key'] }] },
  caCertificate: { title: 'Choose a CA certificate (PEM)', filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer'] }, { name: 'All files', extensions: ['*'] }] },
  clientCertificate: { title: 'Choose a client certificate (PEM)', filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer'] }, { name: 'All files', extensions: ['*'] }] },
  clientKey: { title: 'Choose a client key (PEM)', filters: [{ name: 'Keys', extensions: ['pem', 'key'] }, { name: 'All files', extensions: ['*'] }] },
  sqliteDatabase: { title: 'Open a SQLite database', filters: [{ name: 'SQLite', extensions: ['sqlite', 'sqlite3', 'db', 'db3'] }, { name: 'All files', extensions: ['*'] }] },
  sshConfig: { title: 'Import an SSH config file', filters: [{ name: 'All files', extensions: ['*'] }] },
  profileBundle: { title: 'Import connections', filters: [{ name: 'Burrow connections', extensions: ['json'] }] },
  csvFile: { title: 'Import rows from a CSV file', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }, { name: 'All files', extensions: ['*'] }] },
  sqlFile: { title: 'Open a SQL file', filters: [{ name: 'SQL', extensions: ['sql', 'txt'] }, { name: 'All files', extensions: ['*'] }] },
};

/** A native open dialog, parented to the focused window. */
export async function pickFile(purpose: FilePurpose): Promise<string | null> {
  const { title, filters } = dialogs[purpose];
  const parent = BrowserWindow.getFocusedWindow();
  const options = { title, filters, properties: ['openFile', 'showHiddenFiles'] as ('openFile' | 'showHiddenFiles')[] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

const exportFilters: Record<FileFormat, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  sql: { name: 'SQL', extensions: ['sql'] },
};

/** A native save dialog for an export (a result, connections), parented to the focused window. */
export async function pickSavePath(suggestedName: string, format: FileFormat, title?: string): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow();
  const filter = exportFilters[format];
  const options = { title: title ?? `Export the result as ${filter.name}`, defaultPath: suggestedName, filters: [filter], properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
