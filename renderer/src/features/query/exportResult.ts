import type { ExportFormat } from '../../../../shared/query';
import { burrow } from '../../ipc/client';

/** Asks main to save a stored result as CSV or JSON (main shows the save dialog); answers with a line for the status bar. */
export async function exportResult(resultId: string, format: ExportFormat): Promise<{ ok: boolean; text: string }> {
  const answer = await burrow().query.export({ resultId, format, headers: true });
  if (!answer.ok) return { ok: false, text: `${answer.error.code}: ${answer.error.message}` };
  const { path, rows, bytes } = answer.value;
  if (path === null) return { ok: true, text: '' };
  return { ok: true, text: `Exported ${rows.toLocaleString()} rows (${formatBytes(bytes)}) to ${path}` };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
