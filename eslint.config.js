import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', '.test-output/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The write path of every submission and the status lookup. On Node 20, an object literal that
    // starts with a spread and adds properties (`{ ...row, hash }`) makes objects that survive
    // young-generation GCs: 2.2 MB promoted per scavenge in-process, 0.3–0.5 MB once these files were
    // written without it (bench/README.md, "Object spread and the young generation").
    files: [
      'src/core/audit/audit-log.ts',
      'src/core/jobs/outbox.ts',
      'src/core/db/group-commit.ts',
      'src/core/db/reusable-query.ts',
      'src/modules/cases/domain/case-state.ts',
      'src/modules/cases/domain/compute-deadline.ts',
      'src/modules/cases/domain/deadlines.ts',
      'src/modules/cases/server/case-record.ts',
      'src/modules/cases/server/use-cases/submit-case.ts',
      'src/modules/cases/server/use-cases/public-status.ts',
      'src/modules/cases/server/use-cases/shared.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement:first-child ~ Property',
          message: 'Hot path: write the properties out (or assign onto a fresh literal) instead of `{ ...source, more }`; see bench/README.md.',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**', '**/*.test.ts', '.dependency-cruiser.cjs'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
