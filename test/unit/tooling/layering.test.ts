import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only real if lint rejects a violation; lint a probe file in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: import boundaries', () => {
  it("rejects import 'electron' in electron/core", async () => {
    const messages = await restrictedImportMessages('electron/core/probe.ts', "import 'electron';\nexport {};\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Only electron\/main/);
  });

  it('rejects Node built-ins and electron in shared/', async () => {
    expect(await restrictedImportMessages('shared/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImportMessages('shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
  });

  it('rejects Node built-ins and electron in the renderer', async () => {
    expect(await restrictedImportMessages('renderer/src/probe.ts', "import path from 'path';\nexport const x = path;\n")).toHaveLength(1);
    expect(await restrictedImportMessages('renderer/src/probe.ts', "import { shell } from 'electron';\nexport const x = shell;\n")).toHaveLength(1);
    expect(await restrictedImportMessages('renderer/src/probe.ts', "import { x } from '../../electron/core/createCore';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('allows ipcMain only in the IPC guard', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await restrictedImportMessages('electron/main/window.ts', code)).toHaveLength(1);
    expect(await restrictedImportMessages('electron/preload/index.ts', code)).toHaveLength(1);
    expect(await restrictedImportMessages('electron/main/ipc/guard.ts', code)).toEqual([]);
  });

  it('allows the core to use Node built-ins and shared/', async () => {
    const code = "import net from 'node:net';\nimport { ok } from '../../shared/errors';\nexport const x = [net, ok];\n";
    expect(await restrictedImportMessages('electron/core/probe.ts', code)).toEqual([]);
  });
});
