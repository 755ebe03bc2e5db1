import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiOrCompute = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'plotly.js',
  'plotly.js/*',
  'plotly.js-dist-min',
  '@tensorflow/*',
  'comlink',
  'katex',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'coverage', 'kernels'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The science core must stay pure: testable in Node, reusable by the CLI and the worker.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiOrCompute,
              message: 'src/core is pure TypeScript: no React, tfjs, plotting or worker RPC.',
            },
            {
              group: ['**/ui/**', '**/state/**', '**/compute/**', '**/worker/**', '**/cli/**'],
              message: 'src/core must not depend on the layers above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'self', 'localStorage'],
    },
  },
  {
    // The page (views and state) never loads TensorFlow.js or the job implementations: it talks to
    // the workers through job contracts in src/core, so the first paint stays small and fast.
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'TensorFlow.js runs only in the compute worker (src/compute, src/worker).',
            },
            {
              group: ['**/compute/**', '**/compute'],
              message:
                'The page imports job contracts from src/core, never their implementations in src/compute.',
            },
          ],
        },
      ],
    },
  },
);
