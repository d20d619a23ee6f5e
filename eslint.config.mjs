// ESLint 9 flat config: typescript-eslint with type information, for the rules that catch bugs
// the compiler does not (floating and misused promises, awaiting a non-promise, unused code,
// non-exhaustive switches). Layout is Prettier's job: eslint-config-prettier comes last.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.test-data/**', 'bench/results/**', 'web/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'migrations/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Promises: the bugs worth a linter (a transaction or an audit append nobody waits for).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Guards rethrow what Passport or the throttler hands them (typed unknown).
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      // Guards run this application's strategy instances (common/authz/passport-auth.ts authenticateWith):
      // a strategy looked up by name comes from passport's one registry per process, where the last
      // application built replaces the others' (two servers in one process, as the multi-server suite runs).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@nestjs/passport', importNames: ['AuthGuard'], message: 'Run the strategy instance with authenticateWith (common/authz/passport-auth.ts).' }] },
      ],
      eqeqeq: ['error', 'smart'],
      'no-self-compare': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'array-callback-return': 'error',
      'no-template-curly-in-string': 'off',
      // Off on purpose: query results and HTTP bodies are `any` by design at those edges (the
      // repositories type their rows, the tests assert bodies); these would flag ~600 lines of it.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off on purpose: style, not bugs (Nest interfaces want async methods; a redundant cast is harmless).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests destructure helpers (`const { close } = world`) and pass jest.fn() methods around.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
