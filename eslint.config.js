import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	globalIgnores([
		'build/',
		'.svelte-kit/',
		'data/',
		'test-results/',
		'playwright-report/',
		'tmp-*'
	]),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	// Prettier owns formatting; this only switches off svelte/* layout rules that would fight it.
	// The core and typescript-eslint recommended sets contain no formatting rules.
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// The core rule does not understand types, and would report JS files twice.
			'no-unused-vars': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_'
				}
			]
		}
	},
	{
		// TypeScript reports undefined names itself, and knows about ambient types that no-undef does not
		// (typescript-eslint's advice).
		files: ['**/*.ts', '**/*.svelte'],
		rules: { 'no-undef': 'off' }
	},
	{
		// Migrations are frozen in time and must not depend on today's schema types, so they take
		// `Kysely<any>` (Kysely's migration docs).
		files: ['migrations/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				extraFileExtensions: ['.svelte'],
				svelteConfig
			}
		},
		rules: {
			// Internal links go through localizePath() (German at /, English under /en), and Mitreden
			// is served at the root of its host, so there is no base path for resolve() to add.
			'svelte/no-navigation-without-resolve': 'off'
		}
	}
);
