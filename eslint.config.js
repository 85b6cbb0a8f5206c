// Import boundaries of DESIGN.md, enforced here rather than by goodwill:
// - the core (main/ except main/app), relay/, dev/, common/ never import electron;
// - the renderer never imports Node built-ins, the core, the relay or the preload;
// - the preload imports only electron and the shared types in common/;
// - ground/ (clock, backoff) imports nothing of the project: every folder may stand on it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { noUiLiteral } from './scripts/eslint/no-ui-literal.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only main/app/ and preload/ may import electron.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', '.native/**', 'demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
      // One `import { z }` anywhere in a bundle keeps all of zod in it (its locales, JSON schema): the
      // namespace import lets esbuild drop what is unused (scripts/build.mjs).
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']", message: "Import zod as a namespace: import * as z from 'zod'." }],
    },
  },
  {
    files: ['ground/**/*.ts', 'main/**/*.ts', 'relay/**/*.ts', 'dev/**/*.ts', 'common/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/app/**', '**/app/**'], message: 'The core never depends on the Electron glue.' }, { group: ['**/renderer/**', '**/preload/**'], message: 'Node code never imports window code.' }] }],
    },
  },
  {
    files: ['relay/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/app/**', '**/renderer/**', '**/preload/**', '**/main/core/**', '**/main/printing/**'], message: 'The relay is a separate service: it may share only the klikit model.' }] }],
    },
  },
  {
    files: ['ground/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/**', '**/relay/**', '**/common/**', '**/dev/**', '**/renderer/**', '**/preload/**'], message: 'ground/ sits below everything: it imports nothing of the project.' }] }],
    },
  },
  {
    files: ['main/routing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/app/**', '**/renderer/**', '**/preload/**', '**/store/**', '**/printing/**', '**/ingest/**', '**/tickets/**', '**/relay-client/**', '**/poller/**', '**/window-api/**'], message: 'Routing is pure: plain values in, plain values out.' }] }],
    },
  },
  {
    files: ['main/screens/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/app/**', '**/renderer/**', '**/preload/**', '**/window-api/**', '**/core/bridge.js', '**/core/cli.js', '**/relay-client/**', '**/poller/**', '**/klikit/**'], message: 'LAN screens reach the core only through the request handler passed in; they never touch the bridge wiring, the relay or klikit.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'The renderer runs sandboxed: no Node, no electron; use window.bridge.' })), patterns: [{ group: ['**/main/**', '**/relay/**', '**/preload/*', '!**/preload/*.d.ts', '**/dev/**'], message: 'The renderer talks to the core only through window.bridge (types from common/).' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/i18n.ts'],
    plugins: { i18n: { rules: { 'no-ui-literal': noUiLiteral } } },
    rules: { 'i18n/no-ui-literal': 'error' },
  },
  {
    // The scripts that start a CLI are CommonJS (scripts/run-bundled.cjs says why).
    files: ['scripts/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!(electron|\\.\\./common/[\\w-]+\\.js)$)', message: 'The preload imports only electron and the shared types in common/.' }] }],
    },
  },
);
