// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Core and commands never see a platform: they return plain Answer data.
    files: ['src/core/**/*.ts', 'src/knowledge/**/*.ts', 'commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['discord.js', 'discord.js/*', '@discordjs/*', 'grammy', 'grammy/*', '@grammyjs/*'],
              message: 'Core and commands are platform-neutral.',
            },
            { group: ['**/adapters/**'], message: 'Core and commands must not depend on adapters.' },
          ],
        },
      ],
    },
  },
  {
    // The knowledge is a leaf: schema, loader and index need nothing from the core, commands or adapters.
    files: ['src/knowledge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['discord.js', 'discord.js/*', '@discordjs/*', 'grammy', 'grammy/*', '@grammyjs/*'],
              message: 'The knowledge is platform-neutral.',
            },
            {
              group: ['**/core/**', '**/adapters/**', '**/commands/**'],
              message: 'src/knowledge is a leaf module.',
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters translate: they use the core's contract, never commands or the knowledge internals.
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/**', '../../../commands/*'],
              message: 'Adapters reach commands only through core.dispatch.',
            },
            {
              group: ['**/knowledge/load*', '**/knowledge/index*', '**/knowledge/cross-check*'],
              message: 'Adapters do not read the knowledge; the core does.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
