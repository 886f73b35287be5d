// ESLint flat config: type-aware rules everywhere, layering enforced with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// No SQL put together by hand: values are bound as `?` parameters, and the only parts spliced into SQL text are
// SqlText from store/sql-text.ts (the `sql` tag, identifier lists from constants, placeholders, integers).
// Everywhere: .prepare/.exec/.pragma given a template with expressions or a `+` concatenation. In store/ and server/
// (where SQLite is reached) also any untagged template with expressions that starts like SQL, which catches SQL
// handed through a helper (`raw(\`SELECT ${…}\`)`); elsewhere such templates are statement text in test spans.
const SQL_METHODS = '/^(prepare|exec|pragma)$/';
const SQL_KEYWORD_START = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH|PRAGMA)\\b/';
const SQL_MESSAGE = 'SQL text is never built from strings: bind values as ? parameters; splice only SqlText (sql`…` from store/sql-text.ts).';
const EXPORT_ALL = { selector: 'ExportAllDeclaration', message: 'Export names explicitly from index.ts (no export *).' };
const noSqlCalls = [
  { selector: `CallExpression[callee.property.name=${SQL_METHODS}] > TemplateLiteral.arguments[expressions.length>0]`, message: SQL_MESSAGE },
  { selector: `CallExpression[callee.property.name=${SQL_METHODS}] > BinaryExpression.arguments[operator='+']`, message: SQL_MESSAGE },
];
const noSqlTemplates = [
  {
    selector:
      `TemplateLiteral[expressions.length>0][quasis.0.value.raw=${SQL_KEYWORD_START}]` +
      `:not(TaggedTemplateExpression > TemplateLiteral):not(CallExpression[callee.property.name=${SQL_METHODS}] > TemplateLiteral)`,
    message: SQL_MESSAGE,
  },
];

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'zlib', 'child_process', 'worker_threads', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'bin/**', '**/*.mjs', 'eslint.config.js', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        EXPORT_ALL,
        ...noSqlCalls,
      ],
    },
  },
  {
    files: ['store/**', 'server/**'],
    rules: { 'no-restricted-syntax': ['error', EXPORT_ALL, ...noSqlCalls, ...noSqlTemplates] },
  },
  {
    // The data path never touches Electron; rules get their evidence handed to them, never the store.
    files: ['collectors/**', 'store/**', 'rules/**', 'server/**', 'cli/**', 'techniques/**', 'common/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/ and preload/ may import electron.' }] }],
    },
  },
  {
    files: ['rules/**'],
    ignores: ['rules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/ and preload/ may import electron.' }],
          patterns: [{ group: ['**/store', '**/store/**'], message: 'Rules receive evidence from the core; they never read the store.' }],
        },
      ],
    },
  },
  {
    files: ['common/**'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'common/ is shared with the renderer.' }], patterns: [{ group: nodeBuiltins, message: 'common/ is shared with the renderer: no Node modules.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts', 'renderer/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only through its api module.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer never imports Node code.' },
            { group: ['**/store/**', '**/server/**', '**/collectors/**', '**/rules/**', '**/main/**', '**/preload/**'], message: 'The renderer talks only through its api module.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**', 'fixtures/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
