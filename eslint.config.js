// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noElectron = { name: 'electron', message: 'Only electron/main (and the preload) may import electron.' };
const noIpcMain = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only electron/main/ipc/guard.ts may import ipcMain.',
};
const noIpcRenderer = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only the preload may import ipcRenderer.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.toolchain/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(skip|only|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'A skipped or focused test is not a pass.' },
      ],
    },
  },
  // Layering, enforced: shared/ is pure TypeScript; electron/core/ is plain Node.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node built-ins.' }))],
        patterns: [{ group: ['electron/*'], message: noElectron.message }, { group: ['../electron/**', '../renderer/**'], message: 'shared/ depends on nothing else in the repo.' }],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['electron/*'], message: noElectron.message }, { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core must not depend on main, preload or the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/guard.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noIpcMain, noIpcRenderer] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noIpcMain] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' }))],
        patterns: [{ group: ['electron/*', '**/electron/**'], message: 'The renderer talks to main only through the contract (window.burrow).' }],
      }],
    },
  },
  {
    files: ['test/host/shim.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
