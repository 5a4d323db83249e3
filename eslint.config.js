// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import layers from './eslint/layers.js'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.tmp/', 'migrations/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The layers of src/ import only downwards (eslint/layers.js, docs/architecture.md).
    files: ['src/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/boundaries': 'error' },
  },
  {
    // The engine and the map drawing are pure: no I/O, no clock, no randomness.
    files: ['src/engine/**/*.ts', 'src/maps/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fastify*', 'drizzle-orm*', 'better-sqlite3', 'node:fs', 'node:net', 'node:http'] }],
      'no-restricted-globals': ['error', 'Date', 'fetch', 'process'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random' }],
    },
  },
  {
    // The browser widget: a classic script, ES2019 syntax, browser globals, and it must never log.
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(['window', 'document', 'location', 'URL', 'CSSStyleSheet', 'AbortController', 'fetch',
        'setTimeout', 'clearTimeout', 'Blob', 'DOMParser'].map((g) => [g, 'readonly'])),
    },
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': ['error', 'ChainExpression', "LogicalExpression[operator='??']", 'ImportExpression',
        "AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]", 'PrivateIdentifier', 'PropertyDefinition', 'StaticBlock', 'Literal[bigint]'],
    },
  },
)
