// ESLint flat config: typescript-eslint's recommended rules with type information for TypeScript (floating promises,
// misused promises and the like matter in an extension host), the plain recommended rules for the .mjs scripts, and
// the rooms (DESIGN.md): no `vscode` below src/core or in the CLI, no Node built-ins in the webview.
// Formatting is Prettier's job (`prettier --check` in `npm run lint`), so eslint-config-prettier turns style rules off.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'Only src/host talks to the VS Code API (src/core and the CLI run in plain Node).',
};
const nodeBuiltins = [
  { group: ['node:*'], message: 'The webview is browser code: it never reads files or runs models (DESIGN.md).' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      '.e2e-tools/**',
      '.e2e-out/**',
      '.bench/**',
      '.reward-lens/**',
      'out/**',
      'test-output/**',
      'samples/**',
      'models/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `catch {}` is how the code says "best effort" (a missing cache file, a closed pipe).
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program over everything (the root config) instead of one per room: about a fifth less CPU, and the
      // rooms are the compiler's job (scripts/typecheck.sh).
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Handlers passed to VS Code and DOM events may return promises; their rejections are handled inside.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // `typeof import('…')` types modules loaded lazily (onnxruntime, webview code after jsdom is set up).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // `async` marks methods that implement Promise-returning interfaces (Scorer, RecordSource, HostApi) even when
      // this implementation has nothing to wait for; a thrown error still becomes a rejection.
      '@typescript-eslint/require-await': 'off',
      // `${err}` on a caught `unknown` is how errors become messages ("Error: ENOENT …"); the rule would need a
      // String() around every one without changing the text.
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    // Tests, benchmarks and scripts read JSON they wrote themselves and assert on it; `any` there is not a hazard
    // the assertions would miss. node:test's test() and describe() return promises the runner awaits.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'webview/**/dev/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Page callbacks (page.evaluate) run in the browser.
    files: ['test/e2e/**/*.mjs', 'test/media/**/*.mjs', 'webview/**/dev/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'src/protocol.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['webview/**/*.ts'],
    ignores: ['webview/dev/server.ts', 'webview/dev/chromium.ts', 'webview/dev/screenshots.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: nodeBuiltins }] },
  },
  prettier,
);
